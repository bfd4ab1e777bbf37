//! How many people a sentence speaks of: «200 جثة», «نحو مئتي عنصر»,
//! «25 مقاتلاً», «مقتل عشرين شخصا».
//!
//! A count is a number (digits or Arabic number words, `assets/numbers.tsv`)
//! directly before a noun that counts people (`assets/people.tsv`), with an
//! optional «من» between («58 من مسلحيه»).

use std::collections::{HashMap, HashSet};

use crate::fxhash::FxBuild;

use crate::text::{
    is_proclitic, is_word_char, normalize, word_runs, NormText, PhraseHit, PhraseMatcher,
};

const NUMBERS_TSV: &str = include_str!("../assets/numbers.tsv");
const PEOPLE_TSV: &str = include_str!("../assets/people.tsv");

/// The largest count we believe: beyond this a "number before a noun" is more
/// likely a misread (a year, an id) than a head count.
const MAX_PEOPLE: u64 = 1_000_000;

/// The longest prefix a counted noun can carry: a conjunction, a
/// preposition and the article («وبال»), four two-byte letters.
const MAX_PREFIX_BYTES: usize = 8;

/// Data rows of a small embedded TSV: skips comments and the header.
pub(crate) fn tsv_rows(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

pub struct PeopleCounter {
    /// Normalised number word → value (single words only).
    words: HashMap<String, u64, FxBuild>,
    /// Two-word numbers («احد عشر»): first word → (second word, value), so
    /// a lookup borrows the tokens instead of allocating a key.
    pairs: HashMap<String, Vec<(String, u64)>, FxBuild>,
    /// Every token a number can end with: the number words, with «و», and
    /// the first words of pairs. One lookup rejects the tokens that are
    /// none of these, which is nearly all.
    number_ends: HashSet<String, FxBuild>,
    nouns: Vec<String>,
    /// Finds every occurrence of the nouns: a sentence without one holds
    /// no head count, and most sentences have none, so they are not
    /// tokenised at all. The extractor walks an article once for places,
    /// triggers and these nouns together (see [`Self::matcher`]).
    any_noun: PhraseMatcher,
}

impl Default for PeopleCounter {
    fn default() -> Self {
        Self::builtin()
    }
}

impl PeopleCounter {
    pub fn builtin() -> Self {
        let mut words = HashMap::default();
        let mut pairs = HashMap::default();
        for row in tsv_rows(NUMBERS_TSV) {
            let (Some(w), Some(v)) = (row.first(), row.get(1)) else {
                continue;
            };
            let Ok(v) = v.parse::<u64>() else { continue };
            let w = normalize(w);
            let parts: Vec<&str> = w.split_whitespace().collect();
            match parts.as_slice() {
                [one] => {
                    words.insert(one.to_string(), v);
                }
                [a, b] => {
                    pairs
                        .entry(a.to_string())
                        .or_insert_with(Vec::new)
                        .push((b.to_string(), v));
                }
                _ => {}
            }
        }
        let mut nouns: Vec<String> = tsv_rows(PEOPLE_TSV)
            .filter_map(|r| r.first().map(|n| normalize(n)))
            .filter(|n| !n.is_empty())
            .collect();
        // Longest first so «عناصر» is tried before «عنصر»-like prefixes.
        nouns.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let number_ends = words
            .keys()
            .flat_map(|w| [w.clone(), format!("و{w}")])
            .chain(pairs.keys().cloned())
            .collect();
        let any_noun = PhraseMatcher::raw(nouns.iter().enumerate().map(|(i, n)| (n.as_str(), i)));
        Self {
            words,
            pairs,
            number_ends,
            nouns,
            any_noun,
        }
    }

    /// The matcher of the nouns that count people (every occurrence, see
    /// [`PhraseMatcher::raw`]), for [`count_among`](Self::count_among).
    pub fn matcher(&self) -> &PhraseMatcher {
        &self.any_noun
    }

    /// The first head count in a normalised sentence, if any.
    pub fn count(&self, norm_sentence: &str) -> Option<u64> {
        let nouns = self.any_noun.find(&NormText::new(norm_sentence));
        self.count_among(norm_sentence, 0, &nouns)
    }

    /// [`count`](Self::count) of a sentence that starts at byte `offset` of
    /// a normalised text, given the hits of [`matcher`](Self::matcher) in
    /// that whole text.
    ///
    /// Driven by the nouns: only the words where a noun starts are looked
    /// at, and a sentence is split into words only when a noun follows a
    /// number word or digits (the same answer as splitting every word,
    /// tested).
    pub fn count_among(
        &self,
        norm_sentence: &str,
        offset: usize,
        nouns: &[PhraseHit],
    ) -> Option<u64> {
        let s = norm_sentence;
        let sentence_end = offset + s.len();
        let inside = nouns
            .get(nouns.partition_point(|h| h.norm.start < offset)..)
            .unwrap_or_default();
        let mut k = 0;
        // Where a search for the leftmost noun from `from` lands: the
        // first noun that starts there or later and ends in the sentence.
        let mut next_noun = |from: usize| {
            while let Some(h) = inside.get(k) {
                if h.norm.start >= sentence_end {
                    return None;
                }
                if h.norm.start >= offset + from && h.norm.end <= sentence_end {
                    return Some(h.norm.start - offset);
                }
                k += 1;
            }
            None
        };
        let mut from = 0;
        while let Some(m) = next_noun(from) {
            let (start, end) = run_around(s, m);
            from = end.max(m + 1);
            let Some(tok) = s.get(start..end) else {
                continue;
            };
            // `m` is the word's first noun, so a noun too far in rules the
            // word out, and a noun after clitics alone makes it a person noun.
            let Some(pre) = m.checked_sub(start).and_then(|n| tok.get(..n)) else {
                continue;
            };
            if pre.len() > MAX_PREFIX_BYTES {
                continue;
            }
            let clitics = is_proclitic(pre.strip_suffix("ال").unwrap_or(pre));
            if !(clitics || self.is_person_noun(tok)) {
                continue;
            }
            // The word before (before «من» if that comes first) must end
            // a number, as `number_before` asks first.
            let mut before = run_before(s, start);
            if before.is_some_and(|(b, _)| b == "من") {
                before = before.and_then(|(_, at)| run_before(s, at));
            }
            let Some((last, _)) = before else { continue };
            if !(last.bytes().all(|b| b.is_ascii_digit()) || self.number_ends.contains(last)) {
                continue;
            }
            // The words up to the noun, as `count_all` sees them there.
            let tokens: Vec<&str> = word_runs(s.get(..end).unwrap_or("")).collect();
            let mut at = tokens.len().saturating_sub(1);
            if at > 0 && tokens.get(at - 1) == Some(&"من") {
                at -= 1;
            }
            if let Some(n) = self.number_before(&tokens, at) {
                if (1..=MAX_PEOPLE).contains(&n) {
                    return Some(n);
                }
            }
        }
        None
    }

    /// [`count`](Self::count) by splitting the whole sentence into words
    /// and trying each: the reference the noun-driven search is tested
    /// against.
    #[cfg(test)]
    fn count_all(&self, norm_sentence: &str) -> Option<u64> {
        // Arabic words average about ten bytes with their space.
        let mut tokens: Vec<&str> = Vec::with_capacity(norm_sentence.len() / 8 + 1);
        tokens.extend(word_runs(norm_sentence));
        for (i, tok) in tokens.iter().enumerate() {
            let mut end = i;
            if end > 0 && tokens.get(end - 1) == Some(&"من") {
                end -= 1;
            }
            // The number first: a few hash lookups, where the noun check is
            // many comparisons and most tokens follow no number.
            let Some(n) = self.number_before(&tokens, end) else {
                continue;
            };
            if (1..=MAX_PEOPLE).contains(&n) && self.is_person_noun(tok) {
                return Some(n);
            }
        }
        None
    }

    fn is_person_noun(&self, tok: &str) -> bool {
        // Allow proclitics and the article: «لعناصر», «والمقاتلين». The
        // noun's first occurrence in the token must follow such a prefix,
        // which is at most MAX_PREFIX_BYTES long, so only those starts are
        // tried: `str::find` built a searcher per noun and token, a third
        // of all extraction time.
        self.nouns.iter().any(|n| {
            tok.char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| i <= MAX_PREFIX_BYTES)
                .find(|&i| {
                    tok.get(i..)
                        .is_some_and(|rest| rest.starts_with(n.as_str()))
                })
                .is_some_and(|at| {
                    let pre = tok.get(..at).unwrap_or("");
                    is_proclitic(pre.strip_suffix("ال").unwrap_or(pre))
                })
        })
    }

    /// Value of the number words or digits ending just before token `end`.
    fn number_before(&self, tokens: &[&str], end: usize) -> Option<u64> {
        let last = tokens.get(end.checked_sub(1)?)?;
        if last.bytes().all(|b| b.is_ascii_digit()) {
            // «1,200» was split at the comma: digits alone are the count.
            return last.parse().ok().filter(|_| last.len() <= 7);
        }
        if !self.number_ends.contains(*last) {
            return None;
        }
        // Walk back over number words (a leading «و» joins them).
        let mut start = end;
        while start > 0 {
            let Some(t) = tokens.get(start - 1) else {
                break;
            };
            if self.word_value(t).is_some() || self.pair_at(tokens, start - 1).is_some() {
                start -= 1;
            } else {
                break;
            }
        }
        if start == end {
            return None;
        }
        let mut total = 0u64;
        let mut current = 0u64;
        let mut i = start;
        while i < end {
            let (v, step) = match self.pair_at(tokens, i).filter(|_| i + 1 < end) {
                Some(v) => (v, 2),
                None => (self.word_value(tokens.get(i)?)?, 1),
            };
            let bare = tokens
                .get(i)
                .map(|t| t.trim_start_matches('و'))
                .unwrap_or("");
            if v == 1000 && current > 0 && bare.starts_with("ال") {
                total += current * 1000;
                current = 0;
            } else if v == 100 && (1..10).contains(&current) {
                current *= 100;
            } else {
                current += v;
            }
            i += step;
        }
        Some(total + current)
    }

    fn word_value(&self, tok: &str) -> Option<u64> {
        self.words.get(tok).copied().or_else(|| {
            // «وعشرين»: the conjunction joins tens to units.
            tok.strip_prefix('و')
                .and_then(|rest| self.words.get(rest).copied())
        })
    }

    fn pair_at(&self, tokens: &[&str], i: usize) -> Option<u64> {
        let a = tokens.get(i)?;
        let b = tokens.get(i + 1)?;
        // From the back: a later row for the same pair wins, as in a map.
        self.pairs
            .get(*a)?
            .iter()
            .rev()
            .find(|(second, _)| second == b)
            .map(|(_, v)| *v)
    }
}

/// The word run (as [`word_runs`] splits) around byte `at` of `s`:
/// `(at, at)` if no word char is there.
fn run_around(s: &str, at: usize) -> (usize, usize) {
    let end = s
        .get(at..)
        .and_then(|rest| {
            word_runs(rest)
                .next()
                .filter(|w| w.as_ptr() == rest.as_ptr())
        })
        .map_or(at, |w| at + w.len());
    if end == at {
        return (at, at);
    }
    let mut start = at;
    while let Some((i, c)) = s.get(..start).and_then(|h| h.char_indices().next_back()) {
        if !is_word_char(c) {
            break;
        }
        start = i;
    }
    (start, end)
}

/// The word run that ends last before byte `at` of `s`, and its start.
fn run_before(s: &str, at: usize) -> Option<(&str, usize)> {
    let head = s.get(..at)?;
    let end = head
        .char_indices()
        .rev()
        .find(|&(_, c)| is_word_char(c))
        .map(|(i, c)| i + c.len_utf8())?;
    let start = head
        .get(..end)?
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some((head.get(start..end)?, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefilter only skips sentences without a count, on every line
    /// of the seeds and on made-up counts.
    #[test]
    fn noun_prefilter_changes_no_count() {
        let c = PeopleCounter::builtin();
        let mut lines: Vec<String> = Vec::new();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
            lines.extend(t.split(['.', '\n']).map(normalize));
        }
        lines.extend(
            [
                "قتل 25 عنصرا",
                "انشق ثلاثة وعشرون مقاتلا",
                "اعدام 58 من مسلحيه",
                "في 2016 قتل",
            ]
            .map(normalize),
        );
        let mut counted = 0;
        for l in &lines {
            assert_eq!(c.count(l), c.count_all(l), "{l}");
            counted += usize::from(c.count(l).is_some());
        }
        assert!(counted >= 4, "{counted}");
    }

    proptest::proptest! {
        /// Sentences made of number words, digits, nouns (with clitics),
        /// «من» and other words, in any order and with any separators.
        #[test]
        fn noun_driven_count_equals_splitting_every_word(
            parts in proptest::collection::vec((0usize..26, 0usize..6), 0..14)
        ) {
            const WORDS: [&str; 26] = [
                "ثلاثه", "وعشرين", "عشرين", "مئتي", "احد", "عشر", "الاف", "الف",
                "مئه", "خمسه", "25", "1", "200", "2017", "عنصرا", "مقاتلا",
                "والمقاتلين", "لعناصر", "جثه", "شخصا", "مسلحيه", "مقاتلي", "من",
                "في", "قتل", "xyعنصر",
            ];
            const SEPS: [&str; 6] = [" ", "  ", ",", "، ", "-", ""];
            let s: String = parts.iter().map(|&(w, sep)| format!("{}{}", WORDS[w], SEPS[sep])).collect();
            let c = counter();
            proptest::prop_assert_eq!(c.count(&s), c.count_all(&s), "{}", s);
        }
    }

    proptest::proptest! {
        /// A sentence counted among the nouns of the whole text it is cut
        /// from gives its own count: nouns across its ends do not leak in.
        #[test]
        fn counting_among_a_texts_nouns_equals_counting_alone(
            parts in proptest::collection::vec((0usize..12, 0usize..4), 0..24)
        ) {
            const WORDS: [&str; 12] = [
                "ثلاثه", "عشرين", "25", "عنصرا", "مقاتلا", "لعناصر", "من",
                "قتل", "شخص", "عناصر", "جثث", "الف",
            ];
            const SEPS: [&str; 4] = [" ", ". ", ".", ""];
            let text: String = parts.iter().map(|&(w, sep)| format!("{}{}", WORDS[w], SEPS[sep])).collect();
            let c = counter();
            let nouns = c.matcher().find(&NormText::new(&text));
            let mut offset = 0;
            for piece in text.split('.') {
                proptest::prop_assert_eq!(
                    c.count_among(piece, offset, &nouns),
                    c.count(piece),
                    "{:?} in {:?}", piece, text
                );
                offset += piece.len() + 1;
            }
        }
    }

    fn counter() -> &'static PeopleCounter {
        static C: std::sync::OnceLock<PeopleCounter> = std::sync::OnceLock::new();
        C.get_or_init(PeopleCounter::builtin)
    }

    #[test]
    fn words_around_and_before_a_byte() {
        let s = "قتل 25، من عناصر";
        let at = s.find("ناصر").unwrap();
        let (a, b) = run_around(s, at);
        assert_eq!(&s[a..b], "عناصر");
        assert_eq!(run_around(s, s.find(' ').unwrap()), (3 * 2, 3 * 2));
        let (w, at) = run_before(s, a).unwrap();
        assert_eq!(w, "من");
        assert_eq!(run_before(s, at).unwrap().0, "25");
        assert_eq!(run_before(s, 0), None);
    }

    #[test]
    fn counts_people_in_digits_and_words() {
        let c = PeopleCounter::builtin();
        let cases: &[(&str, Option<u64>)] = &[
            // digits before a noun
            ("عثورهم على ما يقارب 200 جثة لعناصر", Some(200)),
            // Arabic-Indic digits are ASCII after normalisation
            ("إن ٢٥ مقاتلاً سورياً انشقوا", Some(25)),
            // dual number word
            ("قام نحو مئتي عنصر بانشقاق", Some(200)),
            // tens word
            ("مما تسبّب بمقتل عشرين شخصا منهم", Some(20)),
            // unit word
            ("قاموا باغتيال اربعة عناصر من تنظيم داعش", Some(4)),
            // «من» between number and noun
            ("أعدم 58 من مسلحيه", Some(58)),
            // compound with «و»
            ("قتل خمسة وعشرين مدنيا", Some(25)),
            // thousands
            ("نحو 2500 مقاتل شيعي", Some(2500)),
            ("ثلاثة آلاف من مقاتلي التنظيم", Some(3000)),
            // two-word number
            ("أحد عشر جنديا", Some(11)),
            // not people
            ("رتل مؤلف من 100 سيارة", None),
            ("الفرقة 17 التابعة", None),
            ("تبعد ستة كيلومترات", None),
            ("في العام 2016", None),
            ("عدد كبير من عناصره", None),
        ];
        for (s, want) in cases {
            assert_eq!(c.count(&normalize(s)), *want, "{s}");
        }
    }

    /// The bounded prefix search must agree with searching the whole token.
    #[test]
    fn noun_check_matches_a_whole_token_search() {
        let c = PeopleCounter::builtin();
        let whole = |tok: &str| {
            c.nouns.iter().any(|n| {
                tok.find(n.as_str()).is_some_and(|at| {
                    let pre = tok.get(..at).unwrap_or("");
                    is_proclitic(pre.strip_suffix("ال").unwrap_or(pre))
                })
            })
        };
        let prefixes = [
            "",
            "و",
            "ف",
            "وب",
            "فل",
            "ك",
            "ال",
            "بال",
            "وبال",
            "فكال",
            "م",
            "وال ",
            "xy",
            "والال",
        ];
        let mut agreed_true = 0;
        for n in &c.nouns {
            for pre in prefixes {
                for post in ["", "ين", "ون", "ه"] {
                    let tok = format!("{pre}{n}{post}");
                    let got = c.is_person_noun(&tok);
                    assert_eq!(got, whole(&tok), "{tok}");
                    agreed_true += usize::from(got);
                }
            }
        }
        assert!(c.is_person_noun("وبالمقاتلين"));
        assert!(!c.is_person_noun("xyمقاتل"));
        assert!(agreed_true > c.nouns.len() * 30, "{agreed_true}");
    }
}
