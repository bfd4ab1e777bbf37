//! Wrapping logical text into lines and building the egui [`LayoutJob`]:
//! one section per display piece, lines separated by `\n`, right-to-left
//! paragraphs pushed to the right edge with the first section's
//! `leading_space`.

use std::ops::Range;

use egui::epaint::text::{FontsView, LayoutJob, LayoutSection, TextFormat};
use egui::{Align, Color32, FontId, Stroke};
use unicode_bidi::ParagraphBidiInfo;

use super::runs::{clusters, run_pieces, run_ranges, Piece};

/// A styled byte range of the *logical* text given to [`rtl_job`].
///
/// Where highlights overlap, later ones win for each property they set
/// (a non-transparent background, a colour, an underline), so a place
/// mention listed after its sentence shows on top of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Highlight {
    /// Byte range of the logical text. Applied per cluster (a letter and
    /// its marks) by where the cluster starts; a range that cuts a char or
    /// runs past the end is harmless.
    pub range: Range<usize>,
    /// Background colour; [`Color32::TRANSPARENT`] keeps what is below.
    pub background: Color32,
    /// Text colour; `None` keeps the base colour.
    pub color: Option<Color32>,
    /// Underline in the text colour.
    pub underline: bool,
}

impl Highlight {
    /// A background colour on a byte range (same as [`Highlight::background`]).
    pub fn new(range: Range<usize>, background: Color32) -> Self {
        Self::background(range, background)
    }

    /// A background colour on a byte range.
    pub fn background(range: Range<usize>, background: Color32) -> Self {
        Self {
            range,
            background,
            color: None,
            underline: false,
        }
    }
}

/// The resolved look of one char.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Style {
    background: Color32,
    color: Color32,
    underline: bool,
}

fn style_at(base: Style, highlights: &[Highlight], at: usize) -> Style {
    highlights
        .iter()
        .filter(|h| h.range.contains(&at))
        .fold(base, |mut s, h| {
            if h.background != Color32::TRANSPARENT {
                s.background = h.background;
            }
            if let Some(c) = h.color {
                s.color = c;
            }
            s.underline |= h.underline;
            s
        })
}

/// Line height relative to the font size. Noto Naskh's ascenders and
/// descenders need about 1.6 em; egui's default (the Latin font's metrics)
/// lets Arabic lines touch. Measured on the snapshot in `tests/snapshots/`.
const LINE_HEIGHT_EM: f32 = 1.6;

fn format(font: &FontId, style: Style) -> TextFormat {
    let mut f = TextFormat::simple(font.clone(), style.color);
    f.line_height = Some(font.size * LINE_HEIGHT_EM);
    // Each run is its own section: backgrounds expanded past their glyphs
    // would overlap their neighbours' and show darker seams between words.
    f.expand_bg = 0.0;
    f.background = style.background;
    if style.underline {
        // One point: egui's own default underline width for hyperlinks.
        f.underline = Stroke::new(1.0, style.color);
    }
    f
}

/// Byte ranges of the paragraphs of `text` (split at `\n`, a `\r` before it
/// dropped), so each gets its own base direction.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    for r in &mut out {
        if text.get(r.clone()).is_some_and(|p| p.ends_with('\r')) {
            r.end -= 1;
        }
    }
    out
}

/// Wrap one paragraph into lines (byte ranges of `para`) no wider than
/// `max_width`, breaking after whitespace; a word wider than a line is
/// broken between clusters. Whitespace at a break is dropped, as egui does.
/// Without a finite positive width the paragraph is one line.
pub(super) fn wrap(
    para: &str,
    max_width: f32,
    measure: &mut dyn FnMut(&str) -> f32,
) -> Vec<Range<usize>> {
    if !(max_width.is_finite() && max_width > 0.0) {
        return std::iter::once(0..para.len()).collect();
    }
    let mut lines = Vec::new();
    let mut line_start: Option<usize> = None;
    let mut line_end = 0;
    let mut width = 0.0;
    for (start, content_end, end) in words(para) {
        let content = para.get(start..content_end).unwrap_or("");
        let space = para.get(content_end..end).unwrap_or("");
        let w_content = if content.is_empty() {
            0.0
        } else {
            measure(content)
        };
        let w_space = if space.is_empty() {
            0.0
        } else {
            measure(space)
        };
        if let Some(s) = line_start {
            if width + w_content > max_width && !content.is_empty() {
                lines.push(s..line_end);
                line_start = None;
                width = 0.0;
            }
        }
        if line_start.is_none() && w_content > max_width {
            // Too wide for any line: break between clusters.
            let mut chunk_start = start;
            let mut chunk_width = 0.0;
            for cl in clusters(para, start..content_end) {
                let w = para.get(cl.clone()).map_or(0.0, &mut *measure);
                if chunk_width > 0.0 && chunk_width + w > max_width {
                    lines.push(chunk_start..cl.start);
                    chunk_start = cl.start;
                    chunk_width = 0.0;
                }
                chunk_width += w;
            }
            line_start = Some(chunk_start);
            width = chunk_width;
        } else {
            line_start.get_or_insert(start);
            width += w_content;
        }
        line_end = content_end;
        width += w_space;
    }
    if let Some(s) = line_start {
        lines.push(s..line_end);
    }
    if lines.is_empty() {
        lines.push(Range { start: 0, end: 0 });
    }
    lines
}

/// Words of `para` as (start, end of the non-space part, end including the
/// whitespace after it).
fn words(para: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut content_end: Option<usize> = None;
    for (i, c) in para.char_indices() {
        if c.is_whitespace() {
            content_end.get_or_insert(i);
        } else if let Some(ce) = content_end {
            out.push((start, ce, i));
            start = i;
            content_end = None;
        }
    }
    if start < para.len() {
        out.push((start, content_end.unwrap_or(para.len()), para.len()));
    }
    out
}

/// One laid-out line: its pieces in display order and whether its paragraph
/// is right to left.
struct Line {
    pieces: Vec<Piece<Style>>,
    rtl: bool,
}

/// Build the [`LayoutJob`] that shows `text` (logical order) joined and in
/// bidi display order, wrapped at `wrap_width` (`f32::INFINITY`: only at
/// `\n`), right-to-left paragraphs right-aligned to `wrap_width` (or to the
/// widest line when not wrapping), left-to-right ones left-aligned.
///
/// `highlights` style byte ranges of `text`; they follow the text through
/// wrapping and reordering. `fonts` measures words and lines.
///
/// The job's own wrapping is off and its text is *not* `text`: it holds the
/// display pieces (RTL pieces in logical order for the shaper, mirrored
/// brackets, zero-width joiners where a style cuts a word), so a galley
/// made from it cannot map cursor positions back to `text`.
pub fn rtl_job(
    text: &str,
    wrap_width: f32,
    font: FontId,
    color: Color32,
    highlights: &[Highlight],
    fonts: &mut FontsView<'_>,
) -> LayoutJob {
    let look = Look {
        font,
        color,
        fill: true,
    };
    aligned_job(text, wrap_width, &look, highlights, fonts)
}

/// How to lay out: font, base colour, and whether right-to-left lines are
/// aligned to the full wrap width (`fill`) or only to the widest line (a
/// compact label that takes no more room than its text).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Look {
    pub font: FontId,
    pub color: Color32,
    pub fill: bool,
}

/// [`rtl_job`] with the choice of [`Look::fill`].
pub(super) fn aligned_job(
    text: &str,
    wrap_width: f32,
    look: &Look,
    highlights: &[Highlight],
    fonts: &mut FontsView<'_>,
) -> LayoutJob {
    let (font, color) = (look.font.clone(), look.color);
    let base = Style {
        background: Color32::TRANSPARENT,
        color,
        underline: false,
    };
    // Signs no installed font has would draw as tofu boxes (and egui's test
    // harness refuses them): show a plain stand-in instead.
    let missing: std::collections::HashSet<char> = text
        .chars()
        .filter(|&c| stand_in(c).is_some())
        .filter(|&c| !fonts.has_glyph(&font, c))
        .collect();
    let mut lines: Vec<Line> = Vec::new();
    {
        let mut measure = |s: &str| {
            fonts
                .layout_no_wrap(substitute(s, &missing), font.clone(), color)
                .size()
                .x
        };
        for para_range in paragraphs(text) {
            let offset = para_range.start;
            let para = text.get(para_range).unwrap_or("");
            let info = ParagraphBidiInfo::new(para, None);
            let rtl = info.paragraph_level.is_rtl();
            for line in wrap(para, wrap_width, &mut measure) {
                let pieces = run_ranges(&info, line)
                    .into_iter()
                    .flat_map(|(run, run_rtl)| {
                        run_pieces(para, run, run_rtl, |i| {
                            style_at(base, highlights, offset + i)
                        })
                    })
                    .collect();
                lines.push(Line { pieces, rtl });
            }
        }
    }

    if !missing.is_empty() {
        for piece in lines.iter_mut().flat_map(|l| l.pieces.iter_mut()) {
            piece.text = substitute(&piece.text, &missing);
        }
    }

    let widths: Vec<f32> = lines
        .iter()
        .map(|l| fonts.layout_job(line_job(&l.pieces, &font)).size().x)
        .collect();
    let widest = widths.iter().copied().fold(0.0_f32, f32::max);
    let target = if look.fill && wrap_width.is_finite() {
        widest.max(wrap_width)
    } else {
        widest
    };

    let mut job = new_job();
    for (i, (line, width)) in lines.iter().zip(&widths).enumerate() {
        if i > 0 {
            push(&mut job, "\n", 0.0, format(&font, base));
        }
        let lead = if line.rtl {
            (target - width).max(0.0)
        } else {
            0.0
        };
        for (k, piece) in line.pieces.iter().enumerate() {
            let leading = if k == 0 { lead } else { 0.0 };
            push(&mut job, &piece.text, leading, format(&font, piece.style));
        }
    }
    if job.sections.is_empty() {
        // Keep one row of height for empty text.
        push(&mut job, "", 0.0, format(&font, base));
    }
    job
}

/// `s` with the `missing` characters replaced by their stand-ins.
fn substitute(s: &str, missing: &std::collections::HashSet<char>) -> String {
    if missing.is_empty() || !s.chars().any(|c| missing.contains(&c)) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| match stand_in(c).filter(|_| missing.contains(&c)) {
            Some(st) => st.to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// ASCII for common arrows and signs that the bundled fonts lack (evidence
/// strings and notes use them). Others are left alone: `has_glyph` does not
/// see every font egui can draw (emoji), so only these are replaced.
fn stand_in(c: char) -> Option<&'static str> {
    Some(match c {
        '→' | '⟶' => "->",
        '←' => "<-",
        '⇒' => "=>",
        '≤' => "<=",
        '≥' => ">=",
        '–' | '—' | '−' => "-",
        '…' => "...",
        '•' | '●' => "*",
        '✓' | '✔' => "v",
        _ => return None,
    })
}

fn new_job() -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = f32::INFINITY;
    job.break_on_newline = true;
    job.halign = Align::LEFT;
    job
}

fn line_job(pieces: &[Piece<Style>], font: &FontId) -> LayoutJob {
    let mut job = new_job();
    for p in pieces {
        push(&mut job, &p.text, 0.0, format(font, p.style));
    }
    job
}

/// Add one section. Not [`LayoutJob::append`], which merges neighbours of
/// equal format: the pieces must stay separate sections.
fn push(job: &mut LayoutJob, text: &str, leading_space: f32, format: TextFormat) {
    use egui::epaint::text::ByteIndex;
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(LayoutSection {
        leading_space,
        byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
        format,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Width of a char: 1 per char, so tests can reason in char counts.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    fn wrapped(para: &str, width: f32) -> Vec<&str> {
        wrap(para, width, &mut chars)
            .into_iter()
            .filter_map(|r| para.get(r))
            .collect()
    }

    #[test]
    fn wrap_breaks_after_spaces_and_keeps_logical_order() {
        let cases: &[(&str, f32, &[&str])] = &[
            ("قال محمد إن 200 جثة", 8.0, &["قال محمد", "إن 200", "جثة"]),
            ("one two three", 7.0, &["one two", "three"]),
            ("one two three", f32::INFINITY, &["one two three"]),
            ("one  two", 3.0, &["one", "two"]),
            ("", 5.0, &[""]),
            ("   ", 5.0, &[""]),
        ];
        for (para, width, want) in cases {
            assert_eq!(wrapped(para, *width), *want, "{para:?} at {width}");
        }
    }

    #[test]
    fn wrap_breaks_overlong_words_between_clusters() {
        // Marks stay with their letter even when a word is broken.
        assert_eq!(wrapped("abcdefg hi", 3.0), vec!["abc", "def", "g", "hi"]);
        let w = wrapped("مُحَمَّد", 2.0);
        assert_eq!(w.concat(), "مُحَمَّد");
        assert!(w
            .iter()
            .all(|l| !l.starts_with('\u{064F}') && !l.starts_with('\u{064E}')));
    }

    #[test]
    fn paragraphs_split_at_newlines() {
        let t = "الرقة\r\nKobani\n\nend";
        let p: Vec<&str> = paragraphs(t).into_iter().filter_map(|r| t.get(r)).collect();
        assert_eq!(p, vec!["الرقة", "Kobani", "", "end"]);
    }

    #[test]
    fn later_highlights_win_where_they_overlap() {
        let base = Style {
            background: Color32::TRANSPARENT,
            color: Color32::WHITE,
            underline: false,
        };
        let hs = [
            Highlight::background(0..10, Color32::DARK_GRAY),
            Highlight {
                range: 4..6,
                background: Color32::TRANSPARENT,
                color: Some(Color32::RED),
                underline: true,
            },
        ];
        assert_eq!(style_at(base, &hs, 12), base);
        assert_eq!(style_at(base, &hs, 0).background, Color32::DARK_GRAY);
        let both = style_at(base, &hs, 5);
        assert_eq!(both.background, Color32::DARK_GRAY);
        assert_eq!(both.color, Color32::RED);
        assert!(both.underline);
    }
}
