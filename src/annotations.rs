//! The user's corrections: an article's date and note; an event's date,
//! kind, places, visibility and note. The user has the last word.
//!
//! Stored as versioned JSON beside the articles, in
//! `<folder>/.newsline/annotations.json` (the loader skips hidden folders, so
//! it is never read as an article), written atomically. When the folder is
//! read-only the file goes to the user's data directory instead, with a
//! notice. Corrections are keyed by the article's path and a hash of its
//! text: when the text changes, a correction is kept and reported as stale,
//! never silently dropped or applied to the wrong words.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Event};
use crate::events::EventKind;
use crate::fsutil::atomic_write;
use crate::model::{ByteSpan, DateBasis, DateSpan, PlaceId};

mod apply;
pub use apply::{Applied, StaleCorrection, StaleReason};

/// Folder (inside the articles' folder) that holds newsline's state.
pub const STATE_DIR: &str = ".newsline";
/// The corrections file in [`STATE_DIR`].
pub const STATE_FILE: &str = "annotations.json";
/// Version of the file format this build writes.
pub const FORMAT_VERSION: u32 = 1;
/// Edits that can be undone: enough for "oops, the last few", bounded so a
/// long session does not grow without limit.
const UNDO_DEPTH: usize = 100;
/// Chars of an event's sentence kept beside its correction, so a stale one
/// can be recognised by the user.
const CONTEXT_CHARS: usize = 80;

/// 64-bit FNV-1a: a stable hash (unlike std's, the same across builds and
/// machines), plenty to notice that a text changed.
pub fn text_hash(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    text.bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// JSON numbers above 2^53 lose precision in many readers: hashes are hex.
mod hex64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}

/// Which article a correction is for: its path in the folder and the hash
/// of the text it was made on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleKey {
    pub path: String,
    #[serde(with = "hex64")]
    pub hash: u64,
}

impl ArticleKey {
    pub fn of(article: &Article) -> Self {
        Self {
            path: article.path.clone(),
            hash: text_hash(&article.text),
        }
    }
}

/// Which event: its article, sentence and trigger words. Not its kind: the
/// user may correct the kind, and the key must not change with it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventKey {
    pub article: ArticleKey,
    pub sentence: ByteSpan,
    pub trigger: ByteSpan,
}

impl EventKey {
    pub fn of(article: &Article, event: &Event) -> Self {
        Self {
            article: ArticleKey::of(article),
            sentence: event.span,
            trigger: event.trigger_span,
        }
    }
}

/// The user's word on an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCorrection {
    /// Basis [`DateBasis::User`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ArticleCorrection {
    fn is_empty(&self) -> bool {
        self.date.is_none() && self.note.is_none()
    }
}

/// The user's word on an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCorrection {
    /// Basis [`DateBasis::User`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateSpan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<PlaceId>>,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl EventCorrection {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct ArticleEntry {
    key: ArticleKey,
    /// The article's title when corrected, for reports.
    #[serde(default)]
    context: String,
    correction: ArticleCorrection,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct EventEntry {
    key: EventKey,
    /// The start of the event's sentence when corrected, for reports.
    #[serde(default)]
    context: String,
    correction: EventCorrection,
}

/// The file's layout.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    version: u32,
    #[serde(default)]
    articles: Vec<ArticleEntry>,
    #[serde(default)]
    events: Vec<EventEntry>,
}

/// One edit, with what it replaced, for undo.
#[derive(Clone, Debug)]
enum Change {
    Article(ArticleKey, Option<ArticleEntry>),
    Event(EventKey, Option<EventEntry>),
}

/// Where [`Annotations::save`] wrote, and anything the user should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub notice: Option<String>,
}

/// The store of corrections, with undo.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    articles: BTreeMap<ArticleKey, ArticleEntry>,
    events: BTreeMap<EventKey, EventEntry>,
    undo: Vec<Change>,
    /// The file on disk was written by a newer newsline: saving would lose
    /// what this one does not understand.
    newer_on_disk: bool,
}

/// `<folder>/.newsline/annotations.json`.
pub fn state_path(folder: &Path) -> PathBuf {
    folder.join(STATE_DIR).join(STATE_FILE)
}

/// The per-folder file in the user's data directory (`$XDG_DATA_HOME`, else
/// `~/.local/share`, else `%APPDATA%`), for read-only folders.
pub fn fallback_path(folder: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))?;
    Some(fallback_in(&base, folder))
}

/// The fallback file for `folder` under the data directory `base`: one
/// subfolder per articles' folder, named by a hash of its full path.
pub fn fallback_in(base: &Path, folder: &Path) -> PathBuf {
    let full = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let id = format!("{:016x}", text_hash(&full.to_string_lossy()));
    base.join("newsline").join(id).join(STATE_FILE)
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn excerpt(s: &str) -> String {
    let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match t.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => format!("{}…", t.get(..i).unwrap_or(&t)),
        None => t,
    }
}

/// A date the user set: basis User, and evidence that says so.
fn user_date(mut d: DateSpan) -> DateSpan {
    d.basis = DateBasis::User;
    if d.evidence.trim().is_empty() {
        d.evidence = "set by the user".into();
    }
    if d.end < d.start {
        std::mem::swap(&mut d.start, &mut d.end);
    }
    d
}

impl Annotations {
    pub fn new() -> Self {
        Self::default()
    }

    /// The corrections stored for `folder`, and notices for the user (read
    /// from the fallback location, unreadable file kept aside, newer format).
    /// A missing file is no corrections and no notice.
    pub fn load(folder: &Path) -> (Self, Vec<String>) {
        Self::load_with(folder, fallback_path(folder).as_deref())
    }

    /// Like [`load`](Self::load), with the fallback file given.
    pub fn load_with(folder: &Path, fallback: Option<&Path>) -> (Self, Vec<String>) {
        let main = state_path(folder);
        let mut notices = Vec::new();
        // The fallback is used when the folder could not be written: the
        // newer of the two files holds the latest edits.
        let path = match fallback.filter(|f| f.exists()) {
            Some(f) if !main.exists() || modified(f) > modified(&main) => {
                notices.push(format!(
                    "corrections read from {} (the folder was read-only)",
                    f.display()
                ));
                f.to_path_buf()
            }
            _ => main,
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::new(), notices),
            Err(e) => {
                notices.push(format!("could not read {}: {e}", path.display()));
                return (Self::new(), notices);
            }
        };
        match serde_json::from_slice::<Stored>(&bytes) {
            Ok(stored) => {
                let mut a = Self::new();
                if stored.version > FORMAT_VERSION {
                    a.newer_on_disk = true;
                    notices.push(format!(
                        "{} was written by a newer newsline (format {}); it is read as far as understood and will not be overwritten",
                        path.display(),
                        stored.version
                    ));
                }
                for e in stored.articles {
                    a.articles.insert(e.key.clone(), e);
                }
                for e in stored.events {
                    a.events.insert(e.key.clone(), e);
                }
                (a, notices)
            }
            Err(e) => {
                // Keep the user's file: the next save must not destroy it.
                let aside = path.with_extension("json.unreadable");
                let kept = std::fs::copy(&path, &aside).is_ok();
                notices.push(format!(
                    "{} could not be read ({e}); starting without corrections{}",
                    path.display(),
                    if kept {
                        format!(", the file was copied to {}", aside.display())
                    } else {
                        String::new()
                    }
                ));
                (Self::new(), notices)
            }
        }
    }

    /// Write the corrections beside the articles, or to the user's data
    /// directory when the folder cannot be written (with a notice).
    pub fn save(&self, folder: &Path) -> std::io::Result<Saved> {
        self.save_with(folder, fallback_path(folder).as_deref())
    }

    /// Like [`save`](Self::save), with the fallback file given.
    pub fn save_with(&self, folder: &Path, fallback: Option<&Path>) -> std::io::Result<Saved> {
        if self.newer_on_disk {
            return Err(std::io::Error::other(
                "the corrections file was written by a newer newsline; not overwriting it",
            ));
        }
        let bytes = self.to_json()?;
        let main = state_path(folder);
        let write = |p: &Path| -> std::io::Result<()> {
            if let Some(dir) = p.parent() {
                std::fs::create_dir_all(dir)?;
            }
            atomic_write(p, &bytes)
        };
        match write(&main) {
            Ok(()) => Ok(Saved {
                path: main,
                notice: None,
            }),
            Err(first) => {
                let Some(f) = fallback else {
                    return Err(first);
                };
                write(f)?;
                Ok(Saved {
                    path: f.to_path_buf(),
                    notice: Some(format!(
                        "could not write in {} ({first}); corrections saved to {}",
                        folder.display(),
                        f.display()
                    )),
                })
            }
        }
    }

    fn to_json(&self) -> std::io::Result<Vec<u8>> {
        let stored = Stored {
            version: FORMAT_VERSION,
            articles: self.articles.values().cloned().collect(),
            events: self.events.values().cloned().collect(),
        };
        serde_json::to_vec_pretty(&stored).map_err(std::io::Error::other)
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.events.is_empty()
    }

    /// Number of corrected articles and events.
    pub fn len(&self) -> usize {
        self.articles.len() + self.events.len()
    }

    pub fn article(&self, key: &ArticleKey) -> Option<&ArticleCorrection> {
        self.articles.get(key).map(|e| &e.correction)
    }

    pub fn event(&self, key: &EventKey) -> Option<&EventCorrection> {
        self.events.get(key).map(|e| &e.correction)
    }

    fn edit_article(&mut self, article: &Article, f: impl FnOnce(&mut ArticleCorrection)) {
        let key = ArticleKey::of(article);
        let before = self.articles.get(&key).cloned();
        let mut entry = before.clone().unwrap_or_else(|| ArticleEntry {
            key: key.clone(),
            context: excerpt(&article.title),
            correction: ArticleCorrection::default(),
        });
        f(&mut entry.correction);
        if before.as_ref() == Some(&entry) {
            return;
        }
        if entry.correction.is_empty() {
            self.articles.remove(&key);
        } else {
            self.articles.insert(key.clone(), entry);
        }
        self.push_undo(Change::Article(key, before));
    }

    fn edit_event(
        &mut self,
        article: &Article,
        event: &Event,
        f: impl FnOnce(&mut EventCorrection),
    ) {
        let key = EventKey::of(article, event);
        let before = self.events.get(&key).cloned();
        let mut entry = before.clone().unwrap_or_else(|| EventEntry {
            key: key.clone(),
            context: excerpt(event.span.slice(&article.text)),
            correction: EventCorrection::default(),
        });
        f(&mut entry.correction);
        if before.as_ref() == Some(&entry) {
            return;
        }
        if entry.correction.is_empty() {
            self.events.remove(&key);
        } else {
            self.events.insert(key.clone(), entry);
        }
        self.push_undo(Change::Event(key, before));
    }

    fn push_undo(&mut self, c: Change) {
        self.undo.push(c);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Set (or with `None`, clear) an article's date; stored with basis User.
    pub fn set_article_date(&mut self, article: &Article, date: Option<DateSpan>) {
        self.edit_article(article, |c| c.date = date.map(user_date));
    }

    pub fn set_article_note(&mut self, article: &Article, note: Option<String>) {
        self.edit_article(article, |c| c.note = note.filter(|n| !n.trim().is_empty()));
    }

    /// Set (or clear) an event's date; stored with basis User.
    pub fn set_event_date(&mut self, article: &Article, event: &Event, date: Option<DateSpan>) {
        self.edit_event(article, event, |c| c.date = date.map(user_date));
    }

    pub fn set_event_kind(&mut self, article: &Article, event: &Event, kind: Option<EventKind>) {
        self.edit_event(article, event, |c| c.kind = kind);
    }

    pub fn set_event_places(
        &mut self,
        article: &Article,
        event: &Event,
        places: Option<Vec<PlaceId>>,
    ) {
        self.edit_event(article, event, |c| c.places = places);
    }

    pub fn set_event_hidden(&mut self, article: &Article, event: &Event, hidden: bool) {
        self.edit_event(article, event, |c| c.hidden = hidden);
    }

    pub fn set_event_note(&mut self, article: &Article, event: &Event, note: Option<String>) {
        self.edit_event(article, event, |c| {
            c.note = note.filter(|n| !n.trim().is_empty())
        });
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Take back the last edit. Returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(change) = self.undo.pop() else {
            return false;
        };
        match change {
            Change::Article(key, before) => match before {
                Some(e) => {
                    self.articles.insert(key, e);
                }
                None => {
                    self.articles.remove(&key);
                }
            },
            Change::Event(key, before) => match before {
                Some(e) => {
                    self.events.insert(key, e);
                }
                None => {
                    self.events.remove(&key);
                }
            },
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(text_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(text_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(text_hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn excerpts_are_cut_on_char_boundaries() {
        let long = "ب".repeat(200);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), CONTEXT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt(" قصير \n جدا "), "قصير جدا");
    }
}
