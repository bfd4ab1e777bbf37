//! Invariants of the pipeline on generated text (proptest): every span lies
//! on char boundaries and its `text` is exactly that slice, every date runs
//! forwards, normalisation's map back to the original is monotone, and
//! decoding gives back the text that was encoded.
//!
//! The generator mixes the words of the bundled lexicons (month names,
//! places, triggers, relative phrases, number words) with digits,
//! separators, diacritics, invisible marks and arbitrary chars, so the
//! matchers fire often and on awkward neighbours.

use std::sync::OnceLock;

use chrono::{Duration, NaiveDate};
use newsline::corpus::{ArticleExtraction, Extractor};
use newsline::dates::{article_date, DateFinder};
use newsline::loader::{decode, LoadedArticle};
use newsline::model::{ByteSpan, DateSpan};
use newsline::text::{normalize, NormText};
use proptest::prelude::*;
use proptest::test_runner::Config;

const ASSETS: &[&str] = &[
    include_str!("../assets/months.tsv"),
    include_str!("../assets/gazetteer.tsv"),
    include_str!("../assets/triggers.tsv"),
    include_str!("../assets/relative.tsv"),
    include_str!("../assets/date_words.tsv"),
    include_str!("../assets/numbers.tsv"),
];

/// Every Arabic field of the lexicons (a few thousand phrases).
fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = ASSETS
            .iter()
            .flat_map(|src| src.lines())
            .filter(|line| !line.starts_with('#'))
            .flat_map(|line| line.split(['\t', '|']))
            .filter(|f| f.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// Pieces that sit between and inside words in real (and broken) text.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r",
    ".",
    ". ",
    "،",
    "؟",
    "/",
    "-",
    "–",
    ":",
    "«",
    "»",
    "\"",
    "(",
    ")",
    "\u{064E}",
    "\u{0651}",
    "\u{0652}",
    "\u{0640}",
    "\u{200F}",
    "\u{200C}",
    "\u{FEFF}",
    "\u{00A0}",
    "ال",
    "و",
    "ب",
    "ل",
    "في ",
    "يوم ",
    "عام ",
    "العام ",
    "الماضي",
    "المقبل",
    "٢٠١٦",
    "١٥",
    "۱۲",
    "2016",
    "2017",
    "1437",
    "هـ",
    "م",
    "🙂",
    "e\u{0301}",
    "ﻻ",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vocabulary()),
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        2 => (0u32..3000).prop_map(|n| n.to_string()),
        // Date-shaped runs, impossible ones included (day 0, 31 February,
        // month 13), so the date parser is reached often.
        2 => (0u32..33, prop::sample::select(vocabulary()), 1890u32..2110)
            .prop_map(|(d, word, y)| format!(" {d} {word} {y} ")),
        1 => (0u32..33, 0u32..14, 0u32..2110, prop::sample::select(&["/", "-", ".", "\\"][..]))
            .prop_map(|(d, m, y, sep)| format!(" {d}{sep}{m}{sep}{y} ")),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn anchor_strategy() -> impl Strategy<Value = NaiveDate> {
    // 1900–2100: around any plausible article date, leap days included.
    (0i64..73_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() + Duration::days(d))
}

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::builtin)
}

fn extract(text: &str, name: &str) -> ArticleExtraction {
    extractor().extract(LoadedArticle {
        path: format!("folder/{name}"),
        title: String::new(),
        text: text.to_string(),
        encoding: "UTF-8".to_string(),
        bytes: text.len() as u64,
        warnings: Vec::new(),
    })
}

fn config() -> Config {
    Config {
        cases: 256,
        // Failures are kept by hand in tests/regressions.rs rather than in
        // files proptest would write next to the tests.
        failure_persistence: None,
        ..Config::default()
    }
}

fn span_slice<'a>(text: &'a str, span: ByteSpan, what: &str) -> Result<&'a str, TestCaseError> {
    text.get(span.start..span.end).ok_or_else(|| {
        TestCaseError::fail(format!(
            "{what} span {span:?} is not a char-boundary range of {} bytes",
            text.len()
        ))
    })
}

fn forwards(d: &DateSpan, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(d.start <= d.end, "{} runs backwards: {:?}", what, d);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_are_exact_slices(text in text_strategy()) {
        let ex = extract(&text, "article.txt");
        for p in &ex.places {
            prop_assert!(!span_slice(&text, p.span, "place")?.trim().is_empty());
            prop_assert!(!p.span.is_empty());
        }
        for d in &ex.dates {
            prop_assert!(!span_slice(&text, d.span, "date")?.trim().is_empty());
        }
        for e in &ex.events {
            prop_assert!(!span_slice(&text, e.span, "sentence")?.trim().is_empty());
            prop_assert!(!span_slice(&text, e.trigger_span, "trigger")?.trim().is_empty());
            prop_assert!(e.span.contains(e.trigger_span), "trigger outside its sentence");
            if let Some(ds) = e.date_span {
                span_slice(&text, ds, "event date")?;
                prop_assert!(e.span.contains(ds), "event date outside its sentence");
            }
        }
    }

    #[test]
    fn dates_run_forwards(
        text in text_strategy(),
        anchor in anchor_strategy(),
        name in prop::sample::select(vec![
            "article.txt", "2016-02-29 news.txt", "news_20171231.txt", "1900-01-01.txt",
        ]),
    ) {
        let norm = NormText::new(&text);
        let finds = DateFinder::builtin().find_all(&norm, Some(anchor));
        for hit in &finds.hits {
            span_slice(&text, hit.span, "date")?;
            forwards(&hit.value, "date")?;
        }
        // Without an anchor relative phrases come back unresolved; any
        // anchor must resolve them forwards.
        for un in DateFinder::builtin().find_all(&norm, None).unresolved {
            span_slice(&text, un.span, "unresolved")?;
            if let Some(d) = un.resolve(anchor) {
                forwards(&d, "resolved")?;
            }
        }
        if let Some(d) = article_date(&text, name) {
            forwards(&d, "article date")?;
        }
        let ex = extract(&text, name);
        for d in ex.dates.iter().map(|d| &d.value).chain(ex.events.iter().filter_map(|e| e.date.as_ref())) {
            forwards(d, "extracted date")?;
        }
    }

    #[test]
    fn normalisation_map_is_monotone(text in text_strategy()) {
        let norm = NormText::new(&text);
        prop_assert_eq!(&norm.text, &normalize(&text));
        let mut last = ByteSpan::new(0, 0);
        for (i, c) in norm.text.char_indices() {
            let span = norm.to_orig(i, i + c.len_utf8());
            span_slice(&text, span, "normalised char")?;
            prop_assert!(!span.is_empty(), "char {} maps to nothing", i);
            prop_assert!(
                span.start >= last.end,
                "char at {} maps to {:?}, before the previous {:?}", i, span, last
            );
            last = span;
        }
        // Any normalised range maps to a valid range; ranges grow together.
        let len = norm.text.len();
        let bounds: Vec<usize> = norm.text.char_indices().map(|(i, _)| i).chain([len]).collect();
        for w in bounds.windows(2) {
            if let [a, b] = *w {
                let whole = norm.to_orig(0, b);
                let part = norm.to_orig(a, b);
                span_slice(&text, whole, "prefix")?;
                prop_assert!(whole.contains(part));
            }
        }
        // from_orig: monotone over the original's char boundaries, in range.
        let mut prev = 0;
        for i in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
            let n = norm.from_orig(i);
            prop_assert!(n >= prev && n <= len, "from_orig({}) = {} after {}", i, n, prev);
            prev = n;
        }
    }

    #[test]
    fn decoding_gives_back_the_text(
        text in text_strategy().prop_filter("an article has visible text", |t| {
            // A leading U+FEFF would be read as a BOM; control chars other
            // than tab, line ends and form feed make a file binary.
            !t.trim().is_empty()
                && !t.starts_with('\u{FEFF}')
                && !t.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        })
    ) {
        let utf8 = decode(text.as_bytes());
        prop_assert_eq!(utf8.map(|d| d.text), Ok(text.clone()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        prop_assert_eq!(decode(&bom).map(|d| d.text), Ok(text.clone()));
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        prop_assert_eq!(decode(&le).map(|d| d.text), Ok(text.clone()));
        prop_assert_eq!(decode(&be).map(|d| d.text), Ok(text.clone()));
    }
}
