//! Applying stored corrections to a corpus, and reporting those that no
//! longer match their article.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{text_hash, Annotations, ArticleKey};
use crate::corpus::Corpus;
use crate::model::{ByteSpan, DateBasis, DateSpan};

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

impl Annotations {
    /// Apply every correction that still matches its article to a corpus as
    /// extracted (after an undo, apply to a fresh copy of the extracted
    /// corpus: a correction replaces values, it does not remember them).
    /// Returns the corrections kept but not applied.
    pub fn apply(&self, corpus: &mut Corpus) -> Vec<StaleCorrection> {
        let mut stale = Vec::new();
        let by_path: BTreeMap<String, usize> = corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.clone(), i))
            .collect();
        let hashes: Vec<u64> = corpus.articles.iter().map(|a| text_hash(&a.text)).collect();
        // The article a key still matches, or why not.
        let find = |key: &ArticleKey| -> Result<usize, StaleReason> {
            let &i = by_path
                .get(key.path.as_str())
                .ok_or(StaleReason::ArticleMissing)?;
            if hashes.get(i) == Some(&key.hash) {
                Ok(i)
            } else {
                Err(StaleReason::TextChanged)
            }
        };
        for e in self.articles.values() {
            match find(&e.key) {
                Ok(i) => {
                    if let Some(a) = corpus.articles.get_mut(i) {
                        if let Some(d) = &e.correction.date {
                            a.date = Some(d.clone());
                        }
                        if e.correction.note.is_some() {
                            a.note = e.correction.note.clone();
                        }
                    }
                    if let Some(d) = &e.correction.date {
                        inherit_article_date(corpus, i, d);
                    }
                }
                Err(reason) => stale.push(StaleCorrection {
                    path: e.key.path.clone(),
                    reason,
                    context: e.context.clone(),
                }),
            }
        }
        let mut events: BTreeMap<(usize, ByteSpan, ByteSpan), usize> = BTreeMap::new();
        for (i, ev) in corpus.events.iter().enumerate() {
            events.insert((ev.article, ev.span, ev.trigger_span), i);
        }
        for e in self.events.values() {
            let found = find(&e.key.article).and_then(|a| {
                events
                    .get(&(a, e.key.sentence, e.key.trigger))
                    .copied()
                    .ok_or(StaleReason::EventMissing)
            });
            match found.map(|i| corpus.events.get_mut(i)) {
                Ok(Some(ev)) => {
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
                Ok(None) => {}
                Err(reason) => stale.push(StaleCorrection {
                    path: e.key.article.path.clone(),
                    reason,
                    context: e.context.clone(),
                }),
            }
        }
        stale
    }
}

/// Events that took their date from their article follow the user's date.
fn inherit_article_date(corpus: &mut Corpus, article: usize, d: &DateSpan) {
    for ev in corpus.events.iter_mut().filter(|e| e.article == article) {
        if ev
            .date
            .as_ref()
            .is_some_and(|x| x.basis == DateBasis::Article)
        {
            ev.date = Some(
                d.clone()
                    .with_basis(DateBasis::Article, format!("article date ({})", d.evidence)),
            );
        }
    }
}
