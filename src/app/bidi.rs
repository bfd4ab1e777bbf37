//! Right-to-left text for egui 0.37, which shapes Arabic (letters join) but
//! has no bidi: it lays runs out left to right, so a plain label shows Arabic
//! words in reversed order and wraps lines wrongly.
//!
//! The recipe: wrap the *logical* text into lines ourselves, run the Unicode
//! bidi algorithm per line to get visual runs, and build a `LayoutJob` with
//! one section per run, in display order. An RTL run stays in logical order
//! inside its section, in a font family whose first font is the Arabic one,
//! so egui's shaper (harfrust) shapes and orders it right to left as one
//! piece. Where the Arabic font lacks a glyph the run is split and the pieces
//! ordered here; neutral-only pieces inside an RTL run are reversed and
//! mirrored here. Lines of RTL paragraphs are right-aligned.
//!
//! Such labels cannot be selected (egui's cursor assumes one glyph per char,
//! egui issue #8576), so they are non-selectable and copy goes through the
//! stored logical text. When egui gains bidi (PR #8577) this module goes.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use egui::text::{LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontFamily, FontId, Galley, Response, Sense, Ui, WidgetInfo};
use unicode_bidi::BidiInfo;

/// Family for right-to-left runs: the Arabic font first, egui's defaults after.
pub const ARABIC_FAMILY: &str = "newsline-arabic";
/// The Arabic font alone, to ask which glyphs it has.
const ARABIC_ONLY: &str = "newsline-arabic-only";
const ARABIC_FONT: &str = "NotoNaskhArabic";

/// Install the embedded Arabic font: as a fallback of the ordinary families
/// (so any label can show an Arabic glyph) and first in [`ARABIC_FAMILY`].
pub fn install_fonts(ctx: &egui::Context) {
    let mut defs = egui::FontDefinitions::default();
    defs.font_data.insert(
        ARABIC_FONT.to_owned(),
        Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/NotoNaskhArabic-Regular.ttf"
        ))),
    );
    let proportional = defs
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push(ARABIC_FONT.to_owned());
    }
    let mut arabic = vec![ARABIC_FONT.to_owned()];
    arabic.extend(proportional);
    defs.families
        .insert(FontFamily::Name(ARABIC_FAMILY.into()), arabic);
    defs.families.insert(
        FontFamily::Name(ARABIC_ONLY.into()),
        vec![ARABIC_FONT.to_owned()],
    );
    ctx.set_fonts(defs);
}

/// A background colour over a byte range of the logical text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Highlight {
    pub range: Range<usize>,
    pub background: Color32,
}

impl Highlight {
    pub fn new(range: Range<usize>, background: Color32) -> Self {
        Self { range, background }
    }
}

/// One run of a line, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualRun {
    /// Byte range in the logical text.
    pub range: Range<usize>,
    pub rtl: bool,
}

/// True when the text's first strong character is right-to-left.
pub fn is_rtl(text: &str) -> bool {
    BidiInfo::new(text, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

/// Visual runs (display order, left to right) of `line`, a range of `text`
/// holding no line break, under the direction of `text`'s first paragraph.
pub fn visual_runs(text: &str, line: Range<usize>) -> Vec<VisualRun> {
    let info = BidiInfo::new(text, None);
    runs_of(&info, line)
}

fn runs_of(info: &BidiInfo<'_>, line: Range<usize>) -> Vec<VisualRun> {
    let Some(para) = info
        .paragraphs
        .iter()
        .find(|p| p.range.start <= line.start && line.end <= p.range.end)
        .or_else(|| info.paragraphs.first())
    else {
        return Vec::new();
    };
    if line.is_empty() {
        return Vec::new();
    }
    let (levels, runs) = info.visual_runs(para, line);
    runs.into_iter()
        .map(|r| VisualRun {
            rtl: levels.get(r.start).is_some_and(|l| l.is_rtl()),
            range: r,
        })
        .collect()
}

/// The paired bracket a character shows as inside a right-to-left run.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

fn is_strong_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic-script digits that a shaper would order right to left if shaped
/// together; inside an LTR (number) run each is laid out on its own.
fn is_arabic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Style of one piece of text.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    color: Color32,
}

/// Builds the sections of one layout job, in display order.
struct JobBuilder<'a> {
    job: LayoutJob,
    style: Style,
    highlights: &'a [Highlight],
    /// Characters no installed font can draw, shown as a stand-in instead.
    missing: std::collections::HashSet<char>,
}

/// What to show for a character no font has: ASCII for common arrows and
/// signs, else a plain question mark (better than a tofu box, and egui's
/// test harness refuses tofu).
fn stand_in(c: char) -> &'static str {
    match c {
        '→' | '⟶' => "->",
        '←' => "<-",
        '⇒' => "=>",
        '≤' => "<=",
        '≥' => ">=",
        '–' | '—' | '−' => "-",
        '…' => "...",
        '•' | '●' | '·' => "*",
        _ => "?",
    }
}

impl JobBuilder<'_> {
    fn background(&self, at: usize) -> Color32 {
        self.highlights
            .iter()
            .rev()
            .find(|h| h.range.contains(&at))
            .map_or(Color32::TRANSPARENT, |h| h.background)
    }

    fn push(&mut self, s: &str, family: FontFamily, background: Color32, leading: f32) {
        if s.is_empty() {
            return;
        }
        let start = self.job.text.len();
        if self.missing.is_empty() || !s.chars().any(|c| self.missing.contains(&c)) {
            self.job.text.push_str(s);
        } else {
            for c in s.chars() {
                if self.missing.contains(&c) {
                    self.job.text.push_str(stand_in(c));
                } else {
                    self.job.text.push(c);
                }
            }
        }
        let end = self.job.text.len();
        let format = TextFormat {
            font_id: FontId::new(self.style.size, family),
            color: self.style.color,
            background,
            ..Default::default()
        };
        self.job.sections.push(LayoutSection {
            leading_space: leading,
            byte_range: egui::text::ByteIndex(start)..egui::text::ByteIndex(end),
            format,
        });
    }
}

/// Boundaries inside `range` where the highlight changes.
fn cut_points(range: &Range<usize>, highlights: &[Highlight]) -> Vec<usize> {
    let mut cuts: Vec<usize> = highlights
        .iter()
        .flat_map(|h| [h.range.start, h.range.end])
        .filter(|&p| range.start < p && p < range.end)
        .collect();
    cuts.push(range.start);
    cuts.push(range.end);
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Lay out one line's runs into `b`.
fn push_line(
    b: &mut JobBuilder<'_>,
    text: &str,
    runs: &[VisualRun],
    has_arabic_glyph: &mut dyn FnMut(char) -> bool,
    leading: f32,
) {
    let mut leading = leading;
    let arabic = FontFamily::Name(ARABIC_FAMILY.into());
    for run in runs {
        // Pieces of the run: split at highlight changes, and (RTL) where the
        // Arabic font's coverage changes, so each piece is shaped whole.
        let mut pieces: Vec<(Range<usize>, bool)> = Vec::new();
        let cuts = cut_points(&run.range, b.highlights);
        for w in cuts.windows(2) {
            let (Some(&s), Some(&e)) = (w.first(), w.get(1)) else {
                continue;
            };
            let Some(seg) = text.get(s..e) else { continue };
            if !run.rtl {
                pieces.push((s..e, true));
                continue;
            }
            let mut piece_start = s;
            let mut covered: Option<bool> = None;
            for (i, c) in seg.char_indices() {
                let cov = c.is_whitespace() || has_arabic_glyph(c);
                if covered.is_some_and(|prev| prev != cov) {
                    pieces.push((piece_start..s + i, covered.unwrap_or(true)));
                    piece_start = s + i;
                }
                covered = Some(cov);
            }
            pieces.push((piece_start..e, covered.unwrap_or(true)));
        }
        if run.rtl {
            pieces.reverse();
        }
        for (range, covered) in pieces {
            let Some(piece) = text.get(range.clone()) else {
                continue;
            };
            let bg = b.background(range.start);
            if !run.rtl {
                if piece.chars().any(is_arabic_digit) {
                    for c in piece.chars() {
                        b.push(
                            c.encode_utf8(&mut [0; 4]),
                            FontFamily::Proportional,
                            bg,
                            leading,
                        );
                        leading = 0.0;
                    }
                } else {
                    b.push(piece, FontFamily::Proportional, bg, leading);
                    leading = 0.0;
                }
            } else if covered && piece.chars().any(is_strong_rtl) {
                // The shaper orders it right to left.
                b.push(piece, arabic.clone(), bg, leading);
                leading = 0.0;
            } else {
                // Neutral-only (or glyphs the Arabic font lacks): order it
                // here, mirrored.
                let shown: String = piece.chars().rev().map(mirror).collect();
                let family = if covered {
                    arabic.clone()
                } else {
                    FontFamily::Proportional
                };
                b.push(&shown, family, bg, leading);
                leading = 0.0;
            }
        }
    }
}

/// Greedy line breaking of one paragraph (no line breaks inside) at spaces,
/// measuring words with `width_of`. Returns byte ranges of `para`.
fn wrap_lines(
    para: &str,
    offset: usize,
    max_width: f32,
    width_of: &mut dyn FnMut(&str) -> f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_width = 0.0;
    for (ws, we) in split_words(para) {
        let w = para.get(ws..we).map_or(0.0, &mut *width_of);
        if line_width > 0.0 && line_width + w > max_width {
            lines.push(offset + line_start..offset + ws);
            line_start = ws;
            line_width = w;
        } else {
            line_width += w;
        }
    }
    if line_start < para.len() || lines.is_empty() {
        lines.push(offset + line_start..offset + para.len());
    }
    lines
}

/// Words with their trailing spaces, as byte ranges.
fn split_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push((start, i));
            start = i;
            in_space = false;
        }
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// Everything a layout depends on, for the cache.
#[derive(Hash)]
struct Key<'a> {
    fill: bool,
    text: &'a str,
    width_bits: u32,
    size_bits: u32,
    ppp_bits: u32,
    color: Color32,
    highlights: &'a [Highlight],
}

type GalleyCache = Mutex<HashMap<u64, (Arc<Galley>, bool)>>;

fn cache() -> &'static GalleyCache {
    static CACHE: OnceLock<GalleyCache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Bound on cached layouts: the source panel of a long article plus a few
/// hundred list rows; past it the cache starts over.
const CACHE_LIMIT: usize = 4000;

/// Lay out `text` for display. `wrap_width` None: one line per paragraph.
/// `fill`: right-to-left lines are right-aligned within `wrap_width`.
/// Returns the galley and whether the text is right-to-left.
pub fn layout(
    ui: &Ui,
    text: &str,
    wrap_width: Option<f32>,
    fill: bool,
    size: f32,
    color: Color32,
    highlights: &[Highlight],
) -> (Arc<Galley>, bool) {
    let key = Key {
        fill,
        text,
        width_bits: wrap_width.unwrap_or(f32::INFINITY).to_bits(),
        size_bits: size.to_bits(),
        ppp_bits: ui.ctx().pixels_per_point().to_bits(),
        color,
        highlights,
    };
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    let hash = hasher.finish();
    if let Some(hit) = cache().lock().ok().and_then(|c| c.get(&hash).cloned()) {
        return hit;
    }
    let rtl = is_rtl(text);
    let job = ui.ctx().fonts_mut(|fonts| {
        let arabic = FontId::new(size, FontFamily::Name(ARABIC_FAMILY.into()));
        let arabic_only = FontFamily::Name(ARABIC_ONLY.into());
        let mut width_of = |s: &str| {
            let font = if s.chars().any(is_strong_rtl) {
                arabic.clone()
            } else {
                FontId::proportional(size)
            };
            fonts.layout_no_wrap(s.to_owned(), font, color).size().x
        };
        let info = BidiInfo::new(text, None);
        let mut lines: Vec<(Range<usize>, f32)> = Vec::new();
        let mut start = 0;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), '\n')))
        {
            if c == '\n' || c == '\r' {
                let para = text.get(start..i).unwrap_or("");
                match wrap_width {
                    Some(w) => {
                        for l in wrap_lines(para, start, w, &mut width_of) {
                            let lw = text.get(l.clone()).map_or(0.0, |s| width_of(s.trim_end()));
                            lines.push((l, lw));
                        }
                    }
                    None => lines.push((start..start + para.len(), 0.0)),
                }
                start = i + c.len_utf8();
            }
        }
        let prop = FontId::proportional(size);
        let missing = text
            .chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .filter(|&c| !fonts.has_glyph(&prop, c))
            .collect();
        let mut b = JobBuilder {
            job: LayoutJob::default(),
            style: Style { size, color },
            highlights,
            missing,
        };
        b.job.wrap.max_width = f32::INFINITY;
        let mut has = |c: char| fonts.has_glyph(&FontId::new(size, arabic_only.clone()), c);
        let n = lines.len();
        for (i, (line, line_width)) in lines.into_iter().enumerate() {
            // Trailing spaces would show on the left of an RTL line.
            let trimmed_end = text
                .get(line.clone())
                .map_or(line.end, |s| line.start + s.trim_end().len());
            let runs = runs_of(&info, line.start..trimmed_end);
            // Right-align the lines of an RTL paragraph within the width.
            let leading = match (rtl && fill, wrap_width) {
                (true, Some(w)) => (w - line_width).max(0.0),
                _ => 0.0,
            };
            push_line(&mut b, text, &runs, &mut has, leading);
            if i + 1 < n {
                b.push("\n", FontFamily::Proportional, Color32::TRANSPARENT, 0.0);
            }
        }
        b.job
    });
    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
    if let Ok(mut c) = cache().lock() {
        if c.len() > CACHE_LIMIT {
            c.clear();
        }
        c.insert(hash, (galley.clone(), rtl));
    }
    (galley, rtl)
}

fn show(ui: &mut Ui, text: &str, galley: Arc<Galley>, fill: bool) -> Response {
    let size = galley.size();
    let width = if fill {
        ui.available_width().max(size.x)
    } else {
        size.x
    };
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, size.y), Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter()
            .galley(rect.min, galley, ui.visuals().text_color());
    }
    let logical = text.to_owned();
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, logical.clone()));
    response
}

/// A compact label (wraps at the available width, takes only the room it needs).
pub fn bidi_label(ui: &mut Ui, text: &str) -> Response {
    let size = egui::TextStyle::Body.resolve(ui.style()).size;
    let color = ui.visuals().text_color();
    let width = ui.available_width().max(40.0);
    let (g, _) = layout(ui, text, Some(width), false, size, color, &[]);
    show(ui, text, g, false)
}

/// A single-line label (list rows): no wrapping. Arabic that does not fit
/// keeps its start (at the right) visible and is clipped on the left.
pub fn bidi_line(ui: &mut Ui, text: &str) -> Response {
    let size = egui::TextStyle::Body.resolve(ui.style()).size;
    let color = ui.visuals().text_color();
    let (galley, rtl) = layout(ui, text, None, false, size, color, &[]);
    let gsize = galley.size();
    let width = ui.available_width().min(gsize.x).max(0.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, gsize.y), Sense::hover());
    if ui.is_rect_visible(rect) {
        // Anchor at the visible right edge: a cell may reach past its clip.
        let right = rect.right().min(ui.clip_rect().right());
        let x = if rtl { right - gsize.x } else { rect.left() };
        ui.painter()
            .with_clip_rect(rect.intersect(ui.clip_rect()))
            .galley(egui::pos2(x, rect.top()), galley, color);
    }
    let logical = text.to_owned();
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, logical.clone()));
    response
}

/// A heading, wrapped, right-aligned when Arabic.
pub fn bidi_heading(ui: &mut Ui, text: &str) -> Response {
    let size = egui::TextStyle::Heading.resolve(ui.style()).size;
    let color = ui.visuals().strong_text_color();
    let width = ui.available_width().max(40.0);
    let (g, rtl) = layout(ui, text, Some(width), true, size, color, &[]);
    show(ui, text, g, rtl)
}

/// A wrapped paragraph with highlighted byte ranges (source panel),
/// right-aligned when Arabic.
pub fn bidi_paragraph(ui: &mut Ui, text: &str, highlights: &[Highlight]) -> Response {
    // A little larger than body text: Naskh is small for its point size.
    let size = egui::TextStyle::Body.resolve(ui.style()).size * 1.15;
    let color = ui.visuals().text_color();
    let width = ui.available_width().max(40.0);
    let (g, rtl) = layout(ui, text, Some(width), true, size, color, highlights);
    show(ui, text, g, rtl)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(String, bool)> {
        visual_runs(text, 0..text.len())
            .into_iter()
            .map(|r| (text[r.range].to_string(), r.rtl))
            .collect()
    }

    #[test]
    fn pure_arabic_is_one_rtl_run() {
        assert_eq!(
            shown("انشقاقات واغتيالات يشهدها تنظيم داعش"),
            [("انشقاقات واغتيالات يشهدها تنظيم داعش".to_string(), true)]
        );
    }

    #[test]
    fn numbers_and_latin_keep_their_order_inside_arabic() {
        let t = "قال \"محمد عدنان\" إن 200 جثة عثر عليها قرب Kobani في 29/6/2017";
        let runs = shown(t);
        // Display order, left to right: the date first (it ends the sentence),
        // then Arabic, Kobani, Arabic, 200, Arabic (the start, at the right).
        let texts: Vec<&str> = runs.iter().map(|(s, _)| s.trim()).collect();
        assert_eq!(texts.first(), Some(&"29/6/2017"));
        assert_eq!(texts.last().map(|s| s.starts_with("قال")), Some(true));
        let i200 = texts.iter().position(|s| *s == "200").unwrap();
        let ikob = texts.iter().position(|s| *s == "Kobani").unwrap();
        assert!(
            ikob < i200,
            "Kobani comes later in reading order, so further left"
        );
        assert!(runs.iter().any(|(s, rtl)| s == "200" && !rtl));
        assert!(runs.iter().any(|(s, rtl)| s == "29/6/2017" && !rtl));
    }

    #[test]
    fn english_stays_ltr() {
        assert_eq!(shown("Raqqa 2017"), [("Raqqa 2017".to_string(), false)]);
        assert!(!is_rtl("Raqqa الرقة"));
        assert!(is_rtl("الرقة Raqqa"));
    }

    #[test]
    fn brackets_mirror() {
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('«'), '»');
        assert_eq!(mirror('ا'), 'ا');
    }

    #[test]
    fn wrapping_keeps_logical_order_top_to_bottom() {
        let para = "واحد اثنان ثلاثة اربعة خمسة ستة";
        // Every word 10 wide: three words per line at width 35.
        let lines = wrap_lines(para, 0, 35.0, &mut |s: &str| {
            s.split_whitespace().count() as f32 * 10.0
        });
        let got: Vec<&str> = lines.iter().map(|l| para[l.clone()].trim()).collect();
        assert_eq!(got, ["واحد اثنان ثلاثة", "اربعة خمسة ستة"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "   ", "\n\n", "ـــ", "مُسْتَشْفَى", "a\u{202e}b", "(«»)"] {
            let _ = shown(t);
            let _ = is_rtl(t);
            let _ = wrap_lines(t, 0, 10.0, &mut |s: &str| s.len() as f32);
        }
    }
}
