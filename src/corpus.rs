//! The pipeline: a loaded article becomes dated events with places, and a
//! folder becomes a [`Corpus`].
//!
//! normalise → places → dates → sentences with triggers → events. Every
//! matcher is built once in an [`Extractor`] and shared by all threads.

use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::dates::{self, DateFinder, DateFinds};
use crate::events::{EventKind, SeenSentences, TriggerLexicon};
use crate::inference::{self, KnowledgeBase};
use crate::loader::{self, FileWarning, LoadError, LoadedArticle};
use crate::model::{ArticleId, ByteSpan, DateBasis, DateSpan, EventId, PlaceId};
use crate::people::PeopleCounter;
use crate::places::{Gazetteer, PlaceKind};
use crate::text::{NormText, PhraseHit, PhraseMatcher};

/// One article of the folder.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// Relative to the folder, `/`-separated.
    pub path: String,
    pub title: String,
    pub encoding: String,
    pub date: Option<DateSpan>,
    pub warnings: Vec<String>,
    /// The place the article is mostly about, if it names any.
    pub main_place: Option<PlaceId>,
    /// The user's note (from the stored corrections, `annotations`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The decoded text all spans point into. Not exported (the file holds
    /// it). Shared: a copy of the corpus (tests, a fresh application of
    /// the corrections) must not mean a copy of every text.
    #[serde(skip)]
    pub text: Arc<str>,
}

/// Where an event's places come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlacesBasis {
    /// Named in the event's sentence.
    Sentence,
    /// The sentence names none: the article's main place.
    Article,
    /// Neither the sentence nor the article names a known place.
    None,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub article: ArticleId,
    pub kind: EventKind,
    /// Byte span of the trigger words in the article's text.
    pub trigger_span: ByteSpan,
    /// Byte span of the sentence in the article's text. The words are not
    /// copied here (the article holds them): see [`Corpus::sentence`].
    pub span: ByteSpan,
    pub date: Option<DateSpan>,
    /// Byte span of the event's own date expression, when it has one.
    pub date_span: Option<ByteSpan>,
    pub places: Vec<PlaceId>,
    pub places_basis: PlacesBasis,
    pub people: Option<u64>,
    /// Hidden by the user (kept, and exported, so the choice is visible).
    #[serde(default)]
    pub hidden: bool,
    /// The user's note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A date expression found in an article.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DateMention {
    pub article: ArticleId,
    /// The words: [`Corpus::text_of`] (the article holds them).
    pub span: ByteSpan,
    pub value: DateSpan,
}

/// A place mention found in an article.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlaceMention {
    pub article: ArticleId,
    /// The words: [`Corpus::text_of`] (the article holds them).
    pub span: ByteSpan,
    pub place: PlaceId,
}

/// Everything extracted from one article; ids are filled in by [`Corpus::push`].
#[derive(Clone, Debug)]
pub struct ArticleExtraction {
    pub article: Article,
    pub events: Vec<Event>,
    pub dates: Vec<DateMention>,
    pub places: Vec<PlaceMention>,
}

/// An article part-way through [`Extractor::extract`].
struct Staged {
    loaded: LoadedArticle,
    norm: NormText,
    place_hits: Vec<crate::places::PlaceHit>,
    /// Hits of the trigger lexicon's phrases, found in the same walk as
    /// the places and sorted into sentences in the trigger stage.
    trigger_hits: Vec<PhraseHit>,
    /// Where the nouns that count people occur (the same walk).
    noun_hits: Vec<PhraseHit>,
    article_date: Option<DateSpan>,
    finds: DateFinds,
    candidates: Vec<crate::events::EventCandidate>,
}

/// The matchers and lexicons, built once and shared.
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
    /// The shared instance: `dates::article_date` uses it too, so the
    /// lexicons are built once per process.
    dates: &'static DateFinder,
    triggers: TriggerLexicon,
    /// The gazetteer's, the trigger lexicon's and the people counter's
    /// phrases in one automaton: one walk over each article finds all
    /// three (groups 0, 1 and 2).
    walk: PhraseMatcher,
    people: PeopleCounter,
    /// Known dated events, to estimate the date of undated articles.
    knowledge: Arc<KnowledgeBase>,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer) -> Self {
        let triggers = TriggerLexicon::builtin();
        let people = PeopleCounter::builtin();
        let walk =
            PhraseMatcher::combined(&[gazetteer.matcher(), triggers.matcher(), people.matcher()]);
        Self {
            gazetteer: Arc::new(gazetteer),
            dates: DateFinder::builtin(),
            triggers,
            walk,
            people,
            knowledge: Arc::new(KnowledgeBase::builtin()),
        }
    }

    /// The places and their names.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// Use `kb` (e.g. the builtin events plus a user's file) to estimate
    /// the dates of undated articles.
    pub fn with_knowledge(mut self, kb: KnowledgeBase) -> Self {
        self.knowledge = Arc::new(kb);
        self
    }

    /// The bundled gazetteer and lexicons.
    pub fn builtin() -> Self {
        Self::new(Gazetteer::builtin())
    }

    /// Extract one article. The article id is 0 until [`Corpus::push`].
    pub fn extract(&self, loaded: LoadedArticle) -> ArticleExtraction {
        self.finish(self.find_triggers(self.find_dates(self.find_places(loaded))))
    }

    /// Extract several articles, stage by stage: each stage's tables (the
    /// gazetteer's automaton, the date lexicons, the trigger automaton and
    /// the inference's matchers) are used for every article of the batch
    /// while they are in the processor's caches, instead of evicting each
    /// other article by article. The same results as [`extract`](Self::extract).
    pub fn extract_batch(&self, batch: Vec<LoadedArticle>) -> Vec<ArticleExtraction> {
        let staged: Vec<Staged> = batch.into_iter().map(|a| self.find_places(a)).collect();
        let staged: Vec<Staged> = staged.into_iter().map(|s| self.find_dates(s)).collect();
        let staged: Vec<Staged> = staged.into_iter().map(|s| self.find_triggers(s)).collect();
        staged.into_iter().map(|s| self.finish(s)).collect()
    }

    /// [`extract_batch`](Self::extract_batch) over the files that loaded,
    /// the others' warnings kept in their places.
    pub fn extract_loaded(
        &self,
        loaded: Vec<Result<LoadedArticle, FileWarning>>,
    ) -> Vec<Result<ArticleExtraction, FileWarning>> {
        let mut failed: Vec<Option<FileWarning>> = Vec::with_capacity(loaded.len());
        let mut batch = Vec::with_capacity(loaded.len());
        for l in loaded {
            match l {
                Ok(a) => {
                    batch.push(a);
                    failed.push(None);
                }
                Err(w) => failed.push(Some(w)),
            }
        }
        let mut done = self.extract_batch(batch).into_iter();
        failed
            .into_iter()
            .filter_map(|f| match f {
                Some(w) => Some(Err(w)),
                None => done.next().map(Ok),
            })
            .collect()
    }

    fn find_places(&self, loaded: LoadedArticle) -> Staged {
        let norm = NormText::new(&loaded.text);
        let mut groups = self.walk.find_groups(&norm).into_iter();
        let place_hits = self
            .gazetteer
            .find_in(&norm, groups.next().unwrap_or_default());
        Staged {
            loaded,
            norm,
            place_hits,
            trigger_hits: groups.next().unwrap_or_default(),
            noun_hits: groups.next().unwrap_or_default(),
            article_date: None,
            finds: DateFinds::default(),
            candidates: Vec::new(),
        }
    }

    fn find_triggers(&self, mut s: Staged) -> Staged {
        let hits = std::mem::take(&mut s.trigger_hits);
        s.candidates = self.triggers.candidates_in(&s.loaded.text, hits);
        s
    }

    fn find_dates(&self, mut s: Staged) -> Staged {
        let path = &s.loaded.path;
        let file_name = path.rsplit('/').next().unwrap_or(path);
        s.article_date = dates::article_date(&s.loaded.text, file_name);
        let anchor: Option<NaiveDate> = s.article_date.as_ref().map(|d| d.start);
        s.finds = self.dates.find_quoting(&s.norm, &s.loaded.text, anchor);
        s
    }

    fn finish(&self, staged: Staged) -> ArticleExtraction {
        let Staged {
            mut loaded,
            norm,
            place_hits,
            trigger_hits: _,
            noun_hits,
            mut article_date,
            finds,
            candidates,
        } = staged;
        let text = std::mem::take(&mut loaded.text);
        let mut date_hits = finds.hits.clone();
        // No byline or dated file name: estimate the date from the evidence
        // the text holds (see `inference`; basis Inferred, a range) and
        // resolve its relative phrases against both ends of that range.
        if article_date.is_none() {
            if let Some(est) = inference::infer_article_date(&norm, &text, &finds, &self.knowledge)
            {
                date_hits.extend(inference::resolve_against(&finds.unresolved, &est));
                date_hits.sort_by_key(|h| h.span);
                article_date = Some(est);
            }
        }
        let main_place = self.main_place(place_hits.iter().map(|h| &h.place));

        let places: Vec<PlaceMention> = place_hits
            .iter()
            .map(|h| PlaceMention {
                article: 0,
                span: h.span,
                place: h.place.clone(),
            })
            .collect();
        let dates: Vec<DateMention> = date_hits
            .iter()
            .map(|h| DateMention {
                article: 0,
                span: h.span,
                value: h.value.clone(),
            })
            .collect();

        // Events without a date of their own share one copy of this.
        let inherited = article_date.as_ref().map(|a| {
            a.clone()
                .with_basis(DateBasis::Article, format!("article date ({})", a.evidence))
        });
        let mut events = Vec::new();
        // Headlines and section titles repeat (a page's title, a "related"
        // box): the same sentence gives its events once per article.
        let mut seen = SeenSentences::default();
        for cand in candidates {
            let sentence = cand.sentence;
            // The sentence is already normalised in `norm`: its slice is the key.
            let norm_start = norm.from_orig(sentence.start);
            let sentence_norm = norm.text.get(norm_start..norm.from_orig(sentence.end));
            let normalized = match sentence_norm {
                Some(s) => std::borrow::Cow::Borrowed(s),
                None => std::borrow::Cow::Owned(crate::text::normalize(sentence.slice(&text))),
            };
            if !seen.first_time(normalized) {
                continue;
            }
            let in_sentence = |s: ByteSpan| sentence.contains(s);
            let people =
                sentence_norm.and_then(|s| self.people.count_among(s, norm_start, &noun_hits));
            let mut ev_places: Vec<PlaceId> = Vec::new();
            for p in places.iter().filter(|p| in_sentence(p.span)) {
                if !ev_places.contains(&p.place) {
                    ev_places.push(p.place.clone());
                }
            }
            let places_basis = if !ev_places.is_empty() {
                PlacesBasis::Sentence
            } else if let Some(main) = &main_place {
                ev_places.push(main.clone());
                PlacesBasis::Article
            } else {
                PlacesBasis::None
            };
            for trig in cand.triggers {
                // The sentence's own date nearest to the trigger, else the article's.
                let own = dates
                    .iter()
                    .filter(|d| in_sentence(d.span))
                    .min_by_key(|d| distance(d.span, trig.span));
                let (date, date_span) = match own {
                    Some(d) => (Some(d.value.clone()), Some(d.span)),
                    None => (inherited.clone(), None),
                };
                events.push(Event {
                    id: 0,
                    article: 0,
                    kind: trig.kind,
                    trigger_span: trig.span,
                    span: sentence,
                    date,
                    date_span,
                    places: ev_places.clone(),
                    places_basis,
                    people,
                    hidden: false,
                    note: None,
                });
            }
        }

        ArticleExtraction {
            article: Article {
                id: 0,
                path: loaded.path,
                title: loaded.title,
                encoding: loaded.encoding,
                date: article_date,
                warnings: loaded.warnings,
                main_place,
                note: None,
                text: text.into(),
            },
            events,
            dates,
            places,
        }
    }

    /// The most-named place, preferring places below country level: an
    /// article naming Raqqa five times and Syria six is about Raqqa.
    fn main_place<'a>(&self, mentions: impl Iterator<Item = &'a PlaceId>) -> Option<PlaceId> {
        let mut counts: Vec<(&PlaceId, usize, usize)> = Vec::new();
        for (order, id) in mentions.enumerate() {
            match counts.iter_mut().find(|(p, _, _)| *p == id) {
                Some(c) => c.1 += 1,
                None => counts.push((id, 1, order)),
            }
        }
        let is_country = |id: &PlaceId| {
            self.gazetteer
                .get(id)
                .is_some_and(|p| p.kind == PlaceKind::Country)
        };
        let best = |country: bool| {
            counts
                .iter()
                .filter(|(p, _, _)| is_country(p) == country)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|(p, _, _)| (*p).clone())
        };
        best(false).or_else(|| best(true))
    }
}

/// Bytes between two spans (0 when they overlap).
fn distance(a: ByteSpan, b: ByteSpan) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// A folder's articles and what was extracted from them.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    pub articles: Vec<Article>,
    pub events: Vec<Event>,
    pub dates: Vec<DateMention>,
    pub places: Vec<PlaceMention>,
    /// Files that could not be used, or were used with a problem.
    pub warnings: Vec<FileWarning>,
    /// Hash of each distinct article text seen by [`Corpus::push`] → the
    /// first article with it (duplicate detection).
    text_hashes: HashMap<u64, ArticleId>,
}

/// Files extracted in parallel before their results are merged: large
/// enough that the threads rarely wait at its end, small enough that a
/// chunk's lists are a sliver of the corpus.
const LOAD_CHUNK: usize = 512;

/// Articles a worker extracts stage by stage ([`Extractor::extract_batch`]):
/// enough for each stage's tables to be reused while cached, few enough
/// that results still stream.
pub const EXTRACT_BATCH: usize = 32;

/// Start of the warning given to an article whose text repeats an earlier one.
pub const DUPLICATE_OF: &str = "duplicate of ";

/// An article's text for duplicate detection: the same text saved with other
/// line ends, a BOM or a trailing newline is still the same article.
fn duplicate_key(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim_start_matches('\u{FEFF}').trim();
    // The merge runs this on every article, one at a time: no copy unless
    // there is a carriage return to replace.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text.into();
    }
    text.replace("\r\n", "\n").replace('\r', "\n").into()
}

impl Corpus {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            ..Self::default()
        }
    }

    /// Append one article's extraction, giving it the next ids. An article
    /// whose text repeats an earlier one's is kept with a "duplicate of
    /// <path>" warning, but without events, dates or places: the same report
    /// saved twice must not count twice.
    pub fn push(&mut self, mut ex: ArticleExtraction) -> ArticleId {
        let id = self.articles.len();
        ex.article.id = id;
        self.mark_duplicate(&mut ex);
        for w in &ex.article.warnings {
            self.warnings.push(FileWarning {
                path: ex.article.path.clone(),
                message: w.clone(),
            });
        }
        for mut e in ex.events {
            e.id = self.events.len();
            e.article = id;
            self.events.push(e);
        }
        self.dates.extend(ex.dates.into_iter().map(|mut d| {
            d.article = id;
            d
        }));
        self.places.extend(ex.places.into_iter().map(|mut p| {
            p.article = id;
            p
        }));
        self.articles.push(ex.article);
        id
    }

    /// Duplicate detection for [`Corpus::push`] (the streaming loader of the
    /// window pushes too, so both paths get it). The first article pushed
    /// with a text is the original.
    fn mark_duplicate(&mut self, ex: &mut ArticleExtraction) {
        // Re-pushed by sorted_by_path: already stripped, and must not
        // become the original its own warning points away from.
        if ex
            .article
            .warnings
            .iter()
            .any(|w| w.starts_with(DUPLICATE_OF))
        {
            return;
        }
        let key = duplicate_key(&ex.article.text);
        let mut hasher = crate::fxhash::FxHasher::default();
        hasher.write(key.as_bytes());
        let hash = hasher.finish();
        match self
            .text_hashes
            .get(&hash)
            .and_then(|&a| self.articles.get(a))
        {
            // Texts compared too: a 64-bit hash collision must not drop an article.
            Some(first) if duplicate_key(&first.text) == key => {
                ex.article.warnings.push(format!(
                    "{DUPLICATE_OF}{} (same text; its events are not counted twice)",
                    first.path
                ));
                ex.events.clear();
                ex.dates.clear();
                ex.places.clear();
            }
            Some(_) => {}
            None => {
                self.text_hashes.insert(hash, ex.article.id);
            }
        }
    }

    /// Room for `extractions` before they are pushed (one growth per chunk
    /// rather than several doublings).
    fn reserve_for<'a>(&mut self, extractions: impl Iterator<Item = &'a ArticleExtraction>) {
        let (mut a, mut e, mut d, mut p) = (0, 0, 0, 0);
        for x in extractions {
            a += 1;
            e += x.events.len();
            d += x.dates.len();
            p += x.places.len();
        }
        self.articles.reserve(a);
        self.events.reserve(e);
        self.dates.reserve(d);
        self.places.reserve(p);
    }

    /// Push a batch of results in order; failures become warnings.
    fn merge(&mut self, results: Vec<Result<ArticleExtraction, FileWarning>>) {
        self.reserve_for(results.iter().filter_map(|r| r.as_ref().ok()));
        for r in results {
            match r {
                Ok(ex) => {
                    self.push(ex);
                }
                Err(w) => self.warnings.push(w),
            }
        }
    }

    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id)
    }

    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(id)
    }

    /// The ids of article `id`'s events: a range, because [`Corpus::push`]
    /// appends each article's events after the previous article's.
    pub fn events_of(&self, id: ArticleId) -> std::ops::Range<EventId> {
        let start = self.events.partition_point(|e| e.article < id);
        let len = self
            .events
            .get(start..)
            .map_or(0, |rest| rest.partition_point(|e| e.article == id));
        start..start + len
    }

    /// The article at `path` (relative, `/`-separated). Both loaders keep
    /// articles in path order, so this bisects; a corpus built otherwise is
    /// scanned.
    pub fn article_by_path(&self, path: &str) -> Option<ArticleId> {
        match self
            .articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
        {
            Ok(i) => Some(i),
            Err(_) => self.articles.iter().position(|a| a.path == path),
        }
    }

    /// The words of `span` in article `article` ("" if either is unknown).
    pub fn text_of(&self, article: ArticleId, span: ByteSpan) -> &str {
        self.article(article).map_or("", |a| span.slice(&a.text))
    }

    /// The event's sentence, as written.
    pub fn sentence(&self, e: &Event) -> &str {
        self.text_of(e.article, e.span)
    }

    /// The event's trigger words, as written.
    pub fn trigger(&self, e: &Event) -> &str {
        self.text_of(e.article, e.trigger_span)
    }

    /// Load and extract a whole folder: each file read, decoded and
    /// extracted in one pass, files in parallel, results in walk order.
    pub fn load(root: &Path, extractor: &Extractor) -> Result<Corpus, LoadError> {
        if !root.exists() {
            return Err(LoadError::NotFound(root.to_path_buf()));
        }
        let (files, warnings) = loader::list_files(root);
        let mut corpus = Corpus::new(root);
        corpus.warnings = warnings;
        corpus.articles.reserve(files.len());
        // In chunks, each merged while the next is extracted: holding every
        // article's own lists until the end would double the memory peak,
        // and merging (one thread) must not stop the extraction.
        // The disk works ahead of the cores (`loader::with_read_ahead`):
        // a chunk is taken from both ends of its halves, so the window
        // spans two chunks.
        let pending = loader::with_read_ahead(&files, 2 * LOAD_CHUNK, |progress| {
            let mut pending: Vec<Result<ArticleExtraction, FileWarning>> = Vec::new();
            for chunk in files.chunks(LOAD_CHUNK) {
                let (results, ()) = rayon::join(
                    || {
                        chunk
                            .par_chunks(EXTRACT_BATCH)
                            .flat_map_iter(|paths| {
                                let loaded = paths.iter().map(|path| {
                                    let loaded = loader::load_file(root, path);
                                    progress.advance(1);
                                    loaded
                                });
                                extractor.extract_loaded(loaded.collect())
                            })
                            .collect::<Vec<_>>()
                    },
                    || corpus.merge(std::mem::take(&mut pending)),
                );
                pending = results;
            }
            pending
        });
        corpus.merge(pending);
        // Growth left spare room; give it back (a cheap remap at this size).
        corpus.articles.shrink_to_fit();
        corpus.events.shrink_to_fit();
        corpus.dates.shrink_to_fit();
        corpus.places.shrink_to_fit();
        corpus.warnings.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(corpus)
    }
}

impl Corpus {
    /// The same corpus with articles in path order and ids renumbered, so
    /// a folder gives the same ids however its files were loaded.
    pub fn sorted_by_path(self) -> Corpus {
        let Corpus {
            root,
            articles,
            events,
            dates,
            places,
            warnings,
            text_hashes: _,
        } = self;
        let n = articles.len();
        let mut per_article: Vec<ArticleExtraction> = articles
            .into_iter()
            .map(|article| ArticleExtraction {
                article,
                events: Vec::new(),
                dates: Vec::new(),
                places: Vec::new(),
            })
            .collect();
        for e in events {
            if let Some(x) = per_article.get_mut(e.article) {
                x.events.push(e);
            }
        }
        for d in dates {
            if let Some(x) = per_article.get_mut(d.article) {
                x.dates.push(d);
            }
        }
        for p in places {
            if let Some(x) = per_article.get_mut(p.article) {
                x.places.push(p);
            }
        }
        per_article.sort_by(|a, b| a.article.path.cmp(&b.article.path));
        let mut out = Corpus::new(root);
        out.articles.reserve(n);
        for x in per_article {
            out.push(x);
        }
        // Article warnings were re-added by push; keep the folder-level ones too.
        let article_paths: std::collections::HashSet<&str> =
            out.articles.iter().map(|a| a.path.as_str()).collect();
        let folder_level: Vec<FileWarning> = warnings
            .into_iter()
            .filter(|w| !article_paths.contains(w.path.as_str()))
            .collect();
        let mut all = folder_level;
        all.append(&mut out.warnings);
        all.sort_by(|a, b| a.path.cmp(&b.path));
        out.warnings = all;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Extractor;
    use crate::loader::LoadedArticle;

    /// The extractor walks with the combined automaton only: the
    /// lexicons' own are never built (megabytes and milliseconds).
    #[test]
    fn only_the_combined_automaton_is_built() {
        let ex = Extractor::builtin();
        assert!(!ex.walk.is_built());
        let x = ex.extract(LoadedArticle::from_text(
            "قتل 25 عنصرا في الرقة يوم 3 آذار 2016",
        ));
        assert_eq!(x.events.len(), 1);
        assert_eq!(x.events[0].people, Some(25));
        assert!(ex.walk.is_built());
        assert!(!ex.gazetteer.matcher().is_built());
        assert!(!ex.triggers.matcher().is_built());
        assert!(!ex.people.matcher().is_built());
    }

    /// The one walk for places, triggers and people nouns finds, on every
    /// seed, exactly what each lexicon's own matcher finds.
    #[test]
    fn one_walk_finds_what_three_walks_find() {
        let ex = Extractor::builtin();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let (mut places, mut triggers, mut nouns) = (0, 0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let norm = crate::text::NormText::new(&text);
            let groups = ex.walk.find_groups(&norm);
            let own = [
                ex.gazetteer.matcher().find(&norm),
                ex.triggers.matcher().find(&norm),
                ex.people.matcher().find(&norm),
            ];
            assert_eq!(groups, own);
            places += own[0].len();
            triggers += own[1].len();
            nouns += own[2].len();
        }
        assert!(
            places > 50 && triggers > 50 && nouns > 20,
            "{places} {triggers} {nouns}"
        );
    }

    fn events_of(text: &str) -> Vec<String> {
        let ex = Extractor::builtin().extract(LoadedArticle::from_text(text));
        ex.events
            .iter()
            .map(|e| e.span.slice(&ex.article.text).to_string())
            .collect()
    }

    /// A repeated sentence (other spacing) counts once; sentences that only
    /// share their first and last words both count.
    #[test]
    fn repeated_sentences_count_once() {
        let got = events_of(
            "قتل خمسة مدنيين في غارة على حلب.\nقتل  خمسة مدنيين في\tغارة على حلب.\n\
             قتل ثلاثة عناصر في غارة على حلب.",
        );
        assert_eq!(
            got,
            [
                "قتل خمسة مدنيين في غارة على حلب.",
                "قتل ثلاثة عناصر في غارة على حلب."
            ]
        );
    }

    /// Stage by stage over a batch gives what one article at a time gives,
    /// and a file that failed keeps its place among the results.
    #[test]
    fn batch_extraction_equals_one_at_a_time() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let (files, _) = crate::loader::list_files(root);
        assert_eq!(files.len(), 5);
        let ex = Extractor::builtin();
        let mut loaded: Vec<_> = files
            .iter()
            .map(|p| crate::loader::load_file(root, p))
            .collect();
        loaded.insert(
            2,
            crate::loader::load_file(root, &root.join("no such file.txt")),
        );
        assert!(loaded[2].is_err());
        let one: Vec<String> = loaded
            .iter()
            .map(|l| match l {
                Ok(a) => format!("{:?}", ex.extract(a.clone())),
                Err(w) => format!("{w:?}"),
            })
            .collect();
        let batch: Vec<String> = ex
            .extract_loaded(loaded)
            .into_iter()
            .map(|r| match r {
                Ok(a) => format!("{a:?}"),
                Err(w) => format!("{w:?}"),
            })
            .collect();
        assert_eq!(batch.len(), 6);
        assert!(batch[2].contains("no such file"), "{}", batch[2]);
        assert!(one[0].contains("events: [Event"), "{}", one[0]);
        assert_eq!(batch, one);
    }
}
