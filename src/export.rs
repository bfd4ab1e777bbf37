//! Headless export of a corpus as JSON (a contract other tools read: keep the
//! field names) or CSV (one row per event, flat columns).

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;

use crate::corpus::{Corpus, DateMention, Event, PlaceMention};
use crate::model::{ArticleId, DateSpan, PlaceId};
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

#[derive(Serialize)]
struct WarningOut<'a> {
    path: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct ExportOut<'a> {
    articles: Vec<ArticleOut<'a>>,
    events: &'a [Event],
    dates: &'a [DateMention],
    places: &'a [PlaceMention],
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
        events: &corpus.events,
        dates: &corpus.dates,
        places: &corpus.places,
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
            e.trigger.clone(),
            d.map(|d| d.start.to_string()).unwrap_or_default(),
            d.map(|d| d.end.to_string()).unwrap_or_default(),
            d.map(|d| serde_name(&d.grain)).unwrap_or_default(),
            d.map(|d| serde_name(&d.basis)).unwrap_or_default(),
            d.map(|d| d.evidence.clone()).unwrap_or_default(),
            ids.join(";"),
            places_en.join(";"),
            serde_name(&e.places_basis),
            e.people.map(|p| p.to_string()).unwrap_or_default(),
            e.span.start.to_string(),
            e.span.end.to_string(),
            e.sentence.clone(),
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
