//! The filtered view as plain data: which events pass the place, kind, text
//! and date-range filters, in which order. No egui here, so it is tested
//! without a window, and the app recomputes it only when an input changes.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Event};
use crate::events::EventKind;
use crate::model::{EventId, PlaceId};
use crate::places::Gazetteer;
use crate::text::normalize;

use super::time_axis::x_from_date;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Only events at this place or below it.
    pub place: Option<PlaceId>,
    /// Kinds switched off (empty: all shown).
    pub hidden_kinds: BTreeSet<EventKind>,
    /// Free text, matched after Arabic normalisation (اعدام finds إعدام).
    pub text: String,
    /// Only events overlapping the timeline's visible range.
    pub only_visible_range: bool,
    /// Also show events the user has hidden.
    pub show_hidden: bool,
}

impl Filters {
    pub fn is_default(&self) -> bool {
        *self == Filters::default()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    #[default]
    DateAscending,
    DateDescending,
}

/// Per-event data computed once when the event arrives, so filtering a
/// hundred thousand events is a scan of flat data.
#[derive(Clone, Debug)]
pub struct EventIndex {
    /// Timeline range in x units (days), None when undated.
    pub x_range: Option<(f64, f64)>,
    /// The event's places and all their ancestors.
    pub places_with_ancestors: Vec<PlaceId>,
}

impl EventIndex {
    pub fn new(event: &Event, gazetteer: &Gazetteer) -> Self {
        let mut places: Vec<PlaceId> = Vec::new();
        for p in &event.places {
            for anc in gazetteer.ancestors(p) {
                if !places.contains(&anc.id) {
                    places.push(anc.id.clone());
                }
            }
        }
        Self {
            x_range: event
                .date
                .as_ref()
                .map(|d| (x_from_date(d.start), x_from_date(d.end) + 1.0)),
            places_with_ancestors: places,
        }
    }
}

/// Every event's sentence, normalised and lowercased, in one buffer (one
/// line per event), so a text filter is one SIMD scan of contiguous memory
/// instead of a hundred thousand small ones.
#[derive(Clone, Debug, Default)]
pub struct SearchText {
    buf: String,
    /// Where each event's line starts; one more entry than events.
    starts: Vec<usize>,
}

impl SearchText {
    /// Add the next event's sentence.
    pub fn push(&mut self, sentence: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        // Line breaks inside a sentence would let a match span two events.
        let line = normalize(sentence).to_lowercase().replace('\n', " ");
        self.buf.push_str(&line);
        self.buf.push('\n');
        self.starts.push(self.buf.len());
    }

    pub fn clear(&mut self) {
        self.buf.clear();
        self.starts.clear();
    }

    fn line(&self, event: EventId) -> &[u8] {
        let (Some(&s), Some(&e)) = (self.starts.get(event), self.starts.get(event + 1)) else {
            return &[];
        };
        self.buf.as_bytes().get(s..e).unwrap_or(&[])
    }

    /// Which events' lines hold every term (`None`: no terms, all do).
    fn matching(&self, terms: &[memchr::memmem::Finder<'_>]) -> Option<Vec<bool>> {
        let (first, rest) = terms.split_first()?;
        let n = self.starts.len().saturating_sub(1);
        let bytes = self.buf.as_bytes();
        let mut hit = vec![false; n];
        let mut pos = 0;
        while let Some(off) = bytes.get(pos..).and_then(|b| first.find(b)) {
            let at = pos + off;
            let ev = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            if let Some(h) = hit.get_mut(ev) {
                *h = true;
            }
            // Next event: one hit per event is enough.
            pos = self
                .starts
                .get(ev + 1)
                .copied()
                .unwrap_or(bytes.len())
                .max(at + 1);
        }
        if !rest.is_empty() {
            for (ev, h) in hit.iter_mut().enumerate() {
                if *h {
                    let line = self.line(ev);
                    *h = rest.iter().all(|f| f.find(line).is_some());
                }
            }
        }
        Some(hit)
    }
}

/// Event ids by date (start, then id), undated last: computed once per
/// corpus change so filtering never sorts.
pub fn date_order(index: &[EventIndex]) -> Vec<EventId> {
    let key = |id: &EventId| {
        index
            .get(*id)
            .and_then(|ix| ix.x_range)
            .map_or(f64::INFINITY, |r| r.0)
    };
    let mut order: Vec<EventId> = (0..index.len()).collect();
    order.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.cmp(b)));
    order
}

/// Events passing `filters`, in date order (`order` from [`date_order`]),
/// undated last. Runs on all cores: a text filter over 100,000 events is a
/// scan of ~30 MB.
pub fn filter_events(
    corpus: &Corpus,
    index: &[EventIndex],
    search: &SearchText,
    order: &[EventId],
    filters: &Filters,
    visible: Option<(f64, f64)>,
    sort: SortOrder,
) -> Vec<EventId> {
    use rayon::prelude::*;
    let query = normalize(filters.text.trim()).to_lowercase();
    let finders: Vec<memchr::memmem::Finder<'_>> = query
        .split_whitespace()
        .map(memchr::memmem::Finder::new)
        .collect();
    let text_hits = search.matching(&finders);
    let passes = |id: EventId| {
        let (Some(e), Some(ix)) = (corpus.events.get(id), index.get(id)) else {
            return false;
        };
        if filters.hidden_kinds.contains(&e.kind) || (e.hidden && !filters.show_hidden) {
            return false;
        }
        if let Some(place) = &filters.place {
            if !ix.places_with_ancestors.contains(place) {
                return false;
            }
        }
        if let Some(hits) = &text_hits {
            if !hits.get(id).copied().unwrap_or(false) {
                return false;
            }
        }
        if let (true, Some((lo, hi))) = (filters.only_visible_range, visible) {
            match ix.x_range {
                Some((s, e)) if e >= lo && s <= hi => {}
                _ => return false,
            }
        }
        true
    };
    let mut out: Vec<EventId> = order.par_iter().copied().filter(|&id| passes(id)).collect();
    if sort == SortOrder::DateDescending {
        // Undated stay last.
        let dated = out
            .iter()
            .take_while(|&&id| index.get(id).is_some_and(|ix| ix.x_range.is_some()))
            .count();
        if let Some(head) = out.get_mut(..dated) {
            head.reverse();
        }
    }
    out
}

/// How many events fall at or below each place (each event counted once per place).
pub fn place_counts(index: &[EventIndex]) -> HashMap<PlaceId, usize> {
    let mut counts = HashMap::new();
    for ix in index {
        for p in &ix.places_with_ancestors {
            *counts.entry(p.clone()).or_insert(0) += 1;
        }
    }
    counts
}

/// A node of the place picker: a place with events, and its children with events.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceNode {
    pub id: PlaceId,
    pub count: usize,
    pub children: Vec<PlaceNode>,
}

/// The hierarchy of places that have events, most events first.
pub fn place_tree(gazetteer: &Gazetteer, counts: &HashMap<PlaceId, usize>) -> Vec<PlaceNode> {
    let mut children: HashMap<Option<PlaceId>, Vec<PlaceId>> = HashMap::new();
    for id in counts.keys() {
        let parent = gazetteer.get(id).and_then(|p| p.parent.clone());
        // A parent with no events (cannot happen: counts include ancestors) or
        // unknown to the gazetteer makes this a root.
        let parent = parent.filter(|p| counts.contains_key(p));
        children.entry(parent).or_default().push(id.clone());
    }
    fn build(
        id: &PlaceId,
        children: &HashMap<Option<PlaceId>, Vec<PlaceId>>,
        counts: &HashMap<PlaceId, usize>,
        depth: usize,
    ) -> PlaceNode {
        // Depth guard: a malformed user gazetteer could hold a cycle.
        let kids = if depth < 16 {
            nodes(children.get(&Some(id.clone())), children, counts, depth + 1)
        } else {
            Vec::new()
        };
        PlaceNode {
            id: id.clone(),
            count: counts.get(id).copied().unwrap_or(0),
            children: kids,
        }
    }
    fn nodes(
        ids: Option<&Vec<PlaceId>>,
        children: &HashMap<Option<PlaceId>, Vec<PlaceId>>,
        counts: &HashMap<PlaceId, usize>,
        depth: usize,
    ) -> Vec<PlaceNode> {
        let mut v: Vec<PlaceNode> = ids
            .map(|ids| {
                ids.iter()
                    .map(|id| build(id, children, counts, depth))
                    .collect()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
        v
    }
    nodes(children.get(&None), &children, counts, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_search_normalises_ands_terms_and_never_spans_events() {
        let mut s = SearchText::default();
        for t in ["أعدم التنظيم ثلاثة", "إعدام في الرقة", "غارة على الرقة"]
        {
            s.push(t);
        }
        let find = |q: &str| {
            let q = normalize(q).to_lowercase();
            let f: Vec<_> = q
                .split_whitespace()
                .map(memchr::memmem::Finder::new)
                .collect();
            s.matching(&f)
        };
        assert_eq!(find("اعدام"), Some(vec![false, true, false]));
        assert_eq!(find("الرقة"), Some(vec![false, true, true]));
        assert_eq!(find("غارة الرقة"), Some(vec![false, false, true]));
        // «ثلاثة» ends event 0 and «إعدام» starts event 1: no match across.
        assert_eq!(find("ثلاثهاعدام"), Some(vec![false, false, false]));
        assert_eq!(find(""), None);
    }
}
