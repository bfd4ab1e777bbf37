//! Layout tests through egui itself: each galley's glyphs are read back
//! left to right on screen, so these check what egui actually draws.

use std::ops::Range;
use std::sync::Arc;

use egui::epaint::text::{Galley, LayoutJob};
use egui::{Color32, FontId, Vec2};

use super::*;
use crate::app::fonts::install_fonts;

/// 16 points: the body size the window uses.
const SIZE: f32 = 16.0;
const HIGHLIGHT: Color32 = Color32::from_rgb(90, 70, 0);
/// Layout positions are pixel-snapped; allow that much.
const EPS: f32 = 1.0;

const MIXED: &str = "قال \"محمد عدنان\" إن 200 جثة عثر عليها قرب Kobani في 29/6/2017";
const LONG: &str = "قال محمد عدنان إن 200 جثة عثر عليها قرب مدينة عين العرب في 29/6/2017";

fn ctx() -> egui::Context {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    ctx
}

fn layout(
    ctx: &egui::Context,
    text: &str,
    width: f32,
    highlights: &[Highlight],
) -> (LayoutJob, Arc<Galley>) {
    ctx.fonts_mut(|f| {
        let job = rtl_job(
            text,
            width,
            FontId::proportional(SIZE),
            Color32::WHITE,
            highlights,
            f,
        );
        let galley = f.layout_job(job.clone());
        (job, galley)
    })
}

/// Glyphs egui draws or advances over; skips the zero-size placeholders
/// egui adds for chars merged into a previous glyph.
fn drawn(g: &egui::epaint::text::Glyph) -> bool {
    g.advance_width > 0.0 || g.uv_rect.size != Vec2::ZERO
}

/// Each row's glyph chars sorted left to right on screen.
fn rows(galley: &Galley) -> Vec<String> {
    galley
        .rows
        .iter()
        .map(|row| {
            let mut gs: Vec<(f32, usize, char)> = row
                .glyphs
                .iter()
                .enumerate()
                .filter(|(_, g)| drawn(g) && g.chr != '\u{200D}')
                .map(|(i, g)| (g.pos.x, i, g.chr))
                .collect();
            gs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            gs.into_iter().map(|(_, _, c)| c).collect()
        })
        .collect()
}

/// Left and right edge of a row's drawn glyphs, whitespace excluded.
fn ink_span(galley: &Galley, row: usize) -> (f32, f32) {
    let glyphs = galley
        .rows
        .get(row)
        .map(|r| r.glyphs.clone())
        .unwrap_or_default();
    let ink = glyphs
        .iter()
        .filter(|g| drawn(g) && !g.chr.is_whitespace() && g.chr != '\u{200D}');
    let left = ink.clone().map(|g| g.pos.x).fold(f32::INFINITY, f32::min);
    let right = ink
        .map(|g| g.pos.x + g.advance_width)
        .fold(f32::NEG_INFINITY, f32::max);
    (left, right)
}

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().filter(|c| *c != '\u{200D}').collect();
    v.sort_unstable();
    v
}

#[test]
fn pure_arabic_reads_right_to_left_and_sits_at_the_right() {
    let ctx = ctx();
    let text = "انشقاقات يشهدها تنظيم داعش";
    let (_, galley) = layout(&ctx, text, 500.0, &[]);
    assert_eq!(rows(&galley), vec![rev(text)]);
    let (left, right) = ink_span(&galley, 0);
    assert!((right - 500.0).abs() <= EPS, "right edge {right}");
    assert!(left > 200.0, "left edge {left}");
}

#[test]
fn mixed_line_keeps_numbers_dates_and_latin_in_place() {
    let ctx = ctx();
    let (_, galley) = layout(&ctx, MIXED, f32::INFINITY, &[]);
    // Left to right on screen; Arabic words read right to left, so they
    // appear reversed here, while 200, Kobani and the date do not.
    assert_eq!(
        rows(&galley),
        vec!["29/6/2017 يف Kobani برق اهيلع رثع ةثج 200 نإ \"ناندع دمحم\" لاق".to_owned()]
    );
}

#[test]
fn brackets_and_guillemets_face_outward() {
    let ctx = ctx();
    let cases: &[(&str, &str)] = &[
        ("(الرقة)", "(ةقرلا)"),
        ("«الرقة»", "«ةقرلا»"),
        ("قرب (الرقة) اليوم", "مويلا (ةقرلا) برق"),
    ];
    for (text, want) in cases {
        let (_, galley) = layout(&ctx, text, f32::INFINITY, &[]);
        assert_eq!(rows(&galley), vec![(*want).to_owned()], "{text}");
    }
}

#[test]
fn english_stays_left_to_right_and_left_aligned() {
    let ctx = ctx();
    let text = "Clashes near Kobani (Syria), 200 dead on 29/6/2017";
    let (_, galley) = layout(&ctx, text, 600.0, &[]);
    assert_eq!(rows(&galley), vec![text.to_owned()]);
    let (left, right) = ink_span(&galley, 0);
    assert!(left.abs() <= EPS, "left edge {left}");
    assert!(right < 500.0, "right edge {right}");
}

#[test]
fn paragraphs_get_their_own_direction() {
    let ctx = ctx();
    let text = "Raqqa, Syria\nالرقة سوريا";
    let (_, galley) = layout(&ctx, text, 400.0, &[]);
    assert_eq!(
        rows(&galley),
        vec!["Raqqa, Syria".to_owned(), rev("الرقة سوريا")]
    );
    assert!(ink_span(&galley, 0).0.abs() <= EPS);
    assert!((ink_span(&galley, 1).1 - 400.0).abs() <= EPS);
}

/// Which row each word of `LONG` is on (Arabic words are found reversed).
fn word_rows(rows: &[String]) -> Vec<(String, Vec<usize>)> {
    LONG.split(' ')
        .map(|w| {
            let shown = if is_rtl(w) { rev(w) } else { w.to_owned() };
            let hits = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.split(' ').any(|x| x == shown))
                .map(|(i, _)| i)
                .collect();
            (w.to_owned(), hits)
        })
        .collect()
}

#[test]
fn wrapped_lines_read_top_to_bottom_right_aligned() {
    let ctx = ctx();
    let width = 150.0;
    let (_, galley) = layout(&ctx, LONG, width, &[]);
    let rows = rows(&galley);
    assert!(rows.len() >= 3, "{rows:?}");
    let found = word_rows(&rows);
    let mut last_row = 0;
    for (word, hits) in &found {
        assert_eq!(hits.len(), 1, "{word} on rows {hits:?}: {rows:?}");
        let row = hits.first().copied().unwrap_or(usize::MAX);
        assert!(row >= last_row, "{word} on row {row} after row {last_row}");
        last_row = row;
    }
    // The first word opens the first row, at its right end.
    assert!(rows.first().is_some_and(|r| r.ends_with(&rev("قال"))));
    assert_eq!(last_row, rows.len() - 1);
    for row in 0..rows.len() {
        let (_, right) = ink_span(&galley, row);
        assert!((right - width).abs() <= EPS, "row {row} ends at {right}");
    }
}

/// Per job line (split at the `\n` sections): the chars of sections with
/// the highlight background.
fn highlighted_per_line(job: &LayoutJob) -> Vec<String> {
    let mut lines = vec![String::new()];
    for s in &job.sections {
        let text = job
            .text
            .get(s.byte_range.start.0..s.byte_range.end.0)
            .unwrap_or("");
        if text == "\n" {
            lines.push(String::new());
        } else if s.format.background == HIGHLIGHT {
            if let Some(l) = lines.last_mut() {
                l.push_str(text);
            }
        }
    }
    lines
}

fn range_of(text: &str, from: &str, to: &str) -> Range<usize> {
    let start = text.find(from).unwrap_or(0);
    let end = text.find(to).map_or(text.len(), |i| i + to.len());
    start..end
}

#[test]
fn highlight_follows_text_across_a_line_break() {
    let ctx = ctx();
    let range = range_of(LONG, "جثة", "العرب");
    let hl = [Highlight::background(range.clone(), HIGHLIGHT)];
    let (job, galley) = layout(&ctx, LONG, 150.0, &hl);
    assert!(galley.rows.len() >= 3);
    let per_line = highlighted_per_line(&job);
    let lines_with = per_line.iter().filter(|l| !l.trim().is_empty()).count();
    assert!(lines_with >= 2, "{per_line:?}");
    // Exactly the highlighted words, nothing more (break spaces dropped).
    let got: String = per_line.concat();
    let want = LONG.get(range).unwrap_or("");
    let strip = |s: &str| sorted_chars(&s.replace(' ', ""));
    assert_eq!(strip(&got), strip(want));
    // And the text around it is not highlighted: "200" is just before.
    assert!(!got.contains("200"));
}

#[test]
fn highlight_inside_a_word_keeps_order_and_joining() {
    let ctx = ctx();
    let text = "قتال بالرقة اليوم";
    let place = range_of(text, "الرقة", "الرقة");
    let hl = [Highlight::background(place, HIGHLIGHT)];
    let (job, galley) = layout(&ctx, text, f32::INFINITY, &hl);
    let (_, plain) = layout(&ctx, text, f32::INFINITY, &[]);
    assert_eq!(rows(&galley), rows(&plain));
    assert_eq!(rows(&galley), vec![rev(text)]);
    assert_eq!(highlighted_per_line(&job), vec!["\u{200D}الرقة".to_owned()]);
    // Joined forms are kept: the split word is as wide as the whole one.
    let w = |g: &Galley| ink_span(g, 0).1 - ink_span(g, 0).0;
    assert!(
        (w(&galley) - w(&plain)).abs() <= EPS,
        "{} vs {}",
        w(&galley),
        w(&plain)
    );
}

#[test]
fn empty_and_whitespace_text_lay_out_one_row() {
    let ctx = ctx();
    for text in ["", " ", "   ", "\n", " \n  \n", "\r\n"] {
        for width in [f32::INFINITY, 100.0, 0.0] {
            let (_, galley) = layout(&ctx, text, width, &[]);
            assert!(galley.size().y > 0.0, "{text:?} at {width}");
            assert!(rows(&galley).iter().all(|r| r.trim().is_empty()));
        }
    }
}

#[test]
fn marks_and_tatweel_keep_every_char() {
    let ctx = ctx();
    let text = "قـــال مُحَمَّدٌ: «الرَّقَّةُ» ٢٠١٧";
    for width in [f32::INFINITY, 60.0] {
        let (job, galley) = layout(&ctx, text, width, &[]);
        let shown: String = job.text.chars().filter(|c| *c != '\n').collect();
        let strip = |s: &str| sorted_chars(&s.replace(' ', ""));
        assert_eq!(strip(&shown), strip(text), "at {width}");
        let glyphs: String = galley
            .rows
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.chr))
            .collect();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            assert!(glyphs.contains(c), "{c:?} missing at {width}");
        }
    }
    // Arabic-Indic digits read left to right.
    let (_, galley) = layout(&ctx, "عام ٢٠١٧", f32::INFINITY, &[]);
    assert_eq!(rows(&galley), vec![format!("٢٠١٧ {}", rev("عام"))]);
}

/// Runs two frames of `add` (the first fills the caches) and returns the
/// second frame's output.
fn frames(ctx: &egui::Context, mut add: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
    let mut out = ctx.run_ui(egui::RawInput::default(), &mut add);
    out.textures_delta.clear();
    let mut out = ctx.run_ui(egui::RawInput::default(), &mut add);
    out.textures_delta.clear();
    out
}

#[test]
fn labels_carry_logical_text_and_size_as_documented() {
    let ctx = ctx();
    ctx.enable_accesskit();
    let mut available = 0.0;
    let (mut para, mut label, mut line) = (
        egui::Rect::NOTHING,
        egui::Rect::NOTHING,
        egui::Rect::NOTHING,
    );
    let short = "الرقة";
    let out = frames(&ctx, |ui| {
        available = ui.available_width();
        para = bidi_paragraph(ui, MIXED, &[]).rect;
        label = bidi_label(ui, short).rect;
        line = bidi_line(ui, LONG).rect;
    });
    // A paragraph takes the full width; a label only what its text needs;
    // a line never more than there is.
    assert!(
        (para.width() - available).abs() <= EPS,
        "{para:?} in {available}"
    );
    assert!(label.width() > 10.0 && label.width() < 100.0, "{label:?}");
    assert!(line.width() <= available + EPS, "{line:?}");
    let labels: Vec<String> = out
        .platform_output
        .accesskit_update
        .map(|u| {
            u.nodes
                .iter()
                // AccessKit carries a label widget's text as its value.
                .filter_map(|(_, n)| n.label().or(n.value()).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for text in [MIXED, short, LONG] {
        assert!(labels.iter().any(|l| l == text), "{text} not in {labels:?}");
    }
}

#[test]
fn cache_reuses_jobs_and_stays_bounded() {
    let ctx = ctx();
    let font = FontId::proportional(SIZE);
    let a = cached_rtl_job(&ctx, MIXED, 200.0, &font, Color32::WHITE, &[]);
    let b = cached_rtl_job(&ctx, MIXED, 200.0, &font, Color32::WHITE, &[]);
    assert!(Arc::ptr_eq(&a, &b));
    let c = cached_rtl_job(&ctx, MIXED, 201.0, &font, Color32::WHITE, &[]);
    assert!(!Arc::ptr_eq(&a, &c));

    let mut cache = RtlCache::default();
    let job = Arc::new(LayoutJob::default());
    for key in 0..(3 * CACHE_GENERATION as u64) {
        cache.insert(key, job.clone());
        // Key 0 is used all along, so it survives every generation change.
        assert!(cache.get(0).is_some());
    }
    assert!(cache.len() <= 2 * CACHE_GENERATION);
    assert!(cache.get(1).is_none());
}

#[test]
fn compact_layout_aligns_rtl_lines_to_the_widest_line() {
    let ctx = ctx();
    let look = layout::Look {
        font: FontId::proportional(SIZE),
        color: Color32::WHITE,
        fill: false,
    };
    let galley = ctx.fonts_mut(|f| {
        let job = layout::aligned_job(LONG, 150.0, &look, &[], f);
        f.layout_job(job)
    });
    let width = galley.size().x;
    assert!(galley.rows.len() >= 3);
    assert!(width <= 150.0 + EPS, "{width}");
    for row in 0..galley.rows.len() {
        let (_, right) = ink_span(&galley, row);
        assert!(
            (right - width).abs() <= EPS,
            "row {row} ends at {right} of {width}"
        );
    }
}

/// Mirrored pairs count as one char, so a mirrored bracket still matches.
fn unmirrored(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200D}')
        .map(|c| c.min(mirror(c)))
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn odd_inputs_never_panic_and_keep_every_visible_char() {
    let ctx = ctx();
    // Letters, marks, tatweel, digits of both kinds, brackets, controls.
    let palette: Vec<char> =
        "عبلاةـً ٌّ a Z 0 9 ٢ ۲ ( ) « » [ ] . ، ؟ \n \r \t \u{200D} \u{200C} \u{200F} \u{202E} 😀"
            .chars()
            .collect();
    // A fixed linear congruential generator: the same cases on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap_or(0) % n.max(1)
    };
    for _ in 0..300 {
        let len = next(40);
        let text: String = (0..len)
            .filter_map(|_| palette.get(next(palette.len())).copied())
            .collect();
        let a = next(text.len() + 4);
        let b = a + next(text.len() + 4);
        let hl = [Highlight::background(a..b, HIGHLIGHT)];
        let width = [f32::INFINITY, 0.0, 1.0, 30.0, 120.0][next(5)];
        let (job, galley) = layout(&ctx, &text, width, &hl);
        assert!(galley.size().y > 0.0);
        let shown: String = job.text.chars().filter(|c| *c != '\r').collect();
        let logical: String = text.chars().filter(|c| *c != '\r').collect();
        assert_eq!(
            unmirrored(&shown),
            unmirrored(&logical),
            "{text:?} at {width}"
        );
    }
}
