//! Right-to-left (Arabic) text for egui 0.37.
//!
//! egui 0.37 shapes text (harfrust joins Arabic letters) but has no bidi:
//! it places runs left to right, so a plain label shows Arabic words in
//! reverse order, wraps wrongly and can show "200" as "002". Here we do the
//! bidi ourselves:
//!
//! 1. wrap the *logical* text into lines, measuring words with egui's fonts;
//! 2. per line, split into directional runs with `unicode-bidi` and into
//!    pieces egui shapes correctly ([`runs`]);
//! 3. emit one [`egui::text::LayoutSection`] per piece in display order,
//!    right-aligning right-to-left paragraphs ([`rtl_job`]).
//!
//! Widgets: [`bidi_label`] (compact), [`bidi_line`] (one clipped line, list
//! rows), [`bidi_heading`], [`bidi_paragraph`] (with highlights) and the
//! general [`bidi_label_with`]. Fonts: [`super::fonts::install_fonts`].
//!
//! Such galleys cannot map a cursor back to the text (egui issue #8576), so
//! [`bidi_label`] is not selectable; offer a copy of the logical text
//! elsewhere. Everything lives in this module so it can be deleted once
//! egui does bidi itself (egui PR #8577): then `bidi_label` becomes a plain
//! `ui.label`.

mod layout;
mod runs;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, Response, Sense, TextWrapMode, Ui};

use layout::{aligned_job, Look};
pub use layout::{rtl_job, Highlight};
pub use runs::{is_rtl, mirror, visual_runs, VisualRun};

/// Layout jobs built by [`rtl_job`], keyed by everything they depend on,
/// so a label costs one hash lookup per frame. egui's own galley cache then
/// turns the job into a galley (and keeps up with font atlas changes, which
/// is why galleys are not kept here).
///
/// Bounded: entries live in two generations; when the current one is full
/// it becomes the old one and the old one is dropped, and a hit in the old
/// one moves back to the current. So what is on screen stays cached and a
/// panel resize (a new width every frame) cannot grow it without limit.
#[derive(Clone, Default)]
pub struct RtlCache {
    current: HashMap<u64, Arc<LayoutJob>>,
    previous: HashMap<u64, Arc<LayoutJob>>,
}

/// Entries per generation: several screens of paragraphs and list rows.
const CACHE_GENERATION: usize = 2048;

impl RtlCache {
    pub fn get(&mut self, key: u64) -> Option<Arc<LayoutJob>> {
        if let Some(job) = self.current.get(&key) {
            return Some(job.clone());
        }
        let job = self.previous.remove(&key)?;
        self.insert(key, job.clone());
        Some(job)
    }

    pub fn insert(&mut self, key: u64, job: Arc<LayoutJob>) {
        if self.current.len() >= CACHE_GENERATION {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(key, job);
    }

    pub fn len(&self) -> usize {
        self.current.len() + self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn cache_key(
    text: &str,
    wrap_width: f32,
    look: &Look,
    highlights: &[Highlight],
    pixels_per_point: f32,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    wrap_width.to_bits().hash(&mut h);
    look.font.hash(&mut h);
    look.color.hash(&mut h);
    look.fill.hash(&mut h);
    highlights.hash(&mut h);
    pixels_per_point.to_bits().hash(&mut h);
    h.finish()
}

/// [`rtl_job`] through the [`RtlCache`] kept in `ctx`'s temporary data.
pub fn cached_rtl_job(
    ctx: &egui::Context,
    text: &str,
    wrap_width: f32,
    font: &FontId,
    color: Color32,
    highlights: &[Highlight],
) -> Arc<LayoutJob> {
    let look = Look {
        font: font.clone(),
        color,
        fill: true,
    };
    cached_job(ctx, text, wrap_width, &look, highlights)
}

fn cached_job(
    ctx: &egui::Context,
    text: &str,
    wrap_width: f32,
    look: &Look,
    highlights: &[Highlight],
) -> Arc<LayoutJob> {
    let id = egui::Id::unique("newsline::rtl::RtlCache");
    let key = cache_key(text, wrap_width, look, highlights, ctx.pixels_per_point());
    // Not nested: `data_mut` and `fonts_mut` both lock the context.
    if let Some(job) = ctx.data_mut(|d| d.get_temp_mut_or_default::<RtlCache>(id).get(key)) {
        return job;
    }
    let job = Arc::new(ctx.fonts_mut(|f| aligned_job(text, wrap_width, look, highlights, f)));
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<RtlCache>(id)
            .insert(key, job.clone())
    });
    job
}

/// Below this width a wrapping label wraps as if it had this much: a
/// collapsed panel would otherwise put every letter on a row of its own.
const MIN_WRAP_WIDTH: f32 = 40.0;

fn wrap_width(ui: &Ui) -> f32 {
    ui.available_width().max(MIN_WRAP_WIDTH)
}

/// Lay out through the cache and paint at the allocated rect; the
/// accessibility label is the logical `text`.
fn show(ui: &mut Ui, text: &str, wrap: f32, look: &Look, highlights: &[Highlight]) -> Response {
    let job = cached_job(ui.ctx(), text, wrap, look, highlights);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job((*job).clone()));
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    if ui.is_rect_visible(rect) {
        let pos = rect.min - galley.rect.min.to_vec2();
        ui.painter().galley(pos, galley, look.color);
    }
    label_info(ui, &response, text);
    response
}

fn label_info(ui: &Ui, response: &Response, text: &str) {
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, text));
}

/// A compact label for text that may be Arabic: body font and colour,
/// wrapped at the available width where the `ui` wraps text, and no wider
/// than its text (lines of a right-to-left paragraph right-aligned among
/// themselves).
pub fn bidi_label(ui: &mut Ui, text: &str) -> Response {
    let look = Look {
        font: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        fill: false,
    };
    let wrap = if ui.wrap_mode() == TextWrapMode::Extend {
        f32::INFINITY
    } else {
        wrap_width(ui)
    };
    show(ui, text, wrap, &look, &[])
}

/// One line, never wrapped (list rows). When it does not fit, Arabic keeps
/// its start (at the right) visible, anchored at the visible right edge,
/// and is clipped on the left; left-to-right text is clipped on the right.
pub fn bidi_line(ui: &mut Ui, text: &str) -> Response {
    let look = Look {
        font: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        fill: false,
    };
    let job = cached_job(ui.ctx(), text, f32::INFINITY, &look, &[]);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job((*job).clone()));
    let size = galley.size();
    let width = ui.available_width().min(size.x).max(0.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, size.y), Sense::hover());
    if ui.is_rect_visible(rect) {
        // A table cell may reach past its clip rect: anchor at what is seen.
        let right = rect.right().min(ui.clip_rect().right());
        let x = if is_rtl(text) {
            right - size.x
        } else {
            rect.left()
        };
        ui.painter()
            .with_clip_rect(rect.intersect(ui.clip_rect()))
            .galley(egui::pos2(x, rect.top()), galley, look.color);
    }
    label_info(ui, &response, text);
    response
}

/// A heading: heading size, strong colour, wrapped; takes the full width
/// so right-to-left lines sit at the right edge.
pub fn bidi_heading(ui: &mut Ui, text: &str) -> Response {
    let look = Look {
        font: egui::TextStyle::Heading.resolve(ui.style()),
        color: ui.visuals().strong_text_color(),
        fill: true,
    };
    show(ui, text, wrap_width(ui), &look, &[])
}

/// Naskh reads small at a Latin point size; paragraphs of article text get
/// this much more than the body size.
const PARAGRAPH_SCALE: f32 = 1.15;

/// A wrapped paragraph with highlighted byte ranges of `text` (source
/// panel): a little larger than body text, full width, right-to-left lines
/// at the right edge.
pub fn bidi_paragraph(ui: &mut Ui, text: &str, highlights: &[Highlight]) -> Response {
    let mut font = egui::TextStyle::Body.resolve(ui.style());
    font.size *= PARAGRAPH_SCALE;
    let look = Look {
        font,
        color: ui.visuals().text_color(),
        fill: true,
    };
    show(ui, text, wrap_width(ui), &look, highlights)
}

/// The general form: `text` (logical order) joined and in bidi order, with
/// `highlights` on byte ranges of `text`.
///
/// With `wrap` it wraps at the available width and takes all of it, so
/// right-to-left paragraphs sit at the right edge; without, it is one line
/// per `\n` and exactly as wide as its text (to right-align it in a row,
/// add it in a right-to-left layout, see [`is_rtl`]).
///
/// Like all labels here it is not selectable (see the module docs) and
/// only senses hover, so it works in tooltips (`response.on_hover_ui`) and
/// never steals a click from the row it sits in. Its accessibility label
/// is the logical `text`, so tests can find it by that.
pub fn bidi_label_with(
    ui: &mut Ui,
    text: &str,
    font: FontId,
    color: Color32,
    highlights: &[Highlight],
    wrap: bool,
) -> Response {
    let look = Look {
        font,
        color,
        fill: true,
    };
    let width = if wrap { wrap_width(ui) } else { f32::INFINITY };
    show(ui, text, width, &look, highlights)
}
