//! Headless export of a corpus as JSON (a contract other tools read: keep the
//! field names) or CSV (one row per event, flat columns).

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;

use crate::corpus::{Corpus, DateMention, Event, PlaceMention, PlacesBasis};
use crate::events::EventKind;
use crate::model::{ArticleId, ByteSpan, DateSpan, EventId, PlaceId};
use crate::places::{Gazetteer, PlaceKind};

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: ArticleId,
    path: &'a str,
    title: &'a str,
    encoding: &'a str,
    date: &'a Option<DateSpan>,
    main_place: &'a Option<PlaceId>,
    note: &'a Option<String>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct PlaceOut<'a> {
    id: &'a PlaceId,
    name_en: &'a str,
    name_ar: &'a str,
    kind: PlaceKind,
    parent: &'a Option<PlaceId>,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// An event as exported: the stored fields plus the words its spans cover
/// (the corpus keeps only the spans; the article holds the text).
#[derive(Serialize)]
struct EventOut<'a> {
    id: EventId,
    article: ArticleId,
    kind: EventKind,
    trigger: &'a str,
    trigger_span: ByteSpan,
    sentence: &'a str,
    span: ByteSpan,
    date: &'a Option<DateSpan>,
    date_span: Option<ByteSpan>,
    places: &'a [PlaceId],
    places_basis: PlacesBasis,
    people: Option<u64>,
    hidden: bool,
    note: &'a Option<String>,
}

impl<'a> EventOut<'a> {
    fn of(corpus: &'a Corpus, e: &'a Event) -> Self {
        Self {
            id: e.id,
            article: e.article,
            kind: e.kind,
            trigger: corpus.trigger(e),
            trigger_span: e.trigger_span,
            sentence: corpus.sentence(e),
            span: e.span,
            date: &e.date,
            date_span: e.date_span,
            places: &e.places,
            places_basis: e.places_basis,
            people: e.people,
            hidden: e.hidden,
            note: &e.note,
        }
    }
}

#[derive(Serialize)]
struct DateOut<'a> {
    article: ArticleId,
    text: &'a str,
    span: ByteSpan,
    value: &'a DateSpan,
}

#[derive(Serialize)]
struct PlaceMentionOut<'a> {
    article: ArticleId,
    text: &'a str,
    span: ByteSpan,
    place: &'a PlaceId,
}

#[derive(Serialize)]
struct WarningOut<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct ExportOut<'a> {
    articles: Vec<ArticleOut<'a>>,
    events: Vec<EventOut<'a>>,
    dates: Vec<DateOut<'a>>,
    places: Vec<PlaceMentionOut<'a>>,
    gazetteer: Vec<PlaceOut<'a>>,
    warnings: Vec<WarningOut<'a>>,
}

/// Every place the corpus refers to, with its ancestors (so a reader can
/// rebuild the hierarchy), sorted by id.
fn referenced_places<'g>(corpus: &Corpus, gazetteer: &'g Gazetteer) -> Vec<PlaceOut<'g>> {
    let mut ids: BTreeSet<&PlaceId> = BTreeSet::new();
    let direct = corpus
        .places
        .iter()
        .map(|p| &p.place)
        .chain(corpus.events.iter().flat_map(|e| e.places.iter()));
    for id in direct {
        for anc in gazetteer.ancestors(id) {
            ids.insert(&anc.id);
        }
    }
    ids.into_iter()
        .filter_map(|id| gazetteer.get(id))
        .map(|p| PlaceOut {
            id: &p.id,
            name_en: &p.name_en,
            name_ar: &p.name_ar,
            kind: p.kind,
            parent: &p.parent,
            lat: p.lat,
            lon: p.lon,
        })
        .collect()
}

pub fn write_json(corpus: &Corpus, gazetteer: &Gazetteer, out: impl Write) -> std::io::Result<()> {
    let doc = ExportOut {
        articles: corpus
            .articles
            .iter()
            .map(|a| ArticleOut {
                id: a.id,
                path: &a.path,
                title: &a.title,
                encoding: &a.encoding,
                date: &a.date,
                main_place: &a.main_place,
                note: &a.note,
                warnings: &a.warnings,
            })
            .collect(),
        events: corpus
            .events
            .iter()
            .map(|e| EventOut::of(corpus, e))
            .collect(),
        dates: corpus.dates.iter().map(|d| date_out(corpus, d)).collect(),
        places: corpus.places.iter().map(|p| place_out(corpus, p)).collect(),
        gazetteer: referenced_places(corpus, gazetteer),
        warnings: corpus
            .warnings
            .iter()
            .map(|w| WarningOut {
                path: &w.path,
                message: &w.message,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(out, &doc).map_err(std::io::Error::other)
}

fn date_out<'a>(corpus: &'a Corpus, d: &'a DateMention) -> DateOut<'a> {
    DateOut {
        article: d.article,
        text: corpus.text_of(d.article, d.span),
        span: d.span,
        value: &d.value,
    }
}

fn place_out<'a>(corpus: &'a Corpus, p: &'a PlaceMention) -> PlaceMentionOut<'a> {
    PlaceMentionOut {
        article: p.article,
        text: corpus.text_of(p.article, p.span),
        span: p.span,
        place: &p.place,
    }
}

const CSV_HEADER: [&str; 18] = [
    "event_id",
    "article_id",
    "article_path",
    "kind",
    "trigger",
    "date_start",
    "date_end",
    "date_grain",
    "date_basis",
    "date_evidence",
    "places",
    "places_en",
    "places_basis",
    "people",
    "span_start",
    "span_end",
    "sentence",
    "article_title",
];

pub fn write_csv(corpus: &Corpus, gazetteer: &Gazetteer, out: impl Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for e in &corpus.events {
        let article = corpus.article(e.article);
        let d = e.date.as_ref();
        let places_en: Vec<&str> = e
            .places
            .iter()
            .filter_map(|p| gazetteer.get(p).map(|p| p.name_en.as_str()))
            .collect();
        let ids: Vec<&str> = e.places.iter().map(PlaceId::as_str).collect();
        w.write_record([
            e.id.to_string(),
            e.article.to_string(),
            article.map(|a| a.path.clone()).unwrap_or_default(),
            e.kind.to_string(),
            corpus.trigger(e).to_string(),
            d.map(|d| d.start.to_string()).unwrap_or_default(),
            d.map(|d| d.end.to_string()).unwrap_or_default(),
            d.map(|d| serde_name(&d.grain)).unwrap_or_default(),
            d.map(|d| serde_name(&d.basis)).unwrap_or_default(),
            d.map(|d| d.evidence.to_string()).unwrap_or_default(),
            ids.join(";"),
            places_en.join(";"),
            serde_name(&e.places_basis),
            e.people.map(|p| p.to_string()).unwrap_or_default(),
            e.span.start.to_string(),
            e.span.end.to_string(),
            corpus.sentence(e).to_string(),
            article.map(|a| a.title.clone()).unwrap_or_default(),
        ])?;
    }
    w.flush()
}

/// The serde name of a unit enum value («day», «explicit»), as in the JSON.
fn serde_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
