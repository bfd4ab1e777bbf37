//! Pure bidi: directional runs of a line in display order, and the pieces
//! each run is cut into so that egui's shaper draws them correctly.
//!
//! egui 0.37 shapes every font run of a section with harfrust, which guesses
//! the direction from the script of the run's first non-common char: Arabic
//! runs come out right to left, everything else left to right, and the runs
//! themselves are placed left to right. So a piece may hold several chars
//! only when the guess matches the piece's bidi direction and all its chars
//! come from one font; anything else (spaces, punctuation, brackets, digits
//! inside RTL runs, Arabic-Indic digits in LTR runs) gets one piece per
//! cluster, placed in display order by us and mirrored by us in RTL runs.

use std::ops::Range;

use unicode_bidi::{bidi_class, BidiClass, ParagraphBidiInfo};

/// One directional run of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualRun {
    /// The run's text in *logical* order (as stored), even when `rtl`.
    pub text: String,
    /// Displayed right to left.
    pub rtl: bool,
}

/// The directional runs of one line, in display order left to right.
/// The base direction comes from the line's first strong char (LTR when
/// there is none).
pub fn visual_runs(line: &str) -> Vec<VisualRun> {
    let info = ParagraphBidiInfo::new(line, None);
    run_ranges(&info, 0..line.len())
        .into_iter()
        .filter_map(|(r, rtl)| {
            Some(VisualRun {
                text: line.get(r)?.to_owned(),
                rtl,
            })
        })
        .collect()
}

/// Does `text` start (up to its first line break) with right-to-left
/// writing? Decided by the first strong char, as the bidi algorithm does
/// for a paragraph; no strong char means left to right.
pub fn is_rtl(text: &str) -> bool {
    for c in text.chars() {
        match bidi_class(c) {
            BidiClass::L => return false,
            BidiClass::R | BidiClass::AL => return true,
            BidiClass::B => return false,
            _ => {}
        }
    }
    false
}

/// The level runs of `line` (a byte range of `info.text`) in display order,
/// each with its direction. Empty or out-of-range lines give no runs.
pub(super) fn run_ranges(
    info: &ParagraphBidiInfo,
    line: Range<usize>,
) -> Vec<(Range<usize>, bool)> {
    if line.is_empty() || line.end > info.text.len() || info.text.get(line.clone()).is_none() {
        return Vec::new();
    }
    let (levels, runs) = info.visual_runs(line);
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            let rtl = levels.get(r.start).is_some_and(|l| l.is_rtl());
            (r, rtl)
        })
        .collect()
}

/// Chars that never start a cluster: combining marks and invisible
/// formatting chars (ZWJ, ZWNJ) stay with the char before them, so a
/// diacritic is never separated from its letter.
fn continues_cluster(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::NSM | BidiClass::BN)
}

/// Byte ranges (into `text`) of the clusters within `range`: a base char and
/// the marks after it. An approximation of grapheme clusters that needs no
/// extra crate and is enough for placing pieces.
pub(super) fn clusters(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, c) in slice.char_indices() {
        let at = range.start + i;
        let end = at + c.len_utf8();
        match out.last_mut() {
            Some(last) if continues_cluster(c) => last.end = end,
            _ => out.push(at..end),
        }
    }
    out
}

/// Chars of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo,
/// Samaritan, Mandaic and their presentation forms). harfrust shapes a run
/// that starts with one of these right to left, digits included.
fn is_rtl_script(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
        || matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// May this cluster share a piece with its neighbours in a run of this
/// direction? Only when harfrust will shape the piece in the run's
/// direction and one font covers it: letters of RTL scripts in RTL runs,
/// anything not of an RTL script in LTR runs.
fn groups(text: &str, cluster: &Range<usize>, rtl: bool) -> bool {
    let Some(base) = text.get(cluster.clone()).and_then(|s| s.chars().next()) else {
        return false;
    };
    if rtl {
        matches!(bidi_class(base), BidiClass::R | BidiClass::AL)
    } else {
        !is_rtl_script(base)
    }
}

/// Arabic letters join to their neighbours; when a style boundary cuts a
/// word, a zero-width joiner on each side keeps the letters' joined forms.
fn joins(text: &str, cluster: &Range<usize>) -> bool {
    text.get(cluster.clone())
        .and_then(|s| s.chars().next())
        .is_some_and(|c| bidi_class(c) == BidiClass::AL)
}

const ZWJ: char = '\u{200D}';

/// The mirrored glyph of a char shown in a right-to-left run (Unicode
/// BidiMirroring for the brackets, quotes and comparison signs news text
/// uses); other chars are returned unchanged.
pub fn mirror(c: char) -> char {
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
        '⁅' => '⁆',
        '⁆' => '⁅',
        '⁽' => '⁾',
        '⁾' => '⁽',
        '₍' => '₎',
        '₎' => '₍',
        '≤' => '≥',
        '≥' => '≤',
        '⟨' => '⟩',
        '⟩' => '⟨',
        '〈' => '〉',
        '〉' => '〈',
        '﴾' => '﴿',
        '﴿' => '﴾',
        other => other,
    }
}

/// One piece of a run: the text to put in one layout section, and its style.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Piece<S> {
    pub text: String,
    pub style: S,
}

/// Cut the run `run` (a byte range of `para`, direction `rtl`) into pieces
/// in display order left to right. `style_at(byte)` gives the style of the
/// char at a byte offset of `para`; pieces never span a style change.
///
/// Multi-cluster pieces keep logical order (the shaper orders them); single
/// clusters of an RTL run are mirrored.
pub(super) fn run_pieces<S: Copy + PartialEq>(
    para: &str,
    run: Range<usize>,
    rtl: bool,
    style_at: impl Fn(usize) -> S,
) -> Vec<Piece<S>> {
    let mut pieces: Vec<Piece<S>> = Vec::new();
    // The cluster the last piece ended with, if it may be extended.
    let mut open: Option<Range<usize>> = None;
    for cl in clusters(para, run) {
        let Some(cl_text) = para.get(cl.clone()) else {
            continue;
        };
        let style = style_at(cl.start);
        let grouped = groups(para, &cl, rtl);
        if grouped {
            if let (Some(prev), Some(last)) = (&open, pieces.last_mut()) {
                if last.style == style {
                    last.text.push_str(cl_text);
                    open = Some(cl);
                    continue;
                }
                // Same word, new style: keep the letters joined across the cut.
                if rtl && joins(para, prev) && joins(para, &cl) {
                    last.text.push(ZWJ);
                    let mut text = String::with_capacity(cl_text.len() + ZWJ.len_utf8());
                    text.push(ZWJ);
                    text.push_str(cl_text);
                    pieces.push(Piece { text, style });
                    open = Some(cl);
                    continue;
                }
            }
            pieces.push(Piece {
                text: cl_text.to_owned(),
                style,
            });
            open = Some(cl);
        } else {
            let text = if rtl {
                cl_text.chars().map(mirror).collect()
            } else {
                cl_text.to_owned()
            };
            pieces.push(Piece { text, style });
            open = None;
        }
    }
    if rtl {
        pieces.reverse();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(line: &str) -> Vec<(String, bool)> {
        visual_runs(line)
            .into_iter()
            .map(|r| (r.text, r.rtl))
            .collect()
    }

    fn s(text: &str, rtl: bool) -> (String, bool) {
        (text.to_owned(), rtl)
    }

    #[test]
    fn pure_arabic_is_one_rtl_run() {
        assert_eq!(
            runs("انشقاقات واغتيالات يشهدها تنظيم داعش"),
            vec![s("انشقاقات واغتيالات يشهدها تنظيم داعش", true)]
        );
    }

    #[test]
    fn english_line_is_one_ltr_run() {
        assert_eq!(
            runs("Clashes near Kobani (Syria) on 29/6/2017"),
            vec![s("Clashes near Kobani (Syria) on 29/6/2017", false)]
        );
        assert!(!is_rtl("Clashes near Kobani"));
    }

    #[test]
    fn mixed_sentence_runs_in_display_order() {
        let line = "قال \"محمد عدنان\" إن 200 جثة عثر عليها قرب Kobani في 29/6/2017";
        assert!(is_rtl(line));
        // Left to right on screen: the date, Kobani, the number, the Arabic
        // words between them; numbers and Latin keep their own order.
        assert_eq!(
            runs(line),
            vec![
                s("29/6/2017", false),
                s(" في ", true),
                s("Kobani", false),
                s(" جثة عثر عليها قرب ", true),
                s("200", false),
                s("قال \"محمد عدنان\" إن ", true),
            ]
        );
    }

    #[test]
    fn base_direction_from_first_strong_char() {
        let cases: &[(&str, bool)] = &[
            ("2017 الرقة", true),
            ("« Kobani » الرقة", false),
            ("(الرقة) Kobani", true),
            ("123 ...", false),
            ("", false),
        ];
        for (text, rtl) in cases {
            assert_eq!(is_rtl(text), *rtl, "{text:?}");
        }
    }

    /// Pieces of a whole line with one style, as plain strings.
    fn pieces(line: &str) -> Vec<String> {
        let info = ParagraphBidiInfo::new(line, None);
        run_ranges(&info, 0..line.len())
            .into_iter()
            .flat_map(|(r, rtl)| run_pieces(line, r, rtl, |_| ()))
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn brackets_and_quotes_are_mirrored_in_rtl_runs() {
        // Display order left to right: the logical closing bracket comes
        // first and is drawn mirrored, so the pair faces outward.
        assert_eq!(pieces("(الرقة)"), vec!["(", "الرقة", ")"]);
        assert_eq!(pieces("«الرقة»"), vec!["«", "الرقة", "»"]);
        assert_eq!(
            pieces("في [الرقة] اليوم"),
            vec!["اليوم", " ", "[", "الرقة", "]", " ", "في"]
        );
        // LTR text is not mirrored.
        assert_eq!(pieces("(Raqqa)"), vec!["(Raqqa)"]);
    }

    #[test]
    fn words_of_rtl_runs_are_separate_pieces_in_reverse_order() {
        assert_eq!(
            pieces("عثر عليها قرب"),
            vec!["قرب", " ", "عليها", " ", "عثر"]
        );
        // Arabic comma is neutral: its own piece, to the left of its word.
        assert_eq!(pieces("الرقة، حلب"), vec!["حلب", " ", "،", "الرقة"]);
    }

    #[test]
    fn arabic_indic_digits_get_one_piece_each_in_order() {
        // harfrust would reverse "٢٠١٧" as one piece; per digit, egui
        // places them left to right as given.
        assert_eq!(pieces("عام ٢٠١٧"), vec!["٢", "٠", "١", "٧", " ", "عام"]);
        assert_eq!(pieces("عام 2017"), vec!["2017", " ", "عام"]);
    }

    #[test]
    fn marks_and_tatweel_stay_in_their_word() {
        let line = "مُحَمَّدٌ قـــال";
        let p = pieces(line);
        assert_eq!(p, vec!["قـــال", " ", "مُحَمَّدٌ"]);
        let mut got: Vec<char> = p.concat().chars().collect();
        let mut want: Vec<char> = line.chars().collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn style_change_inside_a_word_keeps_the_join() {
        // "بالرقة" with "الرقة" styled: two pieces, joined by ZWJs.
        let line = "بالرقة";
        let styled = "ب".len();
        let p: Vec<(String, bool)> = run_pieces(line, 0..line.len(), true, |i| i >= styled)
            .into_iter()
            .map(|p| (p.text, p.style))
            .collect();
        assert_eq!(
            p,
            vec![
                ("\u{200D}الرقة".to_owned(), true),
                ("ب\u{200D}".to_owned(), false),
            ]
        );
    }

    #[test]
    fn clusters_keep_marks_with_base() {
        let t = "a\u{0301}ب\u{064E}\u{200D}c";
        let got: Vec<&str> = clusters(t, 0..t.len())
            .into_iter()
            .filter_map(|r| t.get(r))
            .collect();
        assert_eq!(got, vec!["a\u{0301}", "ب\u{064E}\u{200D}", "c"]);
        // A range cutting a char gives nothing rather than panicking.
        assert!(clusters("ب", 0..1).is_empty());
    }

    #[test]
    fn empty_and_whitespace_lines() {
        assert!(visual_runs("").is_empty());
        assert_eq!(runs("   "), vec![s("   ", false)]);
        assert!(pieces("").is_empty());
    }
}
