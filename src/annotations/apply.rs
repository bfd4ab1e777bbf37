//! Applying stored corrections to a corpus, and reporting those that no
//! longer match their article.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use super::{text_hash, Annotations, ArticleEntry, ArticleKey, EventEntry, EventKey};
use crate::corpus::{Corpus, Event};
use crate::events::EventKind;
use crate::model::{ArticleId, ByteSpan, DateBasis, DateSpan, EventId, PlaceId};

/// Why a stored correction could not be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StaleReason {
    /// The article's text is not the one the correction was made on.
    TextChanged,
    /// No article has that path any more.
    ArticleMissing,
    /// The article is unchanged but no event has that sentence and trigger
    /// (the extraction changed).
    EventMissing,
}

/// A correction kept in the store but not applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaleCorrection {
    pub path: String,
    pub reason: StaleReason,
    /// What the correction was about: the article's title or the event's
    /// sentence, as when it was made.
    pub context: String,
}

impl std::fmt::Display for StaleCorrection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match self.reason {
            StaleReason::TextChanged => "the article's text has changed",
            StaleReason::ArticleMissing => "the article is gone",
            StaleReason::EventMissing => "its event is no longer found",
        };
        write!(
            f,
            "{}: a correction of «{}» was kept but not applied: {why}",
            self.path, self.context
        )
    }
}

/// An article's values a correction may replace, as extracted.
#[derive(Clone, Debug)]
struct ArticleValues {
    date: Option<DateSpan>,
    note: Option<String>,
}

/// An event's values a correction may replace, as extracted.
#[derive(Clone, Debug)]
struct EventValues {
    date: Option<DateSpan>,
    date_span: Option<ByteSpan>,
    kind: EventKind,
    places: Vec<PlaceId>,
    hidden: bool,
    note: Option<String>,
}

impl EventValues {
    fn of(e: &Event) -> Self {
        Self {
            date: e.date.clone(),
            date_span: e.date_span,
            kind: e.kind,
            places: e.places.clone(),
            hidden: e.hidden,
            note: e.note.clone(),
        }
    }

    fn restore(self, e: &mut Event) {
        e.date = self.date;
        e.date_span = self.date_span;
        e.kind = self.kind;
        e.places = self.places;
        e.hidden = self.hidden;
        e.note = self.note;
    }
}

/// Corrections applied to a corpus in place, with the extracted values they
/// replaced. A change to the store (an edit, an undo) puts those back and
/// applies the store again ([`Annotations::reapply`]): work in proportion to
/// the corrections, not to the corpus, and no second copy of the corpus.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    articles: HashMap<ArticleId, ArticleValues>,
    events: HashMap<EventId, EventValues>,
    /// Paths of corrected articles that are in the corpus.
    found: HashSet<String>,
    /// Corrections whose article is there but not as they knew it.
    stale: Vec<StaleCorrection>,
}

impl Applied {
    /// Events whose values a correction replaced.
    fn touched_events(&self) -> impl Iterator<Item = EventId> + '_ {
        self.events.keys().copied()
    }

    /// Put every replaced value back; returns the events that changed.
    fn restore(&mut self, corpus: &mut Corpus) -> Vec<EventId> {
        for (id, v) in self.articles.drain() {
            if let Some(a) = corpus.articles.get_mut(id) {
                a.date = v.date;
                a.note = v.note;
            }
        }
        let mut touched = Vec::with_capacity(self.events.len());
        for (id, v) in self.events.drain() {
            if let Some(e) = corpus.events.get_mut(id) {
                v.restore(e);
                touched.push(id);
            }
        }
        self.found.clear();
        self.stale.clear();
        touched
    }

    fn event_mut<'c>(&mut self, corpus: &'c mut Corpus, id: EventId) -> Option<&'c mut Event> {
        let e = corpus.events.get_mut(id)?;
        self.events.entry(id).or_insert_with(|| EventValues::of(e));
        Some(e)
    }
}

impl Annotations {
    /// Apply every correction that still matches its article to a corpus as
    /// extracted. Returns the corrections kept but not applied.
    pub fn apply(&self, corpus: &mut Corpus) -> Vec<StaleCorrection> {
        let mut applied = Applied::default();
        self.apply_to(corpus, 0..corpus.articles.len(), &mut applied);
        self.stale(&applied)
    }

    /// Apply the corrections of articles `ids` (just added to the corpus, as
    /// extracted), remembering what they replace in `applied`. Only the
    /// articles that have corrections are looked at twice (their text
    /// hashed), so this can run on every article as a folder streams in.
    /// Returns the articles that have corrections (applied or stale).
    pub fn apply_to(
        &self,
        corpus: &mut Corpus,
        ids: Range<ArticleId>,
        applied: &mut Applied,
    ) -> Vec<ArticleId> {
        if self.is_empty() {
            return Vec::new();
        }
        ids.filter(|&id| self.apply_article(corpus, id, applied))
            .collect()
    }

    /// After the store changed: put back what the corrections replaced and
    /// apply them again. Returns the events whose values may have changed.
    pub fn reapply(&self, corpus: &mut Corpus, applied: &mut Applied) -> Vec<EventId> {
        let mut touched = applied.restore(corpus);
        let ids: Vec<ArticleId> = self
            .paths()
            .filter_map(|p| corpus.article_by_path(p))
            .collect();
        for id in ids {
            self.apply_article(corpus, id, applied);
        }
        touched.extend(applied.touched_events());
        touched.sort_unstable();
        touched.dedup();
        touched
    }

    /// The corrections kept but not applied: those `applied` found stale,
    /// and those whose article is not in the corpus at all.
    pub fn stale(&self, applied: &Applied) -> Vec<StaleCorrection> {
        let mut stale = applied.stale.clone();
        let missing = |path: &str| !applied.found.contains(path);
        for e in self.articles.values().filter(|e| missing(&e.key.path)) {
            stale.push(StaleCorrection {
                path: e.key.path.clone(),
                reason: StaleReason::ArticleMissing,
                context: e.context.clone(),
            });
        }
        for e in self
            .events
            .values()
            .filter(|e| missing(&e.key.article.path))
        {
            stale.push(StaleCorrection {
                path: e.key.article.path.clone(),
                reason: StaleReason::ArticleMissing,
                context: e.context.clone(),
            });
        }
        stale
    }

    /// Distinct paths of corrected articles, in order.
    fn paths(&self) -> impl Iterator<Item = &str> {
        let mut last: Option<&str> = None;
        let articles = self.articles.keys().map(|k| k.path.as_str());
        let events = self.events.keys().map(|k| k.article.path.as_str());
        let mut all: Vec<&str> = articles.chain(events).collect();
        all.sort_unstable();
        all.into_iter().filter(move |p| {
            let new = last != Some(*p);
            last = Some(p);
            new
        })
    }

    /// The corrections stored under `path` (any text hash): both maps are
    /// ordered by path first, so this is a range, not a scan.
    fn corrections_of<'a>(
        &'a self,
        path: &str,
    ) -> (
        impl Iterator<Item = &'a ArticleEntry> + 'a,
        impl Iterator<Item = &'a EventEntry> + 'a,
    ) {
        let from = ArticleKey {
            path: path.to_string(),
            hash: 0,
        };
        let events_from = EventKey {
            article: from.clone(),
            sentence: ByteSpan::default(),
            trigger: ByteSpan::default(),
        };
        let articles = self
            .articles
            .range(from.clone()..)
            .map(|(_, e)| e)
            .take_while(move |e| e.key.path == from.path);
        let events = self
            .events
            .range(events_from.clone()..)
            .map(|(_, e)| e)
            .take_while(move |e| e.key.article.path == events_from.article.path);
        (articles, events)
    }

    /// Whether article `id` has corrections (applied, or found stale).
    fn apply_article(&self, corpus: &mut Corpus, id: ArticleId, applied: &mut Applied) -> bool {
        let Some(article) = corpus.articles.get(id) else {
            return false;
        };
        let (articles, events) = self.corrections_of(&article.path);
        let articles: Vec<&ArticleEntry> = articles.collect();
        let events: Vec<&EventEntry> = events.collect();
        if articles.is_empty() && events.is_empty() {
            return false;
        }
        let path = article.path.clone();
        let hash = text_hash(&article.text);
        applied.found.insert(path.clone());
        let stale = |context: &str| StaleCorrection {
            path: path.clone(),
            reason: StaleReason::TextChanged,
            context: context.to_string(),
        };
        for e in articles {
            if e.key.hash != hash {
                applied.stale.push(stale(&e.context));
                continue;
            }
            if let Some(a) = corpus.articles.get_mut(id) {
                applied.articles.entry(id).or_insert_with(|| ArticleValues {
                    date: a.date.clone(),
                    note: a.note.clone(),
                });
                if let Some(d) = &e.correction.date {
                    a.date = Some(d.clone());
                }
                if e.correction.note.is_some() {
                    a.note = e.correction.note.clone();
                }
            }
            if let Some(d) = &e.correction.date {
                inherit_article_date(corpus, id, d, applied);
            }
        }
        let own = corpus.events_of(id);
        for e in events {
            if e.key.article.hash != hash {
                applied.stale.push(stale(&e.context));
                continue;
            }
            let found = own.clone().find(|&i| {
                corpus
                    .events
                    .get(i)
                    .is_some_and(|ev| ev.span == e.key.sentence && ev.trigger_span == e.key.trigger)
            });
            let Some(ev) = found.and_then(|i| applied.event_mut(corpus, i)) else {
                applied.stale.push(StaleCorrection {
                    reason: StaleReason::EventMissing,
                    ..stale(&e.context)
                });
                continue;
            };
            let c = &e.correction;
            if let Some(d) = &c.date {
                ev.date = Some(d.clone());
                ev.date_span = None;
            }
            if let Some(k) = c.kind {
                ev.kind = k;
            }
            if let Some(p) = &c.places {
                ev.places = p.clone();
            }
            ev.hidden = c.hidden;
            if c.note.is_some() {
                ev.note = c.note.clone();
            }
        }
        true
    }
}

/// Events that took their date from their article follow the user's date.
fn inherit_article_date(
    corpus: &mut Corpus,
    article: ArticleId,
    d: &DateSpan,
    applied: &mut Applied,
) {
    let inherited: std::sync::Arc<str> = format!("article date ({})", d.evidence).into();
    for id in corpus.events_of(article) {
        let from_article = corpus
            .events
            .get(id)
            .and_then(|e| e.date.as_ref())
            .is_some_and(|x| x.basis == DateBasis::Article);
        if let (true, Some(ev)) = (from_article, applied.event_mut(corpus, id)) {
            ev.date = Some(d.clone().with_basis(DateBasis::Article, inherited.clone()));
        }
    }
}
