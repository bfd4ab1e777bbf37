//! Inputs found by the fuzzers (`fuzz/`) and the property tests, kept so a
//! fix stays fixed, plus the awkward corners they were started from. Each
//! text input goes through the whole pipeline and must give spans that are
//! exact char-boundary slices and dates that run forwards; each byte input
//! must decode or be refused with a reason, never panic.

use chrono::NaiveDate;
use newsline::corpus::Extractor;
use newsline::dates::DateFinder;
use newsline::loader::{decode, extract_html, DecodeProblem, LoadedArticle};
use newsline::model::ByteSpan;
use newsline::text::NormText;

fn slice<'a>(text: &'a str, span: ByteSpan, what: &str, input: &str) -> &'a str {
    match text.get(span.start..span.end) {
        Some(s) => s,
        None => panic!("{input:?}: {what} span {span:?} is not a char-boundary range"),
    }
}

/// The invariants the fuzz target `text_pipeline` checks.
fn check_text(name: &str, text: &str) {
    let ex = Extractor::builtin().extract(LoadedArticle {
        path: name.to_string(),
        title: String::new(),
        text: text.to_string(),
        encoding: "UTF-8".to_string(),
        bytes: text.len() as u64,
        warnings: Vec::new(),
    });
    for p in &ex.places {
        assert!(!slice(text, p.span, "place", text).trim().is_empty());
    }
    for d in &ex.dates {
        assert!(!slice(text, d.span, "date", text).trim().is_empty());
        assert!(d.value.start <= d.value.end, "{text:?}: {d:?}");
    }
    for e in &ex.events {
        assert!(!slice(text, e.span, "sentence", text).trim().is_empty());
        assert!(!slice(text, e.trigger_span, "trigger", text)
            .trim()
            .is_empty());
        if let Some(d) = &e.date {
            assert!(d.start <= d.end, "{text:?}: {d:?}");
        }
    }
    if let Some(d) = &ex.article.date {
        assert!(d.start <= d.end, "{text:?}: {d:?}");
    }
    // A leap-day anchor: "a year ago" and "last year" from 29 February.
    let norm = NormText::new(text);
    for hit in DateFinder::builtin().find(&norm, NaiveDate::from_ymd_opt(2016, 2, 29)) {
        slice(text, hit.span, "date", text);
        assert!(hit.value.start <= hit.value.end, "{text:?}: {hit:?}");
    }
}

#[test]
fn text_inputs_keep_their_invariants() {
    // (file name, text): the name feeds the article-date guess.
    let cases: &[(&str, &str)] = &[
        ("a.txt", ""),
        ("a.txt", "\u{064E}\u{0651}"), // diacritics with no letter to attach to
        ("a.txt", "\u{FEFF}\u{200F}الرقة\u{0640}\u{0640}"),
        ("a.txt", "ﻻ ﻷ ﻹ"), // lam-alef presentation forms
        ("a.txt", "قصف\r\r\n\n.؟…"),
        ("a.txt", "في 31 شباط 2016 وفي 0/13/2016 و 29.02.2015"),
        ("a.txt", "يوم ٢٩ فبراير ٢٠١٦ وقبل عام وفي العام الماضي"),
        ("2016-02-29.txt", "أمس وقبل عام والشهر الماضي والعام المقبل"),
        ("1900-01-01.txt", "أمس وقبل أسبوعين والأسبوع الماضي"),
        ("9999-12-31.txt", "غدا والعام المقبل والشهر المقبل"),
        ("a.txt", "e\u{0301}\u{0301} 🙂قصف🙂حلب🙂"),
        ("a.txt", "١٤٣٧ هـ و 1437هـ و 30 رمضان 1437 و 1 محرم 99999"),
    ];
    for (name, text) in cases {
        check_text(name, text);
    }
}

#[test]
fn byte_inputs_decode_or_are_refused() {
    let cases: &[(&[u8], Result<&str, DecodeProblem>)] = &[
        (b"", Err(DecodeProblem::Empty)),
        (b"\xEF\xBB\xBF", Err(DecodeProblem::WhitespaceOnly)),
        (b"\xFF\xFE", Err(DecodeProblem::WhitespaceOnly)),
        // A lone BOM'd UTF-16 with an odd byte: the half unit is replaced.
        (b"\xFF\xFE\x27\x06\x00", Ok("ا\u{FFFD}")),
        // A cut two-byte letter at the end of UTF-8.
        (b"\xd9\x82\xd8\xb5\xd9", Ok("قص\u{FFFD}")),
        (
            b"\x00\x00\x00\x00",
            Err(DecodeProblem::Binary("contains NUL bytes")),
        ),
    ];
    for (bytes, want) in cases {
        let got = decode(bytes).map(|d| d.text);
        assert_eq!(got.as_deref().map_err(Clone::clone), *want, "{bytes:?}");
    }
    // Broken markup and out-of-range entities: what is text stays text.
    let pages: &[(&str, &str)] = &[
        ("<", "<"),
        ("<!--", ""),
        ("<script>", ""),
        ("&#", "&#"),
        // Past U+10FFFF: the replacement character, as browsers do.
        ("&#99999999999;", "\u{FFFD}"),
        ("<p>&#x110000;</p>", "\u{FFFD}"),
        ("<a href='", ""),
    ];
    for (html, want) in pages {
        assert_eq!(extract_html(html).text, *want, "{html:?}");
    }
}
