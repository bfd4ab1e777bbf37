//! The filtered view as plain data: which events pass the place, kind, text
//! and date-range filters, in which order. No egui here, so it is tested
//! without a window, and the app recomputes it only when an input changes.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Event};
use crate::events::EventKind;
use crate::fxhash::FxBuild;
use crate::model::{EventId, PlaceId};
use crate::places::Gazetteer;
use crate::text::normalize;

use super::search_text::SearchText;
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
#[derive(Clone, Debug, PartialEq)]
pub struct EventIndex {
    /// Timeline range in x units (days), None when undated.
    pub x_range: Option<(f64, f64)>,
    /// The event's places and all their ancestors: one list shared by
    /// every event with the same places ([`PlaceSets`]), since a folder has
    /// a few thousand such lists but 100,000 events (a list each was 17 MB).
    pub places_with_ancestors: Arc<[PlaceId]>,
}

impl EventIndex {
    pub fn new(event: &Event, gazetteer: &Gazetteer) -> Self {
        Self::with_places(event, places_with_ancestors(&event.places, gazetteer))
    }

    /// With the event's places and their ancestors already found (events
    /// of one article share them).
    pub fn with_places(event: &Event, places_with_ancestors: Arc<[PlaceId]>) -> Self {
        Self {
            x_range: event
                .date
                .as_ref()
                .map(|d| (x_from_date(d.start), x_from_date(d.end) + 1.0)),
            places_with_ancestors,
        }
    }
}

/// `places` and all their ancestors, each once.
pub fn places_with_ancestors(places: &[PlaceId], gazetteer: &Gazetteer) -> Arc<[PlaceId]> {
    let mut out: Vec<PlaceId> = Vec::new();
    for p in places {
        for anc in gazetteer.ancestors(p) {
            if !out.contains(&anc.id) {
                out.push(anc.id.clone());
            }
        }
    }
    out.into()
}

/// The distinct place lists of a folder's events: each event's index
/// points at the one copy.
#[derive(Clone, Debug, Default)]
pub struct PlaceSets(HashSet<Arc<[PlaceId]>, FxBuild>);

impl PlaceSets {
    /// Make `ix` share the stored copy of its place list.
    pub fn intern(&mut self, ix: &mut EventIndex) {
        match self.0.get(&ix.places_with_ancestors) {
            Some(shared) => ix.places_with_ancestors = Arc::clone(shared),
            None => {
                self.0.insert(Arc::clone(&ix.places_with_ancestors));
            }
        }
    }
}

/// What events are ordered by: the start of the timeline range, undated
/// (infinity) last.
pub fn date_key(index: &[EventIndex], id: EventId) -> f64 {
    index
        .get(id)
        .and_then(|ix| ix.x_range)
        .map_or(f64::INFINITY, |r| r.0)
}

/// Events passing `filters`, in date order (`order`: ids by [`date_key`],
/// then id, undated last; kept by `FolderView`). Runs on all cores: a text filter over 100,000 events is a
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
