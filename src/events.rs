//! Sentences with a trigger word become typed events.
//!
//! An event is a sentence holding a trigger from `assets/triggers.tsv`. A
//! sentence with triggers of several kinds gives one event per kind, except
//! `other` (a bare killing), which only stands when nothing more specific does.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::fxhash::{FxBuild, FxHasher};

use crate::model::ByteSpan;
use crate::people::tsv_rows;
use crate::text::{NormText, PhraseHit, PhraseMatcher, Suffix};

const TRIGGERS_TSV: &str = include_str!("../assets/triggers.tsv");

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Defection,
    Assassination,
    Execution,
    Infighting,
    Battle,
    Airstrike,
    Bombing,
    Capture,
    Withdrawal,
    Arrest,
    Displacement,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 12] = [
        EventKind::Defection,
        EventKind::Assassination,
        EventKind::Execution,
        EventKind::Infighting,
        EventKind::Battle,
        EventKind::Airstrike,
        EventKind::Bombing,
        EventKind::Capture,
        EventKind::Withdrawal,
        EventKind::Arrest,
        EventKind::Displacement,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Defection => "defection",
            EventKind::Assassination => "assassination",
            EventKind::Execution => "execution",
            EventKind::Infighting => "infighting",
            EventKind::Battle => "battle",
            EventKind::Airstrike => "airstrike",
            EventKind::Bombing => "bombing",
            EventKind::Capture => "capture",
            EventKind::Withdrawal => "withdrawal",
            EventKind::Arrest => "arrest",
            EventKind::Displacement => "displacement",
            EventKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A trigger found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriggerHit {
    pub kind: EventKind,
    /// Original byte range of the trigger words.
    pub span: ByteSpan,
}

/// A sentence with its triggers, one entry per event kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventCandidate {
    pub sentence: ByteSpan,
    pub triggers: Vec<TriggerHit>,
}

/// The trigger lexicon, built once.
pub struct TriggerLexicon {
    matcher: PhraseMatcher,
    /// Per phrase: its kind, or None for masking phrases (kind `none`).
    kinds: Vec<Option<EventKind>>,
}

impl Default for TriggerLexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

impl TriggerLexicon {
    pub fn builtin() -> Self {
        Self::from_tsv(TRIGGERS_TSV)
    }

    /// Rows of `kind<TAB>phrase`; unknown kinds are ignored.
    pub fn from_tsv(src: &str) -> Self {
        let mut phrases = Vec::new();
        let mut kinds = Vec::new();
        for row in tsv_rows(src) {
            let (Some(kind), Some(phrase)) = (row.first(), row.get(1)) else {
                continue;
            };
            let kind = match *kind {
                "none" => None,
                k => match EventKind::parse(k) {
                    Some(k) => Some(k),
                    None => continue,
                },
            };
            phrases.push(phrase.to_string());
            kinds.push(kind);
        }
        let matcher = PhraseMatcher::new(
            phrases.iter().enumerate().map(|(i, p)| (p.as_str(), i)),
            Suffix::Any,
        );
        Self { matcher, kinds }
    }

    /// The matcher of the trigger phrases (for a combined walk, see
    /// [`PhraseMatcher::combined`] and [`candidates_in`](Self::candidates_in)).
    pub fn matcher(&self) -> &PhraseMatcher {
        &self.matcher
    }

    /// Triggers in the whole text, masking phrases removed.
    pub fn find(&self, text: &NormText) -> Vec<TriggerHit> {
        self.triggers_of(self.matcher.find(text))
    }

    /// The triggers of hits of [`matcher`](Self::matcher).
    fn triggers_of(&self, hits: Vec<PhraseHit>) -> Vec<TriggerHit> {
        hits.into_iter()
            .filter_map(|h| {
                let kind = (*self.kinds.get(h.value)?)?;
                Some(TriggerHit { kind, span: h.span })
            })
            .collect()
    }

    /// Sentences holding triggers, in text order.
    pub fn candidates(&self, original: &str, text: &NormText) -> Vec<EventCandidate> {
        self.candidates_in(original, self.matcher.find(text))
    }

    /// [`candidates`](Self::candidates) from the hits of
    /// [`matcher`](Self::matcher) (or of its group of a combined matcher).
    pub fn candidates_in(&self, original: &str, hits: Vec<PhraseHit>) -> Vec<EventCandidate> {
        let hits = self.triggers_of(hits);
        let mut out = Vec::new();
        let mut hits = hits.into_iter().peekable();
        for sentence in sentences(original) {
            let mut triggers: Vec<TriggerHit> = Vec::new();
            while let Some(h) = hits.peek() {
                if h.span.start >= sentence.end {
                    break;
                }
                if let Some(h) = hits.next() {
                    if h.span.start >= sentence.start && !triggers.iter().any(|t| t.kind == h.kind)
                    {
                        triggers.push(h);
                    }
                }
            }
            if triggers.iter().any(|t| t.kind != EventKind::Other) {
                triggers.retain(|t| t.kind != EventKind::Other);
            }
            if !triggers.is_empty() {
                out.push(EventCandidate { sentence, triggers });
            }
        }
        out
    }
}

/// Sentence spans of `text`: split after . ! ? ؟ (when followed by a space or
/// the end, so «29.06.2017» and «3.5» stay whole) and at line breaks. Spans
/// are trimmed of surrounding white space; empty ones are dropped.
pub fn sentences(text: &str) -> Vec<ByteSpan> {
    // This runs over every article, so the search is for one byte of each
    // break char that Arabic letters rarely hold: the ASCII marks, and the
    // last bytes of ؟ (D8 9F) and … (E2 80 A6), whose lead bytes D8 and E2
    // begin half of all Arabic letters. Only at such a byte is more read.
    // The bytes are found by SIMD (aho-corasick's packed searcher) where
    // the processor has it, else one at a time.
    static SEARCHER: OnceLock<Option<aho_corasick::packed::Searcher>> = OnceLock::new();
    let searcher = SEARCHER.get_or_init(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(BREAK_BYTES.iter().map(std::slice::from_ref))
            .build()
    });
    match searcher {
        Some(s) => split_sentences(text, |from| {
            s.find_in(text, aho_corasick::Span::from(from..text.len()))
                .map(|m| m.start())
        }),
        None => split_sentences(text, |from| next_break_byte(text.as_bytes(), from)),
    }
}

/// The first byte of [`BREAK_BYTES`] at or after `from`, one byte at a time.
fn next_break_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter()
        .position(|b| BREAK_BYTES.contains(b))
        .map(|k| from + k)
}

/// [`sentences`], with `next_break(from)` finding the next of [`BREAK_BYTES`].
fn split_sentences(
    text: &str,
    mut next_break: impl FnMut(usize) -> Option<usize>,
) -> Vec<ByteSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = next_break(i) {
        let lead = |n: usize, want: &[u8]| {
            at.checked_sub(n)
                .and_then(|from| bytes.get(from..at))
                .is_some_and(|b| b == want)
        };
        let stop = match bytes.get(at) {
            Some(b'\n' | b'\r') => true,
            Some(b'.' | b'!' | b'?') => false,
            Some(0x9F) if lead(1, &[0xD8]) => false,
            Some(0xA6) if lead(2, &[0xE2, 0x80]) => false,
            _ => {
                i = at + 1;
                continue;
            }
        };
        // Every break char ends with the byte found.
        let end = at + 1;
        let end_here = stop
            || text
                .get(end..)
                .and_then(|rest| rest.chars().next())
                .is_none_or(char::is_whitespace);
        if end_here {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// The normalised sentences an article has given events for, so a repeated
/// one (a headline, a "related" box) gives them once. Sentences are equal
/// when their words are (white space aside).
///
/// Each is filed under its first and last words, which needs no pass over
/// the sentence; a group that grows past a few sentences (a list of lines
/// that all begin and end alike) is filed again under a hash of all the
/// words, so no input makes the check quadratic.
#[derive(Default)]
pub struct SeenSentences<'a> {
    groups: HashMap<u64, Group<'a>, FxBuild>,
}

enum Group<'a> {
    Few(Vec<Cow<'a, str>>),
    Many(HashMap<u64, Vec<Cow<'a, str>>, FxBuild>),
}

/// Sentences a group holds before it is filed by all its words.
const FEW: usize = 8;

impl<'a> SeenSentences<'a> {
    /// Records `sentence`; false when an equal one was recorded before.
    pub fn first_time(&mut self, sentence: Cow<'a, str>) -> bool {
        let same = |other: &Cow<'a, str>| words(other).eq(words(&sentence));
        let key = {
            let mut h = FxHasher::default();
            let mut ws = words(&sentence);
            ws.next().hash(&mut h);
            ws.next_back().hash(&mut h);
            h.finish()
        };
        let group = self.groups.entry(key).or_insert(Group::Few(Vec::new()));
        match group {
            Group::Few(list) => {
                if list.iter().any(same) {
                    return false;
                }
                list.push(sentence);
                if list.len() > FEW {
                    let mut by_words: HashMap<u64, Vec<Cow<'a, str>>, FxBuild> = HashMap::default();
                    for s in list.drain(..) {
                        by_words.entry(words_hash(&s)).or_default().push(s);
                    }
                    *group = Group::Many(by_words);
                }
                true
            }
            Group::Many(by_words) => {
                let list = by_words.entry(words_hash(&sentence)).or_default();
                if list.iter().any(same) {
                    return false;
                }
                list.push(sentence);
                true
            }
        }
    }
}

fn words_hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    for w in words(s) {
        w.hash(&mut h);
    }
    h.finish()
}

/// The words of `s`, as `split_whitespace` gives them, without Unicode's
/// table search for every Arabic letter (none is white space).
fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !matches!(c, '\u{0600}'..='\u{06FF}') && c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// Last bytes of the chars [`sentences`] may break after.
const BREAK_BYTES: [u8; 7] = [b'\n', b'\r', b'.', b'!', b'?', 0x9F, 0xA6];

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<ByteSpan>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(ByteSpan::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter as first written, char by char.
    fn sentences_reference(text: &str) -> Vec<ByteSpan> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let end_here = match c {
                '\n' | '\r' => true,
                '.' | '!' | '?' | '؟' | '…' => next.is_none_or(char::is_whitespace),
                _ => false,
            };
            if end_here {
                let end = i + c.len_utf8();
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_splitter_equals_the_char_splitter(
            // With chars that share the searched bytes without being
            // breaks: ئ (D8 A6), ٟ (D9 9F), ڟ (DA 9F), ₦ (E2 82 A6), ‟ (E2 80 9F).
            t in "[a .!?؟…\n\r\u{00A0}\u{2029}ب؛؞€ئٟڟ₦‟]{0,80}"
        ) {
            let want = sentences_reference(&t);
            proptest::prop_assert_eq!(&sentences(&t), &want);
            // The byte-at-a-time search, for processors without SIMD.
            let slow = split_sentences(&t, |from| next_break_byte(t.as_bytes(), from));
            proptest::prop_assert_eq!(&slow, &want);
        }
    }

    #[test]
    fn byte_splitter_equals_the_char_splitter_on_the_seeds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut total = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let t = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let got = sentences(&t);
            assert_eq!(got, sentences_reference(&t));
            total += got.len();
        }
        assert!(total > 80, "{total}");
    }

    proptest::proptest! {
        #[test]
        fn words_are_split_whitespace(s in "[a بع\t\n\u{0085}\u{00A0}\u{2028}\u{3000}\u{06DD}\u{061C}]{0,40}") {
            proptest::prop_assert!(words(&s).eq(s.split_whitespace()));
        }
    }

    /// Sentences that all begin and end alike: each distinct one is kept,
    /// repeats are not, past the point where the group is refiled.
    #[test]
    fn sentences_alike_at_both_ends_are_told_apart() {
        let mut seen = SeenSentences::default();
        let lines: Vec<String> = (0..40).map(|n| format!("قتل {n} في حلب")).collect();
        for l in &lines {
            assert!(seen.first_time(Cow::Borrowed(l.as_str())), "{l}");
        }
        for l in &lines {
            let spaced = l.replace(' ', "  ");
            assert!(!seen.first_time(Cow::Owned(spaced)), "{l}");
        }
        assert!(seen.first_time(Cow::Borrowed("قتل 40 في حلب")));
    }

    #[test]
    fn splits_sentences_but_not_numbers() {
        let t = "قتل 3.5 شخص في 29.06.2017. ثم انسحبوا!\nسطر جديد؟ نعم";
        let got: Vec<&str> = sentences(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            got,
            [
                "قتل 3.5 شخص في 29.06.2017.",
                "ثم انسحبوا!",
                "سطر جديد؟",
                "نعم"
            ]
        );
        assert!(sentences("  \n\r\n ").is_empty());
    }

    fn kinds(s: &str) -> Vec<EventKind> {
        let lex = TriggerLexicon::builtin();
        let n = NormText::new(s);
        lex.candidates(s, &n)
            .into_iter()
            .flat_map(|c| c.triggers.into_iter().map(|t| t.kind))
            .collect()
    }

    #[test]
    fn types_sentences_by_trigger() {
        use EventKind::*;
        let cases: &[(&str, &[EventKind])] = &[
            ("انشق 25 مقاتلاً عن التنظيم", &[Defection]),
            ("تشهد المدينة الانشقاقات الكثيرة", &[Defection]),
            ("قاموا باغتيال اربعة عناصر", &[Assassination]),
            ("أعدم التنظيم 58 من مسلحيه", &[Execution]),
            ("قاموا بتصفيتهم", &[Execution]),
            ("شنت طائرات التحالف غارات على المدينة", &[Airstrike]),
            ("لجأ الى تفجير نفسه بين مجموعة", &[Bombing]),
            ("تمكنت من تحرير قرية", &[Capture]),
            ("جملة اعتقالات وصلت الى عدد كبير", &[Arrest]),
            ("تفجر الخلاف بين عناصره", &[Infighting]),
            ("غادر التنظيم محافظة الرقة", &[Withdrawal]),
            ("مقتل عشرين شخصا", &[Other]),
            // a killing inside a bombing sentence is the bombing
            ("تفجير أدى إلى مقتل عشرين شخصا", &[Bombing]),
            // masked phrases are no events
            ("هربوا إلى مناطق سيطرة الجيش الحر", &[Displacement]),
            ("عاصمة الخلافة", &[]),
            ("قال المصدر إن الوضع هادئ", &[]),
        ];
        for (s, want) in cases {
            assert_eq!(kinds(s), *want, "{s}");
        }
    }

    #[test]
    fn every_lexicon_row_parses() {
        let rows = tsv_rows(TRIGGERS_TSV).count();
        let lex = TriggerLexicon::builtin();
        assert_eq!(lex.kinds.len(), rows, "a row has an unknown kind");
        assert!(rows > 100);
    }
}
