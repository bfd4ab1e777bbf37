//! The text pipeline on arbitrary text: normalise → places → dates →
//! events, through `Extractor::extract` exactly as a loaded article goes.
//! Besides "no panic", every span must lie on char boundaries of the text
//! and carry exactly that slice, and every date must run forwards.
//!
//! Input: `file name 0xFF text`; 0xFF never occurs in UTF-8, so the split
//! is unambiguous (the file name feeds the article-date guess).
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use newsline::corpus::Extractor;
use newsline::dates::DateFinder;
use newsline::loader::LoadedArticle;
use newsline::model::{ByteSpan, DateSpan};
use newsline::text::NormText;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::builtin)
}

/// `span` is a char-boundary range of `text`; `words` also asks for one
/// that holds more than whitespace.
fn check_span(text: &str, span: ByteSpan, words: bool, what: &str) {
    let Some(got) = text.get(span.start..span.end) else {
        panic!("{what} span {span:?} is not a char-boundary range of a {}-byte text", text.len());
    };
    if words {
        assert!(!got.trim().is_empty(), "{what} span {span:?} holds no words");
    }
}

fn check_date(d: &DateSpan, what: &str) {
    assert!(d.start <= d.end, "{what} runs backwards: {d:?}");
}

fuzz_target!(|data: &[u8]| {
    let (name, body) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (data.get(..i).unwrap_or_default(), data.get(i + 1..).unwrap_or_default()),
        None => (&b"article.txt"[..], data),
    };
    let (Ok(name), Ok(text)) = (std::str::from_utf8(name), std::str::from_utf8(body)) else {
        return;
    };

    let norm = NormText::new(text);
    // The map back to the original must be monotone and in range.
    let mut last = ByteSpan::new(0, 0);
    for (i, c) in norm.text.char_indices() {
        let span = norm.to_orig(i, i + c.len_utf8());
        check_span(text, span, false, "normalised char");
        assert!(span.start >= last.start, "to_orig not monotone at {i}");
        last = span;
    }

    // Relative dates against a fixed anchor too: extract() only has one
    // when the text or name gives an article date. 29 February makes
    // "last year" and "a year ago" land on a day that does not exist.
    let anchor = NaiveDate::from_ymd_opt(2016, 2, 29);
    for hit in DateFinder::builtin().find(&norm, anchor) {
        check_span(text, hit.span, false, "date");
        check_date(&hit.value, "date");
    }

    let ex = extractor().extract(LoadedArticle {
        path: format!("fuzz/{name}"),
        title: String::new(),
        text: text.to_string(),
        encoding: "UTF-8".to_string(),
        bytes: text.len() as u64,
        warnings: Vec::new(),
    });
    if let Some(d) = &ex.article.date {
        check_date(d, "article date");
    }
    for p in &ex.places {
        check_span(text, p.span, true, "place");
    }
    for d in &ex.dates {
        check_span(text, d.span, true, "date mention");
        check_date(&d.value, "date mention");
    }
    for e in &ex.events {
        check_span(text, e.span, true, "event sentence");
        check_span(text, e.trigger_span, true, "trigger");
        assert!(e.span.contains(e.trigger_span), "trigger outside its sentence");
        if let Some(ds) = e.date_span {
            check_span(text, ds, false, "event date");
        }
        if let Some(d) = &e.date {
            check_date(d, "event date");
        }
    }
});
