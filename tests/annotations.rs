//! The user's corrections: stored beside the articles, applied on load,
//! exported, undoable, and kept (and reported) when an article changes.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsline::annotations::{
    state_path, Annotations, ArticleKey, EventKey, StaleReason, FORMAT_VERSION, STATE_DIR,
};
use newsline::corpus::{Corpus, Extractor};
use newsline::events::EventKind;
use newsline::export::write_json;
use newsline::model::{DateBasis, DateSpan, Grain, PlaceId};
use newsline::places::Gazetteer;
use serde_json::Value;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A fresh copy of the seeds in a temporary folder (the repository's own
/// folder must not get a `.newsline`), removed on drop.
struct TempSeeds(PathBuf);

impl TempSeeds {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "newsline-annotations-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for f in std::fs::read_dir(seeds).unwrap().flatten() {
            std::fs::copy(f.path(), dir.join(f.file_name())).unwrap();
        }
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn corpus(&self) -> Corpus {
        Corpus::load(self.path(), &Extractor::builtin()).unwrap()
    }
}

impl Drop for TempSeeds {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn user_span(start: NaiveDate, end: NaiveDate) -> DateSpan {
    DateSpan {
        start,
        end,
        grain: Grain::Range,
        basis: DateBasis::Explicit, // the store makes it User
        evidence: "".into(),
    }
}

/// Index of the article whose path starts with `prefix`.
fn art(c: &Corpus, prefix: &str) -> usize {
    c.articles
        .iter()
        .position(|a| a.path.starts_with(prefix))
        .unwrap()
}

/// Index of the first event of article `a` matching `f`.
fn ev(c: &Corpus, a: usize, f: impl Fn(&newsline::corpus::Event) -> bool) -> usize {
    c.events
        .iter()
        .position(|e| e.article == a && f(e))
        .unwrap()
}

/// The edits every test starts from: 003's date, one event's kind, places,
/// note and date, another hidden.
fn edit(c: &Corpus, ann: &mut Annotations) -> (usize, usize, usize) {
    let a = art(c, "003_");
    let e1 = ev(c, a, |_| true);
    let e2 = ev(c, a, |e| e.span != c.events[e1].span);
    let article = &c.articles[a];
    ann.set_article_date(article, Some(user_span(d(2015, 10, 11), d(2015, 10, 11))));
    ann.set_article_note(article, Some("Tasnim ran it on 11 October".into()));
    ann.set_event_kind(article, &c.events[e1], Some(EventKind::Withdrawal));
    ann.set_event_places(article, &c.events[e1], Some(vec![PlaceId("raqqa".into())]));
    ann.set_event_note(article, &c.events[e1], Some("checked".into()));
    ann.set_event_date(
        article,
        &c.events[e1],
        Some(user_span(d(2015, 10, 7), d(2015, 10, 7))),
    );
    ann.set_event_hidden(article, &c.events[e2], true);
    (a, e1, e2)
}

#[test]
fn corrections_round_trip_survive_a_restart_and_are_exported() {
    let dir = TempSeeds::new("roundtrip");
    let fallback = dir.path().join("unused-fallback.json");
    let c = dir.corpus();
    let mut ann = Annotations::new();
    let (a, e1, e2) = edit(&c, &mut ann);
    let saved = ann.save_with(dir.path(), Some(&fallback)).unwrap();
    assert_eq!(saved.path, state_path(dir.path()));
    assert_eq!(saved.notice, None);
    assert!(!fallback.exists());

    // "Restart": a new store read from disk, applied to a fresh corpus.
    let (loaded, notices) = Annotations::load_with(dir.path(), Some(&fallback));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(loaded.len(), 3);
    let mut c2 = dir.corpus();
    // The state folder is not read as an article.
    assert_eq!(c2.articles.len(), 5);
    let stale = loaded.apply(&mut c2);
    assert!(stale.is_empty(), "{stale:?}");

    let date = c2.articles[a].date.as_ref().unwrap();
    assert_eq!(
        (date.start, date.end, date.basis),
        (d(2015, 10, 11), d(2015, 10, 11), DateBasis::User)
    );
    assert_eq!(&*date.evidence, "set by the user");
    assert_eq!(
        c2.articles[a].note.as_deref(),
        Some("Tasnim ran it on 11 October")
    );
    let x = &c2.events[e1];
    assert_eq!(x.kind, EventKind::Withdrawal);
    assert_eq!(x.places, vec![PlaceId("raqqa".into())]);
    assert_eq!(x.note.as_deref(), Some("checked"));
    let xd = x.date.as_ref().unwrap();
    assert_eq!((xd.start, xd.basis), (d(2015, 10, 7), DateBasis::User));
    assert!(c2.events[e2].hidden);
    // Events that took the article's date now take the user's.
    let inherited = c2
        .events
        .iter()
        .filter(|e| {
            e.article == a
                && e.date
                    .as_ref()
                    .is_some_and(|x| x.basis == DateBasis::Article)
        })
        .collect::<Vec<_>>();
    assert!(!inherited.is_empty());
    for e in inherited {
        let x = e.date.as_ref().unwrap();
        assert_eq!((x.start, x.end), (d(2015, 10, 11), d(2015, 10, 11)));
        assert!(x.evidence.contains("set by the user"));
    }

    // The export carries them.
    let mut out = Vec::new();
    write_json(&c2, &Gazetteer::builtin(), &mut out).unwrap();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let ja = &doc["articles"][a];
    assert_eq!(ja["date"]["basis"], "user");
    assert_eq!(ja["date"]["start"], "2015-10-11");
    let je = &doc["events"][e1];
    assert_eq!(je["kind"], "withdrawal");
    assert_eq!(je["date"]["basis"], "user");
    assert_eq!(je["date"]["start"], "2015-10-07");
    assert_eq!(je["note"], "checked");
    assert_eq!(je["places"][0], "raqqa");
    assert_eq!(doc["events"][e2]["hidden"], true);
    // Other articles keep their own dates: 004 is still inferred.
    assert_eq!(
        doc["articles"][art(&c2, "004_")]["date"]["basis"],
        "inferred"
    );
}

#[test]
fn the_file_is_versioned_json_with_hex_hashes() {
    let dir = TempSeeds::new("format");
    let c = dir.corpus();
    let mut ann = Annotations::new();
    edit(&c, &mut ann);
    ann.save_with(dir.path(), None).unwrap();
    let doc: Value =
        serde_json::from_slice(&std::fs::read(state_path(dir.path())).unwrap()).unwrap();
    assert_eq!(doc["version"], FORMAT_VERSION);
    let key = &doc["articles"][0]["key"];
    assert!(key["path"].as_str().unwrap().starts_with("003_"));
    let hash = key["hash"].as_str().unwrap();
    assert_eq!(hash.len(), 16);
    assert_eq!(
        u64::from_str_radix(hash, 16).unwrap(),
        ArticleKey::of(&c.articles[art(&c, "003_")]).hash
    );
    assert_eq!(doc["articles"][0]["correction"]["date"]["basis"], "user");
    // No temp file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path().join(STATE_DIR))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["annotations.json"]);
}

#[test]
fn an_edited_article_reports_its_stale_corrections_and_keeps_them() {
    let dir = TempSeeds::new("stale");
    let c = dir.corpus();
    let mut ann = Annotations::new();
    let (a, e1, _) = edit(&c, &mut ann);
    let path003 = dir.path().join(&c.articles[a].path);
    let title = c.articles[a].title.clone();
    let sentence = c.sentence(&c.events[e1]).to_string();
    // Another article's correction, whose file then disappears.
    let b = art(&c, "000_");
    ann.set_article_note(&c.articles[b], Some("gone soon".into()));
    ann.save_with(dir.path(), None).unwrap();

    let mut text = std::fs::read_to_string(&path003).unwrap();
    text.push_str("\nسطر أضيف لاحقا.\n");
    std::fs::write(&path003, text).unwrap();
    std::fs::remove_file(dir.path().join(&c.articles[b].path)).unwrap();

    let (loaded, _) = Annotations::load_with(dir.path(), None);
    let mut c2 = dir.corpus();
    let stale = loaded.apply(&mut c2);
    let changed: Vec<_> = stale
        .iter()
        .filter(|s| s.reason == StaleReason::TextChanged)
        .collect();
    assert_eq!(changed.len(), 3, "{stale:?}"); // the article and its two events
    assert!(changed.iter().all(|s| s.path == c.articles[a].path));
    assert!(changed
        .iter()
        .any(|s| s.context == title.split_whitespace().collect::<Vec<_>>().join(" ")));
    assert!(changed
        .iter()
        .any(|s| sentence.starts_with(s.context.trim_end_matches('…').trim())));
    let gone: Vec<_> = stale
        .iter()
        .filter(|s| s.reason == StaleReason::ArticleMissing)
        .collect();
    assert_eq!(gone.len(), 1);
    assert!(gone[0].to_string().contains("the article is gone"));
    // Not applied to the changed text ...
    let a2 = art(&c2, "003_");
    assert_ne!(
        c2.articles[a2].date.as_ref().unwrap().basis,
        DateBasis::User
    );
    assert!(c2.events.iter().all(|e| !e.hidden));
    // ... but kept, through another save and load.
    assert_eq!(loaded.len(), 4);
    loaded.save_with(dir.path(), None).unwrap();
    let (again, _) = Annotations::load_with(dir.path(), None);
    assert_eq!(again.len(), 4);
    assert_eq!(again.apply(&mut dir.corpus()).len(), 4);
}

#[test]
fn undo_takes_back_the_last_edits() {
    let dir = TempSeeds::new("undo");
    let c = dir.corpus();
    let a = art(&c, "002_");
    let e = ev(&c, a, |_| true);
    let (article, event) = (&c.articles[a], &c.events[e]);
    let key = EventKey::of(article, event);
    let mut ann = Annotations::new();
    assert!(!ann.can_undo() && !ann.undo());
    ann.set_event_kind(article, event, Some(EventKind::Battle));
    ann.set_event_kind(article, event, Some(EventKind::Arrest));
    ann.set_event_hidden(article, event, true);
    assert_eq!(ann.event(&key).unwrap().kind, Some(EventKind::Arrest));
    assert!(ann.undo());
    assert!(!ann.event(&key).unwrap().hidden);
    assert!(ann.undo());
    assert_eq!(ann.event(&key).unwrap().kind, Some(EventKind::Battle));
    assert!(ann.undo());
    assert!(ann.event(&key).is_none(), "back to no correction");
    assert!(!ann.can_undo());
    // Setting the same value again is not an edit.
    ann.set_article_note(article, Some("x".into()));
    ann.set_article_note(article, Some("x".into()));
    assert!(ann.undo() && !ann.can_undo());
    // Clearing every field removes the entry.
    ann.set_article_note(article, Some("x".into()));
    ann.set_article_note(article, None);
    assert!(ann.article(&ArticleKey::of(article)).is_none());
}

#[test]
fn a_read_only_folder_saves_to_the_data_directory_with_a_notice() {
    let dir = TempSeeds::new("readonly");
    let c = dir.corpus();
    let mut ann = Annotations::new();
    edit(&c, &mut ann);
    // The state folder cannot be created (a file has its name): as good as
    // read-only, even for root.
    std::fs::write(dir.path().join(STATE_DIR), b"not a folder").unwrap();
    let fallback = dir
        .path()
        .join("data")
        .join("newsline")
        .join("x")
        .join("annotations.json");
    let saved = ann.save_with(dir.path(), Some(&fallback)).unwrap();
    assert_eq!(saved.path, fallback);
    assert!(saved
        .notice
        .as_deref()
        .unwrap()
        .contains("corrections saved to"));
    let (loaded, notices) = Annotations::load_with(dir.path(), Some(&fallback));
    assert_eq!(loaded.len(), 3);
    assert!(
        notices.iter().any(|n| n.contains("read-only")),
        "{notices:?}"
    );
    // Without a fallback the error is returned, not swallowed.
    assert!(ann.save_with(dir.path(), None).is_err());
}

#[test]
fn unreadable_and_newer_files_are_never_destroyed() {
    let dir = TempSeeds::new("broken");
    let file = state_path(dir.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"{ not json").unwrap();
    let (ann, notices) = Annotations::load_with(dir.path(), None);
    assert!(ann.is_empty());
    assert!(
        notices.iter().any(|n| n.contains("could not be read")),
        "{notices:?}"
    );
    assert_eq!(
        std::fs::read(file.with_extension("json.unreadable")).unwrap(),
        b"{ not json"
    );

    std::fs::write(
        &file,
        br#"{"version": 99, "articles": [], "events": [], "future": 1}"#,
    )
    .unwrap();
    let (ann, notices) = Annotations::load_with(dir.path(), None);
    assert!(
        notices.iter().any(|n| n.contains("newer newsline")),
        "{notices:?}"
    );
    assert!(ann.save_with(dir.path(), None).is_err());
    assert!(std::fs::read_to_string(&file).unwrap().contains("future"));
}

/// One edit of a generated sequence (indices wrap around the corpus).
#[derive(Clone, Debug)]
enum Op {
    ArticleDate(usize, Option<(u32, u32)>),
    ArticleNote(usize, Option<u8>),
    EventDate(usize, Option<(u32, u32)>),
    EventKind(usize, Option<usize>),
    EventPlaces(usize, Option<bool>),
    EventHidden(usize, bool),
    EventNote(usize, Option<u8>),
    /// A correction of a sentence the article does not have.
    MissingEvent(usize),
    /// A correction made on another text of the article.
    OtherText(usize),
    Undo,
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    let i = 0usize..10_000;
    let day = proptest::option::of((1u32..=12, 1u32..=28));
    prop_oneof![
        (i.clone(), day.clone()).prop_map(|(i, d)| Op::ArticleDate(i, d)),
        (i.clone(), proptest::option::of(any::<u8>())).prop_map(|(i, n)| Op::ArticleNote(i, n)),
        (i.clone(), day).prop_map(|(i, d)| Op::EventDate(i, d)),
        (i.clone(), proptest::option::of(0usize..64)).prop_map(|(i, k)| Op::EventKind(i, k)),
        (i.clone(), proptest::option::of(any::<bool>())).prop_map(|(i, p)| Op::EventPlaces(i, p)),
        (i.clone(), any::<bool>()).prop_map(|(i, h)| Op::EventHidden(i, h)),
        (i.clone(), proptest::option::of(any::<u8>())).prop_map(|(i, n)| Op::EventNote(i, n)),
        i.clone().prop_map(Op::MissingEvent),
        i.prop_map(Op::OtherText),
        Just(Op::Undo),
    ]
}

/// Store one generated edit; corrections are keyed on the corpus as
/// extracted (a correction changes no span or text).
fn store(op: &Op, c: &Corpus, ann: &mut Annotations) {
    use newsline::corpus::{Article, Event};
    let article = |i: usize| &c.articles[i % c.articles.len()];
    let event = |i: usize| {
        let e = &c.events[i % c.events.len()];
        (&c.articles[e.article], e)
    };
    let date = |md: Option<(u32, u32)>| md.map(|(m, dd)| user_span(d(2016, m, dd), d(2016, m, dd)));
    let places = |p: Option<bool>| {
        p.map(|two| {
            let mut v = vec![PlaceId("raqqa".into())];
            if two {
                v.push(PlaceId("al-tabqa".into()));
            }
            v
        })
    };
    match *op {
        Op::ArticleDate(i, md) => ann.set_article_date(article(i), date(md)),
        Op::ArticleNote(i, n) => ann.set_article_note(article(i), n.map(|n| format!("note {n}"))),
        Op::EventDate(i, md) => {
            let (a, e) = event(i);
            ann.set_event_date(a, e, date(md));
        }
        Op::EventKind(i, k) => {
            let (a, e) = event(i);
            let all = EventKind::ALL;
            ann.set_event_kind(a, e, k.map(|k| all[k % all.len()]));
        }
        Op::EventPlaces(i, p) => {
            let (a, e) = event(i);
            ann.set_event_places(a, e, places(p));
        }
        Op::EventHidden(i, h) => {
            let (a, e) = event(i);
            ann.set_event_hidden(a, e, h);
        }
        Op::EventNote(i, n) => {
            let (a, e) = event(i);
            ann.set_event_note(a, e, n.map(|n| format!("event note {n}")));
        }
        Op::MissingEvent(i) => {
            let (a, e) = event(i);
            let mut gone: Event = e.clone();
            gone.trigger_span.end += 1_000_000;
            ann.set_event_hidden(a, &gone, true);
        }
        Op::OtherText(i) => {
            let mut other: Article = article(i).clone();
            other.text = format!("{} (revised)", other.text).into();
            ann.set_article_note(&other, Some("made on another text".into()));
        }
        Op::Undo => {
            ann.undo();
        }
    }
}

fn json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

fn sorted_stale(mut s: Vec<newsline::annotations::StaleCorrection>) -> Vec<String> {
    let mut out: Vec<String> = s.drain(..).map(|s| s.to_string()).collect();
    out.sort();
    out
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 64,
        failure_persistence: None,
        ..Default::default()
    })]

    /// The window applies corrections in place and, after each edit or
    /// undo, puts back what they replaced and applies the store again.
    /// After any sequence that must equal the store applied to a fresh copy
    /// of the corpus as extracted, and undoing everything must give the
    /// extracted corpus back.
    #[test]
    fn corrections_applied_in_place_equal_a_fresh_application(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        use newsline::annotations::Applied;
        let extracted = seeds_corpus();
        let mut live = extracted.clone();
        let mut applied = Applied::default();
        let mut ann = Annotations::new();
        let n = live.articles.len();
        ann.apply_to(&mut live, 0..n, &mut applied);
        for op in &ops {
            store(op, &extracted, &mut ann);
            let before: Vec<Value> = live.events.iter().map(json).collect();
            let touched = ann.reapply(&mut live, &mut applied);
            let mut fresh = extracted.clone();
            let want_stale = sorted_stale(ann.apply(&mut fresh));
            proptest::prop_assert_eq!(json(&live.events), json(&fresh.events), "after {:?}", op);
            proptest::prop_assert_eq!(json(&live.articles), json(&fresh.articles));
            proptest::prop_assert_eq!(sorted_stale(ann.stale(&applied)), want_stale);
            // Every event whose values changed is reported as touched, so
            // the window re-indexes it.
            for (id, (now, was)) in live.events.iter().zip(&before).enumerate() {
                if json(now) != *was {
                    proptest::prop_assert!(touched.contains(&id), "event {} changed untold", id);
                }
            }
        }
        while ann.undo() {}
        ann.reapply(&mut live, &mut applied);
        proptest::prop_assert_eq!(json(&live.events), json(&extracted.events));
        proptest::prop_assert_eq!(json(&live.articles), json(&extracted.articles));
        proptest::prop_assert!(ann.stale(&applied).is_empty());
    }
}

/// The seeds extracted once (read only: nothing is saved).
fn seeds_corpus() -> Corpus {
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
            Corpus::load(&seeds, &Extractor::builtin()).unwrap()
        })
        .clone()
}
