//! Dates in the seed articles (`seeds/*.txt`, read at test time).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsline::dates::{article_date, DateFinder, DateFinds};
use newsline::model::{ByteSpan, DateBasis, Grain};

fn seed(prefix: &str) -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt")
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    paths.sort();
    let path = paths
        .first()
        .unwrap_or_else(|| panic!("no seed {prefix}*.txt"));
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    (name, text)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Everything found in a seed, with its own article date if it has one.
fn finds(prefix: &str) -> (String, DateFinds) {
    let (name, text) = seed(prefix);
    let a = article_date(&text, &name).map(|d| d.start);
    let f = DateFinder::builtin().find_in(&text, a);
    (text, f)
}

/// Byte span of the first occurrence of `needle`.
fn span_of(text: &str, needle: &str) -> ByteSpan {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("«{needle}» not in seed"));
    ByteSpan::new(at, at + needle.len())
}

fn overlaps(a: ByteSpan, b: ByteSpan) -> bool {
    a.start < b.end && b.start < a.end
}

#[test]
fn seed_001_article_date_comes_from_its_byline() {
    let (name, text) = seed("001_");
    let d = article_date(&text, &name).expect("seed 001 has a byline");
    assert_eq!((d.start, d.end), (day("2017-06-29"), day("2017-06-29")));
    assert_eq!((d.grain, d.basis), (Grain::Day, DateBasis::Explicit));
    assert_eq!(&*d.evidence, "byline: «الخميس 29/يونيو/2017 - 03:01 م»");
}

#[test]
fn seeds_without_byline_have_no_article_date() {
    for prefix in ["000_", "002_", "003_", "004_"] {
        let (name, text) = seed(prefix);
        assert_eq!(article_date(&text, &name), None, "{name}");
    }
}

#[test]
fn seed_001_last_two_days() {
    let (text, f) = finds("001_");
    let h = f
        .hits
        .iter()
        .find(|h| h.span.slice(&text) == "خلال اليومين الماضيين")
        .expect("«خلال اليومين الماضيين» found");
    assert_eq!(
        (h.value.start, h.value.end),
        (day("2017-06-27"), day("2017-06-29"))
    );
    assert_eq!(
        (h.value.grain, h.value.basis),
        (Grain::Range, DateBasis::Relative)
    );
    assert!(
        h.value.evidence.contains("2017-06-29"),
        "{}",
        h.value.evidence
    );
}

#[test]
fn seed_001_last_week_and_byline_date_in_text() {
    let (text, f) = finds("001_");
    let week = f
        .hits
        .iter()
        .find(|h| h.span.slice(&text) == "الأسبوع المنصرم")
        .expect("«الأسبوع المنصرم» found");
    assert_eq!(
        (week.value.start, week.value.end),
        (day("2017-06-22"), day("2017-06-28"))
    );
    assert_eq!(week.value.grain, Grain::Week);
    let byline = f.hits.first().expect("a first hit");
    assert_eq!(byline.span.slice(&text), "الخميس 29/يونيو/2017");
    assert_eq!(byline.value.basis, DateBasis::Explicit);
}

#[test]
fn seed_002_year_2016() {
    let (text, f) = finds("002_");
    let at = span_of(&text, "في العام 2016");
    let h = f
        .hits
        .iter()
        .find(|h| at.contains(h.span))
        .expect("a date inside «في العام 2016»");
    assert_eq!(h.span.slice(&text), "العام 2016");
    assert_eq!(
        (h.value.start, h.value.end),
        (day("2016-01-01"), day("2016-12-31"))
    );
    assert_eq!(
        (h.value.grain, h.value.basis),
        (Grain::Year, DateBasis::Explicit)
    );
}

#[test]
fn seed_003_last_wednesday_waits_for_an_article_date() {
    let (text, f) = finds("003_");
    let u = f
        .unresolved
        .iter()
        .find(|u| u.span.slice(&text) == "الأربعاء الماضي")
        .expect("«الأربعاء الماضي» kept unresolved");
    // Resolved against a Thursday, it is the day before.
    let d = u.resolve(day("2015-10-08")).expect("resolves");
    assert_eq!(
        (d.start, d.grain, d.basis),
        (day("2015-10-07"), Grain::Day, DateBasis::Relative)
    );
}

#[test]
fn counts_and_times_are_not_dates() {
    for (prefix, words) in [
        ("000_", "200 جثة"),
        ("004_", "2500 مقاتل"),
        ("003_", "25 مقاتلاً"),
        ("001_", "03:01"),
        ("004_", "100 سيارة"),
        ("004_", "الفرقة 17"),
    ] {
        let (text, f) = finds(prefix);
        let at = span_of(&text, words);
        let bad: Vec<&str> = f
            .hits
            .iter()
            .map(|h| h.span)
            .chain(f.unresolved.iter().map(|u| u.span))
            .filter(|s| overlaps(*s, at))
            .map(|s| s.slice(&text))
            .collect();
        assert!(
            bad.is_empty(),
            "{prefix}: «{words}» read as a date: {bad:?}"
        );
    }
}

#[test]
fn every_seed_hit_is_well_formed() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let (text, f) = finds(prefix);
        let mut last_end = 0;
        for h in &f.hits {
            assert!(
                h.span.start >= last_end,
                "{prefix}: hits overlap or are unsorted"
            );
            assert!(!h.span.slice(&text).is_empty(), "{prefix}: empty span");
            assert!(h.value.start <= h.value.end, "{prefix}: {:?}", h.value);
            assert!(
                h.value.evidence.starts_with('«'),
                "{prefix}: {}",
                h.value.evidence
            );
            last_end = h.span.end;
        }
    }
}
