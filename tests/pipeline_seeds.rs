//! The whole pipeline on `seeds/`: articles → dated events with places.

use std::path::PathBuf;

use chrono::NaiveDate;
use newsline::corpus::{Corpus, Extractor, PlacesBasis};
use newsline::events::EventKind;
use newsline::model::{DateBasis, Grain, PlaceId};

fn corpus() -> Corpus {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    Corpus::load(&root, &Extractor::builtin()).expect("seeds load")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn article(c: &Corpus, prefix: &str) -> usize {
    c.articles
        .iter()
        .position(|a| a.path.starts_with(prefix))
        .unwrap_or_else(|| panic!("no article {prefix}"))
}

#[test]
fn articles_load_in_order_with_titles_and_dates() {
    let c = corpus();
    let paths: Vec<&str> = c.articles.iter().map(|a| &a.path[..4]).collect();
    assert_eq!(paths, ["000_", "001_", "002_", "003_", "004_"]);
    assert_eq!(c.articles[0].title, "انشقاقات واغتيالات يشهدها تنظيم داعش");
    let a1 = &c.articles[1];
    let date = a1.date.as_ref().expect("001 has a byline date");
    assert_eq!((date.start, date.end), (d("2017-06-29"), d("2017-06-29")));
    for i in [0, 2, 3, 4] {
        // No byline: the date is estimated from what the article mentions.
        let basis = c.articles[i].date.as_ref().map(|d| d.basis);
        assert_eq!(basis, Some(DateBasis::Inferred), "article {i}");
    }
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn relative_and_year_dates_reach_the_events() {
    let c = corpus();
    let a1 = article(&c, "001_");
    let two_days = c
        .events
        .iter()
        .find(|e| e.article == a1 && c.sentence(e).contains("خلال اليومين الماضيين"))
        .expect("the 200-defector sentence is an event");
    assert_eq!(two_days.kind, EventKind::Defection);
    assert_eq!(two_days.people, Some(200));
    let date = two_days.date.as_ref().expect("dated");
    assert_eq!((date.start, date.end), (d("2017-06-27"), d("2017-06-29")));
    assert_eq!(date.basis, DateBasis::Relative);

    let a2 = article(&c, "002_");
    let exec = c
        .events
        .iter()
        .find(|e| e.article == a2 && e.kind == EventKind::Execution)
        .expect("«أعدم 58 من مسلحيه» is an execution");
    let date = exec.date.as_ref().expect("dated by «في العام 2016»");
    assert_eq!(date.grain, Grain::Year);
    assert_eq!((date.start, date.end), (d("2016-01-01"), d("2016-12-31")));
    assert_eq!(exec.people, Some(58));

    // An event with no date of its own inherits the article's.
    assert!(c.events.iter().any(|e| e.article == a1
        && e.date
            .as_ref()
            .is_some_and(|d| d.basis == DateBasis::Article && d.start == self::d("2017-06-29"))));
}

#[test]
fn counts_are_never_dates() {
    let c = corpus();
    for m in &c.dates {
        let text = c.text_of(m.article, m.span);
        for bad in ["200", "2500", "25", "03:01", "100", "58", "17"] {
            assert_ne!(text.trim(), bad, "{:?}", m);
        }
        assert!(!text.contains("جثة") && !text.contains("مقاتل"), "{:?}", m);
    }
}

#[test]
fn places_are_found_where_the_texts_name_them() {
    let c = corpus();
    let g = newsline::places::Gazetteer::builtin();
    // A mention of the place or of a place inside it («ريف اللاذقية» is in Latakia).
    let found = |prefix: &str, id: &str| {
        let a = article(&c, prefix);
        c.places
            .iter()
            .any(|p| p.article == a && g.is_within(&p.place, &PlaceId(id.into())))
    };
    let cases = [
        ("000_", "raqqa"),
        ("000_", "turkey"),
        ("000_", "kobani"),
        ("000_", "latakia-governorate"),
        ("001_", "mosul"),
        ("001_", "iraq"),
        ("001_", "deir-ez-zor"),
        ("002_", "palmyra"),
        ("002_", "mosul"),
        ("003_", "deir-ez-zor"),
        ("004_", "iraq"),
    ];
    for (a, p) in cases {
        assert!(found(a, p), "{p} in {a}");
    }
}

#[test]
fn events_carry_places_from_their_sentence_or_article() {
    let c = corpus();
    let a0 = article(&c, "000_");
    let rumaila = c
        .events
        .iter()
        .find(|e| {
            e.article == a0
                && e.kind == EventKind::Assassination
                && c.sentence(e).contains("حي رميلة")
        })
        .expect("the assassinations in Raqqa");
    assert_eq!(rumaila.places_basis, PlacesBasis::Sentence);
    let ids: Vec<&str> = rumaila.places.iter().map(|p| p.as_str()).collect();
    assert_eq!(ids, ["raqqa", "hay-rumaila", "hay-idkhar"]);
    assert_eq!(rumaila.people, Some(4), "«اربعة عناصر»");
    for e in &c.events {
        if e.places_basis == PlacesBasis::Article {
            assert_eq!(
                Some(&e.places[0]),
                c.articles[e.article].main_place.as_ref()
            );
        }
    }
}
