//! Reading gazetteer TSV rows (the built-in file or a user's) into places.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Place, PlaceKind};
use crate::model::PlaceId;
use crate::text::normalize;

/// Why a gazetteer file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer line {line}: {message}")]
    Parse { line: u64, message: String },
    #[error("gazetteer: place `{id}` has parent `{parent}`, which is not in the gazetteer")]
    UnknownParent { id: String, parent: String },
    #[error("gazetteer: the parent chain of `{id}` loops back on itself")]
    ParentCycle { id: String },
}

/// One TSV row. Only `id` is always required; a row that adds names to a
/// known place needs nothing else, a new place also needs `kind` and an
/// Arabic name. `geonameid` and `source` are for people, not the program.
#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_ar: String,
    #[serde(default)]
    variants: String,
    #[serde(default)]
    kind: Option<PlaceKind>,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    lat: Option<f64>,
    #[serde(default)]
    lon: Option<f64>,
    #[serde(default)]
    ambiguous: String,
}

fn parse_err(line: u64, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Parse {
        line,
        message: message.into(),
    }
}

/// Parse `tsv` and merge its rows into `places` (parallel `ambiguous`),
/// appending every Arabic name to `claims`. Ids must be unique within one file.
pub(super) fn merge_rows(
    tsv: &str,
    places: &mut Vec<Place>,
    ambiguous: &mut Vec<Option<String>>,
    claims: &mut Vec<(String, usize)>,
) -> Result<(), GazetteerError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        // Names may contain quotes («"داعش"»); TSV fields are never quoted.
        .quoting(false)
        .trim(csv::Trim::All)
        .from_reader(tsv.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| parse_err(1, e.to_string()))?
        .clone();
    if !headers.iter().any(|h| h == "id") {
        return Err(parse_err(1, "no `id` column in the header row"));
    }
    let mut index: HashMap<PlaceId, usize> = places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let mut seen_here: HashSet<String> = HashSet::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            parse_err(line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let row: Row = rec
            .deserialize(Some(&headers))
            .map_err(|e| parse_err(line, e.to_string()))?;
        let id = row.id.clone();
        if id.is_empty() || !id.is_ascii() || id.contains(|c: char| c.is_whitespace() || c == '|') {
            return Err(parse_err(
                line,
                format!("bad id `{id}`: use ASCII without spaces"),
            ));
        }
        if !seen_here.insert(id.clone()) {
            return Err(parse_err(line, format!("id `{id}` appears twice")));
        }
        for (v, lim, what) in [(row.lat, 90.0, "lat"), (row.lon, 180.0, "lon")] {
            if v.is_some_and(|v| !(-lim..=lim).contains(&v)) {
                return Err(parse_err(line, format!("{what} out of range")));
            }
        }
        let mut distinct = HashSet::new();
        let names: Vec<String> = std::iter::once(row.name_ar.as_str())
            .chain(row.variants.split('|'))
            .map(str::trim)
            .filter(|n| {
                let k = normalize(n);
                !k.trim().is_empty() && distinct.insert(k)
            })
            .map(str::to_string)
            .collect();
        let amb = Some(row.ambiguous.clone()).filter(|a| !a.is_empty());
        let pid = PlaceId(id.as_str().into());
        let i = match index.get(&pid) {
            Some(&i) => {
                // A known place: add the names it does not have yet.
                let Some(place) = places.get_mut(i) else {
                    continue;
                };
                let have: HashSet<String> = place.names().map(normalize).collect();
                let mut added = HashSet::new();
                for n in &names {
                    let k = normalize(n);
                    if !have.contains(&k) && added.insert(k) {
                        place.variants.push(n.clone());
                    }
                }
                if let (Some(slot), Some(a)) = (ambiguous.get_mut(i), amb) {
                    *slot = Some(a);
                }
                i
            }
            None => {
                let Some(kind) = row.kind else {
                    return Err(parse_err(line, format!("new place `{id}` has no kind")));
                };
                let mut names_iter = names.iter().cloned();
                let Some(name_ar) = names_iter.next() else {
                    return Err(parse_err(line, format!("place `{id}` has no Arabic name")));
                };
                places.push(Place {
                    id: pid.clone(),
                    name_en: row.name_en.clone(),
                    name_ar,
                    variants: names_iter.collect(),
                    kind,
                    parent: Some(row.parent.clone())
                        .filter(|p| !p.is_empty())
                        .map(|p| PlaceId(p.into())),
                    lat: row.lat,
                    lon: row.lon,
                });
                ambiguous.push(amb);
                let i = places.len() - 1;
                index.insert(pid, i);
                i
            }
        };
        claims.extend(names.iter().map(|n| (normalize(n).trim().to_string(), i)));
    }
    Ok(())
}

/// Every parent exists and no parent chain loops.
pub(super) fn check_hierarchy(places: &[Place]) -> Result<(), GazetteerError> {
    let index: HashMap<&PlaceId, &Place> = places.iter().map(|p| (&p.id, p)).collect();
    for p in places {
        let mut cur = p;
        // A chain longer than the number of places must revisit one.
        for _ in 0..=places.len() {
            let Some(parent) = &cur.parent else {
                break;
            };
            let Some(next) = index.get(parent) else {
                return Err(GazetteerError::UnknownParent {
                    id: cur.id.to_string(),
                    parent: parent.to_string(),
                });
            };
            if next.id == p.id {
                return Err(GazetteerError::ParentCycle {
                    id: p.id.to_string(),
                });
            }
            cur = next;
        }
        if cur.parent.is_some() {
            return Err(GazetteerError::ParentCycle {
                id: p.id.to_string(),
            });
        }
    }
    Ok(())
}
