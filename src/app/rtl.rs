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

use egui::{Color32, FontId, Response, Sense, TextWrapMode, Ui};

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
    current: HashMap<u64, Arc<egui::text::LayoutJob>>,
    previous: HashMap<u64, Arc<egui::text::LayoutJob>>,
}

/// Entries per generation: several screens of paragraphs and list rows.
const CACHE_GENERATION: usize = 2048;

impl RtlCache {
    pub fn get(&mut self, key: u64) -> Option<Arc<egui::text::LayoutJob>> {
        if let Some(job) = self.current.get(&key) {
            return Some(job.clone());
        }
        let job = self.previous.remove(&key)?;
        self.insert(key, job.clone());
        Some(job)
    }

    pub fn insert(&mut self, key: u64, job: Arc<egui::text::LayoutJob>) {
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
    font: &FontId,
    color: Color32,
    highlights: &[Highlight],
    pixels_per_point: f32,
) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    wrap_width.to_bits().hash(&mut h);
    font.hash(&mut h);
    color.hash(&mut h);
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
) -> Arc<egui::text::LayoutJob> {
    let id = egui::Id::new("newsline::rtl::RtlCache");
    let key = cache_key(text, wrap_width, font, color, highlights, ctx.pixels_per_point());
    // Not nested: `data_mut` and `fonts_mut` both lock the context.
    if let Some(job) = ctx.data_mut(|d| d.get_temp_mut_or_default::<RtlCache>(id).get(key)) {
        return job;
    }
    let job = Arc::new(ctx.fonts_mut(|f| {
        rtl_job(text, wrap_width, font.clone(), color, highlights, f)
    }));
    ctx.data_mut(|d| d.get_temp_mut_or_default::<RtlCache>(id).insert(key, job.clone()));
    job
}

/// A label for text that may be Arabic: body font and colour, wrapped
/// where the `ui` wraps text. See [`bidi_label_with`].
pub fn bidi_label(ui: &mut Ui, text: &str) -> Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let wrap = ui.wrap_mode() != TextWrapMode::Extend;
    bidi_label_with(ui, text, font, color, &[], wrap)
}

/// A label showing `text` (logical order) joined and in bidi order, with
/// `highlights` on byte ranges of `text`.
///
/// With `wrap` it wraps at the available width and takes all of it, so
/// right-to-left paragraphs sit at the right edge; without, it is one line
/// per `\n` and exactly as wide as its text (to right-align it in a row,
/// add it in a right-to-left layout, see [`is_rtl`]).
///
/// Not selectable (see the module docs); only senses hover, so it works in
/// tooltips (`response.on_hover_ui`) and never steals a click from the row
/// it sits in. Its accessibility label is the logical `text`, so tests can
/// find it by that.
pub fn bidi_label_with(
    ui: &mut Ui,
    text: &str,
    font: FontId,
    color: Color32,
    highlights: &[Highlight],
    wrap: bool,
) -> Response {
    let wrap_width = if wrap {
        ui.available_width()
    } else {
        f32::INFINITY
    };
    let job = cached_rtl_job(ui.ctx(), text, wrap_width, &font, color, highlights);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job((*job).clone()));
    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::hover());
    if ui.is_rect_visible(rect) {
        let pos = rect.min - galley.rect.min.to_vec2();
        ui.painter().galley(pos, galley, color);
    }
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, text));
    response
}
