//! What the window shows of a folder: the corpus as loaded with the user's
//! corrections applied in place, and each event's filter data (the index and
//! the search text), kept in step as articles stream in and as corrections
//! are made or undone.
//!
//! The filter data is prepared by the loader's workers ([`Prepared`]), so the
//! window thread only appends; a correction restores what the corrections
//! had replaced and applies the store again, touching only the corrected
//! articles' events. Nothing here is proportional to the corpus except the
//! load itself.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::annotations::{Annotations, Applied, StaleCorrection};
use crate::corpus::{ArticleExtraction, Corpus, Event};
use crate::loader::FileWarning;
use crate::model::{ArticleId, ByteSpan, EventId, PlaceId};
use crate::places::Gazetteer;
use crate::text::NormText;

use super::corrections::Correction;
use super::filters::{self, EventIndex, PlaceSets};
use super::search_text::SearchText;

/// One article made ready for the window off its thread: the extraction
/// and its events' filter data.
pub struct Prepared {
    extraction: ArticleExtraction,
    index: Vec<EventIndex>,
    search: SearchText,
}

impl Prepared {
    pub fn new(extraction: ArticleExtraction, gazetteer: &Gazetteer) -> Self {
        // The article normalised once (normalisation is char by char, so a
        // sentence's slice of it is the sentence normalised): NormText
        // copies unchanged runs whole, which made this half as costly as
        // normalising each sentence char by char.
        let mut search = SearchText::default();
        if !extraction.events.is_empty() {
            let norm = NormText::new(&extraction.article.text);
            add_sentences(&mut search, &extraction.events, |s, e| {
                let (a, b) = (norm.from_orig(e.span.start), norm.from_orig(e.span.end));
                s.add_normalized_line(norm.text.get(a..b).unwrap_or(""))
            });
        }
        // An article's events mostly name the same places: their lists
        // with ancestors are found once (a bounded look back, as for
        // sentences below).
        let mut lists: Vec<(&[PlaceId], Arc<[PlaceId]>)> = Vec::new();
        let index = extraction
            .events
            .iter()
            .map(|e| {
                let mut recent = lists.iter().rev().take(LOOK_BACK);
                let places = match recent.find(|(p, _)| *p == e.places.as_slice()) {
                    Some((_, list)) => Arc::clone(list),
                    None => {
                        let list = filters::places_with_ancestors(&e.places, gazetteer);
                        lists.push((&e.places, Arc::clone(&list)));
                        list
                    }
                };
                EventIndex::with_places(e, places)
            })
            .collect();
        Self {
            extraction,
            index,
            search,
        }
    }
}

/// One article's events' sentences, a line per distinct sentence (an
/// article's events often share one); `add` adds one event's line.
fn add_sentences<'e>(
    search: &mut SearchText,
    events: impl IntoIterator<Item = &'e Event>,
    add: impl Fn(&mut SearchText, &Event) -> usize,
) {
    // A look back over the last few sentences (events of one sentence come
    // together; cheaper than hashing each span). Bounded, so a huge article
    // stays linear: a sentence met again further back gets a second line,
    // which costs room, not correctness.
    let mut lines: Vec<(ByteSpan, usize)> = Vec::new();
    for e in events {
        let mut recent = lines.iter().rev().take(LOOK_BACK);
        let line = match recent.find(|(span, _)| *span == e.span) {
            Some(&(_, line)) => line,
            None => {
                let line = add(search, e);
                lines.push((e.span, line));
                line
            }
        };
        search.add_event(line);
    }
}

#[derive(Default)]
pub struct FolderView {
    pub corpus: Corpus,
    /// Per event, by id: what filtering reads.
    pub index: Vec<EventIndex>,
    /// Every event's sentence, normalised, for the text filter.
    pub search: SearchText,
    pub annotations: Annotations,
    /// What the applied corrections replaced.
    applied: Applied,
    /// Corrections kept in the store that no longer match their article
    /// (known once the whole folder is in).
    pub stale: Vec<StaleCorrection>,
    /// Event ids by date ([`filters::date_key`], then id), kept up to date
    /// as events arrive or are re-dated: those wait in `unordered` until
    /// [`FolderView::merge_order`], so a refresh while a folder streams in
    /// merges instead of sorting everything again.
    order: Vec<EventId>,
    unordered: Vec<EventId>,
    /// Events at or below each place, kept up to date the same way.
    pub place_counts: HashMap<PlaceId, usize>,
    /// Files the loader found, once it says.
    expected_articles: Option<usize>,
    /// The distinct place lists `index` shares.
    place_sets: PlaceSets,
}

/// How far back an article's recent sentences and place lists are
/// searched for one to share.
const LOOK_BACK: usize = 16;

/// After this many articles, the lists are sized for the whole folder.
const ESTIMATE_AFTER: usize = 256;

impl FolderView {
    /// An empty view of `root`, whose articles will get `annotations`.
    pub fn new(root: PathBuf, annotations: Annotations) -> Self {
        Self {
            corpus: Corpus::new(root),
            annotations,
            ..Self::default()
        }
    }

    /// A view of an already extracted corpus (benchmarks, tests).
    pub fn from_corpus(corpus: Corpus, annotations: Annotations, gazetteer: &Gazetteer) -> Self {
        let mut search = SearchText::default();
        for a in &corpus.articles {
            let events = corpus.events.get(corpus.events_of(a.id)).unwrap_or(&[]);
            add_sentences(&mut search, events, |s, e| s.add_line(corpus.sentence(e)));
        }
        let index = corpus
            .events
            .iter()
            .map(|e| EventIndex::new(e, gazetteer))
            .collect();
        let mut view = Self {
            corpus,
            search,
            annotations,
            ..Self::default()
        };
        view.extend_index(index);
        view.reapply(gazetteer);
        view.finish();
        view
    }

    /// The folder holds `n` files (the loader found them).
    pub fn expect_articles(&mut self, n: usize) {
        self.expected_articles = Some(n);
    }

    /// Size the per-event lists for the whole folder from its first
    /// articles, instead of letting them double as it streams in: each
    /// doubling copies the list, and leaves up to half of it spare at the
    /// end (the events alone are ~30 MB at 10,000 articles). A wrong guess
    /// costs no more than doubling would have.
    fn reserve_for_rest(&mut self) {
        let Some(expected) = self.expected_articles else {
            return;
        };
        let c = &mut self.corpus;
        let done = c.articles.len().max(1);
        let rest = expected.saturating_sub(done);
        // A tenth more than the average so far.
        let more = |n: usize| n.saturating_mul(rest) / done + n.saturating_mul(rest) / done / 10;
        c.articles.reserve_exact(rest);
        c.events.reserve_exact(more(c.events.len()));
        c.dates.reserve_exact(more(c.dates.len()));
        c.places.reserve_exact(more(c.places.len()));
        self.index.reserve_exact(more(self.index.len()));
    }

    /// Append the next article (articles come in folder order), with its
    /// corrections applied.
    pub fn push(&mut self, p: Prepared, gazetteer: &Gazetteer) {
        if self.corpus.articles.len() == ESTIMATE_AFTER {
            self.reserve_for_rest();
        }
        let first_event = self.corpus.events.len();
        let id = self.corpus.push(p.extraction);
        let corrected = !self
            .annotations
            .apply_to(&mut self.corpus, id..id + 1, &mut self.applied)
            .is_empty();
        let added = self.corpus.events.get(first_event..).unwrap_or(&[]);
        let index = if added.len() == p.index.len() && !corrected {
            self.search.append(&p.search);
            p.index
        } else {
            // A duplicate of an earlier article keeps none of its events;
            // a corrected one needs its corrected values indexed.
            if added.len() == p.index.len() {
                self.search.append(&p.search);
            } else {
                let corpus = &self.corpus;
                add_sentences(&mut self.search, added, |s, e| {
                    s.add_line(corpus.sentence(e))
                });
            }
            added
                .iter()
                .map(|e| EventIndex::new(e, gazetteer))
                .collect()
        };
        self.extend_index(index);
    }

    /// New events' filter data, counted and queued for the date order.
    fn extend_index(&mut self, mut index: Vec<EventIndex>) {
        let first = self.index.len();
        for ix in &mut index {
            self.place_sets.intern(ix);
            count(&mut self.place_counts, ix, 1);
        }
        self.unordered.extend(first..first + index.len());
        self.index.extend(index);
    }

    /// Merge the events that arrived or changed date since the last call
    /// into the date order.
    pub fn merge_order(&mut self) {
        if self.unordered.is_empty() {
            return;
        }
        let key = |id: &EventId| (filters::date_key(&self.index, *id), *id);
        let mut new = std::mem::take(&mut self.unordered);
        new.sort_unstable_by(|a, b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.cmp(&kb.1))
        });
        let old = std::mem::take(&mut self.order);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let take_old = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => {
                    let (kx, ky) = (key(x), key(y));
                    kx.0.total_cmp(&ky.0).then(kx.1.cmp(&ky.1)).is_le()
                }
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_old { a.next() } else { b.next() });
        }
        self.order = merged;
    }

    /// Event ids by date, undated last, as of the last [`merge_order`](Self::merge_order).
    pub fn order(&self) -> &[EventId] {
        &self.order
    }

    pub fn push_warning(&mut self, w: FileWarning) {
        self.corpus.warnings.push(w);
    }

    /// Every article is in: the stale corrections can be told, and the
    /// lists' spare room given back.
    pub fn finish(&mut self) {
        self.stale = self.annotations.stale(&self.applied);
        self.corpus.warnings.sort_by(|a, b| a.path.cmp(&b.path));
        let c = &mut self.corpus;
        c.articles.shrink_to_fit();
        c.events.shrink_to_fit();
        c.dates.shrink_to_fit();
        c.places.shrink_to_fit();
        self.index.shrink_to_fit();
        self.search.shrink_to_fit();
        self.merge_order();
        self.order.shrink_to_fit();
    }

    /// Take the store as it is now (a reload finishing while corrections
    /// were made on the old view) and apply it.
    pub fn adopt(&mut self, annotations: Annotations, gazetteer: &Gazetteer) {
        self.annotations = annotations;
        self.reapply(gazetteer);
    }

    /// Store one correction and show it. Keys come from the corpus (a
    /// correction changes no span or text, so they are the extracted ones).
    pub fn correct(&mut self, c: Correction, gazetteer: &Gazetteer) {
        use Correction as C;
        let corpus = &self.corpus;
        let a = &mut self.annotations;
        let event_of = |id: EventId| {
            let e = corpus.event(id)?;
            Some((corpus.article(e.article)?, e))
        };
        let article_of = |id: ArticleId| corpus.article(id);
        match c {
            C::ArticleDate(id, d) => {
                if let Some(art) = article_of(id) {
                    a.set_article_date(art, d);
                }
            }
            C::ArticleNote(id, n) => {
                if let Some(art) = article_of(id) {
                    a.set_article_note(art, n);
                }
            }
            C::EventDate(id, d) => {
                if let Some((art, e)) = event_of(id) {
                    a.set_event_date(art, e, d);
                }
            }
            C::EventKind(id, k) => {
                if let Some((art, e)) = event_of(id) {
                    a.set_event_kind(art, e, k);
                }
            }
            C::EventPlaces(id, p) => {
                if let Some((art, e)) = event_of(id) {
                    a.set_event_places(art, e, p);
                }
            }
            C::EventHidden(id, h) => {
                if let Some((art, e)) = event_of(id) {
                    a.set_event_hidden(art, e, h);
                }
            }
            C::EventNote(id, n) => {
                if let Some((art, e)) = event_of(id) {
                    a.set_event_note(art, e, n);
                }
            }
        }
        self.reapply(gazetteer);
    }

    /// Take back the last correction; whether there was one.
    pub fn undo(&mut self, gazetteer: &Gazetteer) -> bool {
        let undone = self.annotations.undo();
        if undone {
            self.reapply(gazetteer);
        }
        undone
    }

    /// The store changed: apply it again and refresh the filter data of
    /// the events whose values may have changed.
    fn reapply(&mut self, gazetteer: &Gazetteer) {
        let touched = self
            .annotations
            .reapply(&mut self.corpus, &mut self.applied);
        self.reindex(&touched, gazetteer);
        self.stale = self.annotations.stale(&self.applied);
    }

    /// Events whose values changed: their filter data again, their counts
    /// moved, and their place in the date order found again.
    fn reindex(&mut self, ids: &[EventId], gazetteer: &Gazetteer) {
        let mut moved = HashSet::new();
        for &id in ids {
            let (Some(e), Some(ix)) = (self.corpus.events.get(id), self.index.get_mut(id)) else {
                continue;
            };
            let mut new = EventIndex::new(e, gazetteer);
            self.place_sets.intern(&mut new);
            count(&mut self.place_counts, ix, -1);
            count(&mut self.place_counts, &new, 1);
            *ix = new;
            moved.insert(id);
        }
        if moved.is_empty() {
            return;
        }
        self.order.retain(|id| !moved.contains(id));
        self.unordered.retain(|id| !moved.contains(id));
        self.unordered.extend(moved);
    }

    /// The event at the same place in the same article as `(path, span,
    /// kind)` of an earlier view: a selection kept across a reload.
    pub fn find_event(
        &self,
        path: &str,
        span: crate::model::ByteSpan,
        kind: crate::events::EventKind,
    ) -> Option<EventId> {
        let article = self.corpus.article_by_path(path)?;
        self.corpus.events_of(article).find(|&id| {
            self.corpus
                .event(id)
                .is_some_and(|e| e.span == span && e.kind == kind)
        })
    }
}

/// Add (`by` 1) or take away (-1) an event from its places' counts.
fn count(counts: &mut HashMap<PlaceId, usize>, ix: &EventIndex, by: isize) {
    for p in ix.places_with_ancestors.iter() {
        match counts.get_mut(p) {
            Some(n) => *n = n.saturating_add_signed(by),
            None if by > 0 => {
                counts.insert(p.clone(), 1);
            }
            None => {}
        }
    }
    if by < 0 {
        counts.retain(|_, n| *n > 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Extractor;
    use chrono::Datelike;

    /// The search line prepared for each seed event is its sentence
    /// normalised (the text of an HTML file too, whose spans point into the
    /// extracted text), and events sharing a sentence share its line.
    #[test]
    fn prepared_search_lines_equal_each_sentence_normalised() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let (files, _) = crate::loader::list_files(root);
        let ex = Extractor::builtin();
        let (mut lines, mut shared) = (0, 0);
        for path in &files {
            let Ok(loaded) = crate::loader::load_file(root, path) else {
                panic!("seed unreadable: {}", path.display());
            };
            let x = ex.extract(loaded);
            let want: Vec<String> = x
                .events
                .iter()
                .map(|e| reference_line(e.span.slice(&x.article.text)))
                .collect();
            let sentences: HashSet<ByteSpan> = x.events.iter().map(|e| e.span).collect();
            let events = x.events.len();
            let got = Prepared::new(x, ex.gazetteer()).search;
            for (ev, want) in want.iter().enumerate() {
                assert_eq!(&String::from_utf8_lossy(got.event_line(ev)), want);
            }
            // One line per distinct sentence.
            assert_eq!(got.lines(), sentences.len());
            lines += got.lines();
            shared += events - got.lines();
        }
        assert!(lines > 40, "{lines}");
        assert!(shared > 5, "{shared} events share a sentence");
    }

    /// Diacritics, tatweel and Arabic-Indic digits (which normalise to
    /// fewer bytes) at a sentence's ends, a capital Latin letter, a Greek
    /// one (no fast path) and a line break inside the sentence.
    #[test]
    fn search_lines_at_awkward_sentence_ends() {
        let text = "مقدمة.\nقُتِلَ ٢٥ عنصراً في Raqqa ΑΘΗΝΑ\nيوم الأحدِ.\nـأخيرة.";
        let x = Extractor::builtin().extract(crate::loader::LoadedArticle::from_text(text));
        assert!(!x.events.is_empty());
        let want: Vec<String> = x
            .events
            .iter()
            .map(|e| reference_line(e.span.slice(&x.article.text)))
            .collect();
        let got = Prepared::new(x, &Gazetteer::builtin()).search;
        let line = |ev| String::from_utf8_lossy(got.event_line(ev)).to_string();
        for (ev, want) in want.iter().enumerate() {
            assert_eq!(&line(ev), want);
        }
        assert!((0..want.len()).any(|ev| line(ev).contains("raqqa αθηνα")));
    }

    /// Events whose sentences come back after more than [`LOOK_BACK`]
    /// others (out of text order) still each get their own sentence's line;
    /// sentences met within the look-back share one.
    #[test]
    fn sentences_met_again_far_back_keep_their_text() {
        let text: String = (0..40)
            .map(|i| format!("جملة رقم {i} عن الرقة. "))
            .collect();
        let spans: Vec<ByteSpan> = text
            .match_indices("جملة")
            .map(|(start, _)| {
                let end = text[start..]
                    .find('.')
                    .map_or(text.len(), |e| start + e + 1);
                ByteSpan::new(start, end)
            })
            .collect();
        assert_eq!(spans.len(), 40);
        let x = Extractor::builtin().extract(crate::loader::LoadedArticle::from_text(
            "قتل ثلاثة مدنيين في الرقة.",
        ));
        let template = x.events.first().expect("an event").clone();
        // Sentence 0, 1, …, 39, then 0 … 39 again, then 39 twice.
        let order: Vec<usize> = (0..40).chain(0..40).chain([39, 39]).collect();
        let events: Vec<Event> = order
            .iter()
            .map(|&i| Event {
                span: spans[i],
                ..template.clone()
            })
            .collect();
        let mut search = SearchText::default();
        add_sentences(&mut search, &events, |s, e| s.add_line(e.span.slice(&text)));
        for (ev, &i) in order.iter().enumerate() {
            let got = String::from_utf8_lossy(search.event_line(ev)).to_string();
            assert_eq!(got, reference_line(spans[i].slice(&text)), "event {ev}");
        }
        // 40 lines, 40 more for the far repeats, none for the near ones.
        assert_eq!(search.lines(), 80);
    }

    /// A search line as the simplest code would make it.
    fn reference_line(sentence: &str) -> String {
        crate::text::normalize(sentence)
            .to_lowercase()
            .replace('\n', " ")
            + "\n"
    }

    /// The seeds as the loader's workers hand them over, plus a copy of
    /// the first under another name (a duplicate keeps none of its events).
    fn seeds_prepared(ex: &Extractor) -> Vec<ArticleExtraction> {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
        let (files, _) = crate::loader::list_files(root);
        let mut out: Vec<ArticleExtraction> = files
            .iter()
            .filter_map(|p| crate::loader::load_file(root, p).ok())
            .map(|l| ex.extract(l))
            .collect();
        let mut dup = ex.extract(crate::loader::load_file(root, &files[0]).unwrap());
        dup.article.path = "zz_copy.txt".into();
        out.push(dup);
        out
    }

    /// What a view shows, for comparison.
    fn shown(v: &mut FolderView) -> (String, String, Vec<EventId>, Vec<(String, usize)>, String) {
        v.merge_order();
        // The counts kept up to date are the counts counted afresh.
        let mut counted: HashMap<PlaceId, usize> = HashMap::new();
        for ix in &v.index {
            for p in ix.places_with_ancestors.iter() {
                *counted.entry(p.clone()).or_insert(0) += 1;
            }
        }
        assert_eq!(v.place_counts, counted);
        // Events with the same places share one list.
        let lists: HashSet<*const PlaceId> = v
            .index
            .iter()
            .map(|ix| ix.places_with_ancestors.as_ptr())
            .collect();
        let distinct: HashSet<&[PlaceId]> = v
            .index
            .iter()
            .map(|ix| &*ix.places_with_ancestors)
            .collect();
        assert_eq!(lists.len(), distinct.len());
        let mut counts: Vec<(String, usize)> = v
            .place_counts
            .iter()
            .map(|(p, n)| (p.0.to_string(), *n))
            .collect();
        counts.sort();
        (
            serde_json::to_string(&v.corpus.events).unwrap(),
            format!("{:?}", v.index),
            v.order().to_vec(),
            counts,
            format!(
                "{:?}",
                (
                    (0..v.index.len())
                        .map(|ev| String::from_utf8_lossy(v.search.event_line(ev)).to_string())
                        .collect::<Vec<_>>(),
                    v.search.lines(),
                    &v.stale
                )
            ),
        )
    }

    /// Streaming articles in with corrections already stored, then
    /// correcting and undoing, shows what a view built at once from the
    /// extracted corpus and the same store shows: the in-place bookkeeping
    /// (filter data, counts, date order) never drifts.
    #[test]
    fn streamed_and_corrected_view_equals_one_built_at_once() {
        let ex = Extractor::builtin();
        let g = ex.gazetteer();
        let extractions = seeds_prepared(&ex);
        let mut extracted = Corpus::new(PathBuf::from("seeds"));
        for x in extractions.clone() {
            extracted.push(x);
        }
        assert_eq!(extracted.articles.len(), 6);
        assert_eq!(extracted.events_of(5).len(), 0, "the copy is a duplicate");
        let last = extracted.events.len() - 1;
        let (a0, e0) = (&extracted.articles[0], &extracted.events[0]);
        let (a_last, e_last) = (
            &extracted.articles[extracted.events[last].article],
            &extracted.events[last],
        );

        // A store as a previous session left it.
        let mut ann = Annotations::new();
        ann.set_event_kind(a0, e0, Some(crate::events::EventKind::Arrest));
        ann.set_event_places(a_last, e_last, Some(vec![PlaceId("al-tabqa".into())]));
        let mut other = a0.clone();
        other.text = format!("{} edited", other.text).into();
        ann.set_article_note(&other, Some("stale".into()));

        let mut streamed = FolderView::new(PathBuf::from("seeds"), ann.clone());
        for x in extractions {
            streamed.push(Prepared::new(x, g), g);
            streamed.merge_order(); // a refresh while loading
        }
        streamed.finish();
        assert_eq!(streamed.stale.len(), 1);
        let mut at_once = FolderView::from_corpus(extracted.clone(), ann, g);
        assert_eq!(shown(&mut streamed), shown(&mut at_once));
        assert_eq!(
            streamed.corpus.events[0].kind,
            crate::events::EventKind::Arrest
        );

        let day = |m| {
            let d = chrono::NaiveDate::from_ymd_opt(2013, m, 1).unwrap();
            crate::model::DateSpan::day(d, crate::model::DateBasis::User, "user")
        };
        let edits = [
            Correction::EventDate(1, Some(day(1))),
            Correction::ArticleDate(1, Some(day(2))),
            Correction::EventHidden(last, true),
            Correction::EventPlaces(0, None),
            Correction::EventDate(1, None),
        ];
        for (n, c) in edits.into_iter().enumerate() {
            streamed.correct(c, g);
            let mut fresh =
                FolderView::from_corpus(extracted.clone(), streamed.annotations.clone(), g);
            assert_eq!(shown(&mut streamed), shown(&mut fresh), "after edit {n}");
        }
        // The article date moved its article-dated events to 2013.
        assert!(streamed.order().first().is_some_and(|&id| {
            streamed.corpus.events[id]
                .date
                .as_ref()
                .is_some_and(|d| d.start.year() == 2013)
        }));
        while streamed.undo(g) {
            let mut fresh =
                FolderView::from_corpus(extracted.clone(), streamed.annotations.clone(), g);
            assert_eq!(shown(&mut streamed), shown(&mut fresh));
        }
        let mut plain = FolderView::from_corpus(extracted, Annotations::new(), g);
        let (events, index, order, counts, _) = shown(&mut streamed);
        let want = shown(&mut plain);
        assert_eq!(
            (events, index, order, counts),
            (want.0, want.1, want.2, want.3)
        );
    }
}
