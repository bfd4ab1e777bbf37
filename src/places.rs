//! The gazetteer (places with Arabic names, kinds and a parent hierarchy) and
//! finding its places in a text.
//!
//! The data is `assets/gazetteer.tsv` (built by `tools/make_gazetteer.py`); a
//! user can add a TSV of their own with the same columns
//! ([`Gazetteer::extend_from_tsv`]). Matching uses the clitic-aware
//! [`PhraseMatcher`] (longest name wins: «ريف دير الزور» over «دير الزور»);
//! names that are also common words are kept only in place context
//! (see [`context`]).

mod context;
mod tsv;

use std::collections::HashMap;

use crate::fxhash::FxBuild;

use serde::{Deserialize, Serialize};

use crate::model::{ByteSpan, PlaceId};
use crate::text::{normalize, NormText, PhraseHit, PhraseMatcher, Suffix};

use context::{Context, Verdict};
pub use tsv::GazetteerError;

const BUILTIN_TSV: &str = include_str!("../assets/gazetteer.tsv");

/// What sort of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Governorate,
    District,
    City,
    Town,
    Village,
    /// Also read for `facility` rows (an airport, base, dam, camp or border
    /// crossing): as precise as a neighbourhood, with a town or governorate
    /// as parent. They keep `facility` in the TSV for a future own kind.
    #[serde(alias = "neighborhood", alias = "facility")]
    Neighbourhood,
    /// A named area that is not an administrative unit («ريف حلب», «البادية»).
    Region,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub id: PlaceId,
    pub name_en: String,
    /// The usual Arabic name, as the press writes it.
    pub name_ar: String,
    /// Other Arabic spellings and names, all matched like `name_ar`.
    pub variants: Vec<String>,
    pub kind: PlaceKind,
    pub parent: Option<PlaceId>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl Place {
    /// `name_ar` then the variants.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// A place named in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceHit {
    pub place: PlaceId,
    /// Original bytes of exactly the place's words (clitics such as «بـ» excluded).
    pub span: ByteSpan,
}

/// What a matcher pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Place(usize),
    /// A name that contains place words but is no place (see `block` in
    /// `assets/place_context.txt`).
    Block,
}

/// The places, their hierarchy and a matcher for their names. `Send + Sync`:
/// build it once and share it.
pub struct Gazetteer {
    places: Vec<Place>,
    /// Per place: the `ambiguous` keyword of its TSV row, if any.
    ambiguous: Vec<Option<String>>,
    index: HashMap<PlaceId, usize, FxBuild>,
    /// Every (normalised name, place) in load order; a later claim of the
    /// same name wins, so a user's file can take a name over.
    claims: Vec<(String, usize)>,
    /// Normalised name -> owning place (the resolved `claims`).
    owner: HashMap<String, usize, FxBuild>,
    matcher: PhraseMatcher,
    targets: Vec<Target>,
    context: Context,
}

impl Gazetteer {
    /// The built-in gazetteer (`assets/gazetteer.tsv`). Parses the embedded
    /// file and builds the matcher: call it once and keep the result.
    pub fn builtin() -> Gazetteer {
        // The embedded file is project data, not user input; tests check it loads.
        Self::from_tsv(BUILTIN_TSV)
            .unwrap_or_else(|_| Self::build(Vec::new(), Vec::new(), Vec::new()))
    }

    /// A gazetteer from TSV text (see `assets/gazetteer.tsv` for the columns).
    pub fn from_tsv(tsv: &str) -> Result<Self, GazetteerError> {
        let mut places = Vec::new();
        let mut ambiguous = Vec::new();
        let mut claims = Vec::new();
        tsv::merge_rows(tsv, &mut places, &mut ambiguous, &mut claims)?;
        tsv::check_hierarchy(&places)?;
        Ok(Self::build(places, ambiguous, claims))
    }

    /// Add a user's TSV (same columns): a row with a new id adds a place, a
    /// row with a known id adds its Arabic names to that place. A name already
    /// used by another place now means the user's place. On error nothing changes.
    pub fn extend_from_tsv(&mut self, tsv: &str) -> Result<(), GazetteerError> {
        let mut places = self.places.clone();
        let mut ambiguous = self.ambiguous.clone();
        let mut claims = self.claims.clone();
        tsv::merge_rows(tsv, &mut places, &mut ambiguous, &mut claims)?;
        tsv::check_hierarchy(&places)?;
        *self = Self::build(places, ambiguous, claims);
        Ok(())
    }

    fn build(
        places: Vec<Place>,
        ambiguous: Vec<Option<String>>,
        claims: Vec<(String, usize)>,
    ) -> Self {
        let index = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let mut owner = HashMap::default();
        for (name, i) in &claims {
            owner.insert(name.clone(), *i);
        }
        let context = Context::builtin();
        let mut phrases: Vec<(&str, Target)> = owner
            .iter()
            .map(|(n, &i)| (n.as_str(), Target::Place(i)))
            .collect();
        phrases.extend(context.blocks().iter().map(|b| (b.as_str(), Target::Block)));
        // Sorted so pattern order (and so tie-breaking) does not depend on hashing.
        phrases.sort_by(|a, b| a.0.cmp(b.0));
        let targets: Vec<Target> = phrases.iter().map(|p| p.1).collect();
        let matcher = PhraseMatcher::new(
            phrases.iter().enumerate().map(|(k, p)| (p.0, k)),
            Suffix::None,
        );
        Self {
            places,
            ambiguous,
            index,
            claims,
            owner,
            matcher,
            targets,
            context,
        }
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn get(&self, id: &PlaceId) -> Option<&Place> {
        self.index.get(id).and_then(|&i| self.places.get(i))
    }

    /// The place a single Arabic name (any spelling, no clitics) stands for.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        let n = normalize(name.trim());
        self.owner.get(&n).and_then(|&i| self.places.get(i))
    }

    /// The place itself, then its parent, grandparent, ... Stops at a
    /// missing parent or a cycle.
    pub fn ancestors(&self, id: &PlaceId) -> Vec<&Place> {
        let mut out: Vec<&Place> = Vec::new();
        let mut cur = self.get(id);
        while let Some(p) = cur {
            // A chain is a handful of places: a look back finds a cycle
            // without a hash set (whose allocation and hashing were most
            // of this call, made for every event's every place).
            if out.iter().any(|q| q.id == p.id) {
                break;
            }
            out.push(p);
            cur = p.parent.as_ref().and_then(|pid| self.get(pid));
        }
        out
    }

    /// True when `place` is `ancestor` or lies inside it.
    pub fn is_within(&self, place: &PlaceId, ancestor: &PlaceId) -> bool {
        self.ancestors(place).iter().any(|p| &p.id == ancestor)
    }

    /// The places whose parent is `id`.
    pub fn children(&self, id: &PlaceId) -> Vec<&Place> {
        self.places
            .iter()
            .filter(|p| p.parent.as_ref() == Some(id))
            .collect()
    }

    /// The country `id` lies in (itself if it is one).
    pub fn country_of(&self, id: &PlaceId) -> Option<&Place> {
        self.ancestors(id)
            .into_iter()
            .find(|p| p.kind == PlaceKind::Country)
    }

    /// The matcher of the place names (for a combined walk, see
    /// [`PhraseMatcher::combined`] and [`find_in`](Self::find_in)).
    pub fn matcher(&self) -> &PhraseMatcher {
        &self.matcher
    }

    /// The places named in `text`, in text order, non-overlapping. Names that
    /// are also common words (TSV column `ambiguous`) count only in place
    /// context; «محافظتي إدلب وحلب» gives the two governorates.
    pub fn find(&self, text: &NormText) -> Vec<PlaceHit> {
        self.find_in(text, self.matcher.find(text))
    }

    /// [`find`](Self::find) from the hits of [`matcher`](Self::matcher)
    /// (or of its group of a combined matcher) in `text`.
    pub fn find_in(&self, text: &NormText, hits: Vec<PhraseHit>) -> Vec<PlaceHit> {
        let t = text.text.as_str();
        let mut out = Vec::new();
        // Normalised end of the last accepted hit, and the singular noun that
        // raised it («محافظه» after «محافظتي»), so «... وحلب» is raised too.
        let mut last: Option<(usize, Option<String>)> = None;
        for hit in hits {
            let Some(&Target::Place(i)) = self.targets.get(hit.value) else {
                continue;
            };
            let Some(place) = self.places.get(i) else {
                continue;
            };
            let site = context::Site::new(t, hit.norm);
            let follows_place = last
                .as_ref()
                .is_some_and(|(end, _)| site.coordinated_after(*end));
            if let Some(Some(keyword)) = self.ambiguous.get(i) {
                let verb = keyword == "verb";
                if self.context.judge(&site, follows_place, verb) == Verdict::Reject {
                    continue;
                }
            }
            if tanween_after_alef(text, hit.norm) {
                continue;
            }
            let chained = last
                .take()
                .and_then(|(_, singular)| singular)
                .filter(|_| follows_place);
            let raised = self.raise(&site, chained);
            let id = raised.as_ref().map_or(&place.id, |(g, _)| &g.id);
            out.push(PlaceHit {
                place: id.clone(),
                span: hit.span,
            });
            last = Some((hit.norm.end, raised.map(|(_, singular)| singular)));
        }
        out
    }

    /// «محافظتي إدلب وحلب»: after a plural place noun, or chained to a hit
    /// raised that way, the name stands for «<singular> <name>» when that is
    /// itself a place. Returns that place and the singular used.
    fn raise(&self, site: &context::Site, chained: Option<String>) -> Option<(&Place, String)> {
        let singular = match self.context.singular_of(site.prev_word()) {
            Some(s) => s.to_string(),
            None => chained?,
        };
        let name = format!("{singular} {}", site.phrase());
        let place = self.owner.get(&name).and_then(|&i| self.places.get(i))?;
        Some((place, singular))
    }
}

/// «سورياً»: a name ending in alef that carries tanween in the original is
/// the indefinite accusative of an adjective or adverb («مقاتلاً سورياً» =
/// "a Syrian fighter"), never a place name, which takes no tanween. The
/// normalised text drops the mark, but the alef's original range then spans it.
fn tanween_after_alef(text: &NormText, norm: ByteSpan) -> bool {
    let alef = 'ا'.len_utf8();
    text.text
        .get(norm.start..norm.end)
        .is_some_and(|p| p.ends_with('ا'))
        && norm.end >= alef
        && text.to_orig(norm.end - alef, norm.end).len() > alef
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn gazetteer_is_send_and_sync() {
        assert_send_sync::<Gazetteer>();
    }

    #[test]
    fn builtin_loads_with_unique_names() {
        let g = Gazetteer::builtin();
        assert!(g.len() > 500, "only {} places", g.len());
        // No name of the built-in file is claimed by two places (the generator dedups).
        for (name, i) in &g.claims {
            assert_eq!(g.owner.get(name), Some(i), "«{name}» has two places");
        }
    }
}
