//! The knowledge file of dated events (`assets/known_events.tsv`), the cue
//! words around their names (`assets/inference_cues.tsv`), and finding both
//! in an article.

use chrono::NaiveDate;

use crate::model::ByteSpan;
use crate::text::{is_word_char, normalize, NormText, PhraseHit, PhraseMatcher, Suffix};

const BUILTIN_EVENTS: &str = include_str!("../../assets/known_events.tsv");
const BUILTIN_CUES: &str = include_str!("../../assets/inference_cues.tsv");

/// What a row of the knowledge file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownKind {
    /// Something that happened: an article naming it is from its start or later.
    Event,
    /// A name or office in use during `start..=end`: weak evidence that an
    /// article using it falls in that range.
    Era,
}

/// One row of the knowledge file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownEvent {
    pub id: String,
    pub start: NaiveDate,
    /// Inclusive; equal to `start` for a one-day event.
    pub end: NaiveDate,
    pub name_en: String,
    /// As written in the file (not normalised).
    pub phrases: Vec<String>,
    pub kind: KnownKind,
    pub source: String,
}

impl KnownEvent {
    /// «2014-06-10» or «2017-06-06..2017-10-17», for evidence.
    pub fn dates(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}..{}", self.start, self.end)
        }
    }
}

/// A malformed line of a knowledge or cue file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KnowledgeError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> KnowledgeError {
    KnowledgeError {
        line,
        message: message.into(),
    }
}

/// Non-empty, non-comment lines with their 1-based numbers.
fn data_lines(tsv: &str) -> impl Iterator<Item = (usize, &str)> {
    tsv.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn date(line: usize, what: &str, s: &str) -> Result<NaiveDate, KnowledgeError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| err(line, format!("{what} «{s}» is not a YYYY-MM-DD date")))
}

/// Parse a knowledge file (format in `assets/known_events.tsv`).
pub fn parse_events(tsv: &str) -> Result<Vec<KnownEvent>, KnowledgeError> {
    let mut out = Vec::new();
    for (n, line) in data_lines(tsv) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, start, end, name_en, phrases, kind, source] = cols.as_slice() else {
            return Err(err(
                n,
                format!("expected 7 tab-separated columns, found {}", cols.len()),
            ));
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(err(n, "empty id"));
        }
        let start = date(n, "start", start)?;
        let end = if end.trim().is_empty() {
            start
        } else {
            date(n, "end", end)?
        };
        if end < start {
            return Err(err(n, format!("end {end} is before start {start}")));
        }
        let phrases: Vec<String> = phrases
            .split('|')
            .map(str::trim)
            .filter(|p| !normalize(p).trim().is_empty())
            .map(str::to_string)
            .collect();
        if phrases.is_empty() {
            return Err(err(n, "no phrases"));
        }
        let kind = match kind.trim() {
            "event" => KnownKind::Event,
            "era" => KnownKind::Era,
            k => return Err(err(n, format!("kind «{k}» is neither event nor era"))),
        };
        if source.trim().is_empty() {
            return Err(err(n, "no source"));
        }
        out.push(KnownEvent {
            id: id.to_string(),
            start,
            end,
            name_en: name_en.trim().to_string(),
            phrases,
            kind,
            source: source.trim().to_string(),
        });
    }
    Ok(out)
}

/// What the words around an event's name say about the article's time.
/// Ordered by precedence: when several apply, the greatest wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    /// The event is under way.
    Ongoing,
    /// The event has just happened.
    JustAfter,
    /// The event is beginning.
    Starting,
    /// The event has not happened yet.
    Awaited,
    /// A look back: none of the above.
    NotNow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Before,
    After,
    Either,
}

#[derive(Clone, Copy, Debug)]
struct CueRow {
    cue: Cue,
    position: Position,
    max_words: usize,
}

/// Cue phrases with the index of their row.
type CuePhrases = Vec<(String, usize)>;

fn parse_cues(tsv: &str) -> Result<(Vec<CueRow>, CuePhrases), KnowledgeError> {
    let mut rows = Vec::new();
    let mut phrases = Vec::new();
    for (n, line) in data_lines(tsv) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, position, max_words, list] = cols.as_slice() else {
            return Err(err(
                n,
                format!("expected 4 tab-separated columns, found {}", cols.len()),
            ));
        };
        let cue = match kind.trim() {
            "starting" => Cue::Starting,
            "just_after" => Cue::JustAfter,
            "ongoing" => Cue::Ongoing,
            "awaited" => Cue::Awaited,
            "not_now" => Cue::NotNow,
            k => return Err(err(n, format!("unknown cue kind «{k}»"))),
        };
        let position = match position.trim() {
            "before" => Position::Before,
            "after" => Position::After,
            "either" => Position::Either,
            p => return Err(err(n, format!("position «{p}» is not before/after/either"))),
        };
        let max_words = max_words
            .trim()
            .parse()
            .map_err(|_| err(n, format!("max_words «{max_words}» is not a number")))?;
        for p in list.split('|').map(str::trim).filter(|p| !p.is_empty()) {
            phrases.push((p.to_string(), rows.len()));
        }
        rows.push(CueRow {
            cue,
            position,
            max_words,
        });
    }
    Ok((rows, phrases))
}

/// A known event's name found in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Original byte span of the name.
    pub span: ByteSpan,
    /// The name as written.
    pub words: String,
    /// Indexes into [`KnowledgeBase::events`] of every event the name may
    /// mean (a phrase may be listed under several).
    pub events: Vec<usize>,
    /// The strongest cue around the name, with its words.
    pub cue: Option<(Cue, String)>,
}

/// Chars that end a clause: a cue and a name on both sides of one are unrelated.
const CLAUSE_BREAKS: [char; 10] = ['.', '!', '?', '؟', '؛', ';', ':', '\n', '،', ','];

/// The bundled (and user-extended) dated events, with the matchers built
/// from their phrases. `Send + Sync`: share it.
pub struct KnowledgeBase {
    events: Vec<KnownEvent>,
    /// Per distinct normalised phrase: the events it names.
    phrase_events: Vec<Vec<usize>>,
    cue_rows: Vec<CueRow>,
    /// Three matchers walked as one (see [`Self::find`]): the cue words,
    /// the event phrases matched as stems (the last word may take
    /// suffixes), and those ending in a digit, matched as whole words
    /// («جنيف 2»).
    walk: PhraseMatcher,
}

/// What [`KnowledgeBase::find`] finds in a text.
pub(crate) struct KnowledgeHits {
    pub cues: Vec<PhraseHit>,
    stems: Vec<PhraseHit>,
    words: Vec<PhraseHit>,
}

impl std::fmt::Debug for KnowledgeBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeBase")
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

impl KnowledgeBase {
    /// The events and cues embedded from `assets/`.
    pub fn builtin() -> Self {
        // The bundled files are checked by tests; a broken edit must not
        // stop the program, so it degrades to an empty knowledge base.
        let events = parse_events(BUILTIN_EVENTS).unwrap_or_default();
        let (rows, phrases) = parse_cues(BUILTIN_CUES).unwrap_or_default();
        Self::build(events, rows, phrases)
    }

    /// The builtin knowledge with the events of `tsv` (same format) added.
    pub fn with_extra(tsv: &str) -> Result<Self, KnowledgeError> {
        let mut kb = Self::builtin();
        kb.extend_from_tsv(tsv)?;
        Ok(kb)
    }

    /// Add the events of a user's file (same format as the bundled one).
    /// Returns how many were added; on error nothing is added.
    pub fn extend_from_tsv(&mut self, tsv: &str) -> Result<usize, KnowledgeError> {
        let extra = parse_events(tsv)?;
        let n = extra.len();
        let mut events = std::mem::take(&mut self.events);
        events.extend(extra);
        let (rows, phrases) = parse_cues(BUILTIN_CUES).unwrap_or_default();
        *self = Self::build(events, rows, phrases);
        Ok(n)
    }

    fn build(
        events: Vec<KnownEvent>,
        cue_rows: Vec<CueRow>,
        cue_phrases: Vec<(String, usize)>,
    ) -> Self {
        let mut norm_phrases: Vec<String> = Vec::new();
        let mut phrase_events: Vec<Vec<usize>> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            for p in &e.phrases {
                let n = normalize(p)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                match norm_phrases.iter().position(|q| *q == n) {
                    Some(k) => {
                        if let Some(list) = phrase_events.get_mut(k) {
                            if !list.contains(&i) {
                                list.push(i);
                            }
                        }
                    }
                    None => {
                        norm_phrases.push(n);
                        phrase_events.push(vec![i]);
                    }
                }
            }
        }
        let ends_in_digit = |p: &str| p.chars().last().is_some_and(|c| c.is_ascii_digit());
        let pick = |digit: bool| {
            norm_phrases
                .iter()
                .enumerate()
                .filter(move |(_, p)| ends_in_digit(p) == digit)
                .map(|(i, p)| (p.as_str(), i))
        };
        let stems = PhraseMatcher::new(pick(false), Suffix::Any);
        let words = PhraseMatcher::new(pick(true), Suffix::None);
        let cues = PhraseMatcher::new(
            cue_phrases.iter().map(|(p, r)| (p.as_str(), *r)),
            Suffix::None,
        );
        Self {
            events,
            phrase_events,
            cue_rows,
            walk: PhraseMatcher::combined(&[&cues, &stems, &words]),
        }
    }

    pub fn events(&self) -> &[KnownEvent] {
        &self.events
    }

    pub fn event(&self, i: usize) -> Option<&KnownEvent> {
        self.events.get(i)
    }

    /// Every known event named in the text, in text order, each with the
    /// strongest cue around it.
    pub fn mentions(&self, text: &NormText, original: &str) -> Vec<Mention> {
        self.mentions_in(original, &self.find(text))
    }

    /// The cue words and event phrases of a text, in one walk.
    pub(crate) fn find(&self, text: &NormText) -> KnowledgeHits {
        let mut groups = self.walk.find_groups(text).into_iter();
        let mut next = || groups.next().unwrap_or_default();
        KnowledgeHits {
            cues: next(),
            stems: next(),
            words: next(),
        }
    }

    /// [`mentions`](Self::mentions) from what [`find`](Self::find) found
    /// (the estimate needs the cues too).
    pub(crate) fn mentions_in(&self, original: &str, found: &KnowledgeHits) -> Vec<Mention> {
        let cue_hits = &found.cues;
        let mut hits: Vec<PhraseHit> = found.stems.iter().chain(&found.words).cloned().collect();
        // The two matchers may compete for the same words: longest wins.
        hits.sort_by(|a, b| {
            b.norm
                .len()
                .cmp(&a.norm.len())
                .then(a.norm.start.cmp(&b.norm.start))
        });
        let mut kept: Vec<PhraseHit> = Vec::new();
        for h in hits {
            if kept
                .iter()
                .all(|k| h.norm.end <= k.norm.start || h.norm.start >= k.norm.end)
            {
                kept.push(h);
            }
        }
        kept.sort_by_key(|h| h.norm.start);
        kept.into_iter()
            .filter_map(|h| {
                let events = self.phrase_events.get(h.value)?.clone();
                Some(Mention {
                    span: h.span,
                    words: h.span.slice(original).to_string(),
                    events,
                    cue: self.cue_at(original, cue_hits, h.span, None),
                })
            })
            .collect()
    }

    /// Whether an `only` cue stands around `span` (e.g. «المقررة» before a
    /// written date).
    pub(crate) fn cue_near(
        &self,
        original: &str,
        hits: &[PhraseHit],
        span: ByteSpan,
        only: Cue,
    ) -> Option<String> {
        self.cue_at(original, hits, span, Some(only))
            .map(|(_, w)| w)
    }

    fn cue_at(
        &self,
        original: &str,
        hits: &[PhraseHit],
        span: ByteSpan,
        only: Option<Cue>,
    ) -> Option<(Cue, String)> {
        hits.iter()
            .filter_map(|h| {
                let row = self.cue_rows.get(h.value)?;
                if only.is_some_and(|c| c != row.cue) {
                    return None;
                }
                related(original, span, h.span, row)
                    .then(|| (row.cue, h.span.slice(original).to_string()))
            })
            .max_by_key(|(c, _)| *c)
    }
}

/// True when the cue at `cue` stands where `row` wants it relative to the
/// name at `name`, in the same clause, with at most `row.max_words` words
/// between them.
fn related(original: &str, name: ByteSpan, cue: ByteSpan, row: &CueRow) -> bool {
    let (between, cue_first) = if cue.end <= name.start {
        (original.get(cue.end..name.start), true)
    } else if name.end <= cue.start {
        (original.get(name.end..cue.start), false)
    } else {
        return false;
    };
    match (row.position, cue_first) {
        (Position::Before, false) | (Position::After, true) => return false,
        _ => {}
    }
    let Some(between) = between else {
        return false;
    };
    // Clitics and suffixes glued to either side («ب» of «بتحرير») are not
    // words between them.
    let between = between
        .trim_start_matches(is_word_char)
        .trim_end_matches(is_word_char);
    if between.contains(CLAUSE_BREAKS) {
        return false;
    }
    between
        .split_whitespace()
        .filter(|w| w.chars().any(is_word_char))
        .count()
        <= row.max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse() {
        assert!(parse_events(BUILTIN_EVENTS).is_ok());
        assert!(parse_cues(BUILTIN_CUES).is_ok());
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let e = parse_events("# c\nx\t2014-13-01\t\tX\tا\tevent\tsrc\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("2014-13-01"));
        let e = parse_events("x\t2014-06-01\t2014-05-01\tX\tا\tevent\tsrc\n").unwrap_err();
        assert!(e.message.contains("before start"));
        let e = parse_events("x\t2014-06-01\t\tX\tا\tevent\t \n").unwrap_err();
        assert_eq!(e.message, "no source");
        let e = parse_events("x\t2014-06-01\t\tX\tا\tthing\tsrc\n").unwrap_err();
        assert!(e.message.contains("thing"));
    }

    fn mention(text: &str) -> Vec<(String, Option<Cue>)> {
        let kb = KnowledgeBase::builtin();
        kb.mentions(&NormText::new(text), text)
            .into_iter()
            .map(|m| {
                let id = m
                    .events
                    .iter()
                    .filter_map(|&i| kb.event(i))
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join("+");
                (id, m.cue.map(|c| c.0))
            })
            .collect()
    }

    #[test]
    fn names_and_cues_are_found() {
        let cases: &[(&str, &str, Option<Cue>)] = &[
            (
                "مع بدء معركة الرقة قتل",
                "raqqa_2013+wrath_of_euphrates+battle_of_raqqa",
                Some(Cue::Starting),
            ),
            (
                "منذ بدء الضربات الروسية",
                "russian_intervention",
                Some(Cue::NotNow),
            ),
            (
                "لم تكد الغارات الروسية على المدينة تبدأ حتى",
                "russian_intervention",
                Some(Cue::Starting),
            ),
            (
                "معركة الموصل المرتقبة",
                "battle_of_mosul",
                Some(Cue::Awaited),
            ),
            (
                "معركة الموصل الجارية",
                "battle_of_mosul",
                Some(Cue::Ongoing),
            ),
            (
                "يحتفل الأهالي بتحرير كوباني",
                "kobani_recaptured",
                Some(Cue::JustAfter),
            ),
            // A clause break parts cue and name.
            ("يحتفل الأهالي، وتحرير كوباني", "kobani_recaptured", None),
            ("بعد سقوط الموصل", "fall_of_mosul", None),
            ("في مؤتمر جنيف 2 قال", "geneva_ii", None),
        ];
        for (text, id, cue) in cases {
            assert_eq!(mention(text), vec![(id.to_string(), *cue)], "{text}");
        }
        // «جنيف 2» is a whole word: not the start of «جنيف 2014».
        assert!(mention("في جنيف 2014").is_empty());
    }
}
