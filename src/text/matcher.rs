//! The clitic-aware multi-phrase matcher shared by places, event triggers
//! and inference: an Aho-Corasick DFA over the normalised text, walked in
//! lanes (`scan_interleaved`), with the proclitics and word boundaries
//! checked around each hit.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::{is_word_char, normalize, NormText};
use crate::model::ByteSpan;

/// What may stand around a phrase inside a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suffix {
    /// The phrase must end the word; only proclitics may precede it.
    None,
    /// The phrase is a noun or verb stem: any letters may follow
    /// («انشقاق» in «انشقاقات») and the article may precede it («الانشقاق»).
    Any,
}

/// One phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseHit {
    /// Index of the phrase's value, as given to [`PhraseMatcher::new`].
    pub value: usize,
    /// Normalised byte range of the phrase itself (clitics excluded).
    pub norm: ByteSpan,
    /// Original byte range of the phrase itself (clitics excluded).
    pub span: ByteSpan,
}

/// Clitic-aware multi-phrase matcher over normalised text.
///
/// Phrases match on word boundaries. A phrase may carry proclitics: an
/// optional conjunction (و ف), then an optional preposition (ب ل ك), so
/// «وبالرقة» finds «الرقة». A phrase with the article «ال» also matches the
/// contracted «لل» form («للرقة»).
///
/// Several matchers can be [`combined`](Self::combined) into one that walks
/// the text once and gives each part's hits apart ([`find_groups`](Self::find_groups)):
/// the walk is the cost of matching, and every article is walked for both
/// places and event triggers.
pub struct PhraseMatcher {
    /// Built on first use: a matcher that only lends its phrases to a
    /// combined one (the gazetteer's, inside the extractor) never builds
    /// its own (2.7 MB and a few milliseconds for the gazetteer).
    dfa: OnceLock<Option<DFA>>,
    /// The automaton's patterns (normalised; «لل» forms added).
    pats: Vec<String>,
    /// Per automaton pattern: what it stands for.
    patterns: Vec<Pattern>,
    /// Per group: how its phrases are matched.
    groups: Vec<Mode>,
}

/// How a group's phrases are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// As words (with clitics; what may follow, per [`Suffix`]), the
    /// longest winning where they overlap.
    Words(Suffix),
    /// Every occurrence, anywhere, in order of start then of phrase.
    Raw,
}

/// What an automaton pattern stands for.
#[derive(Clone, Copy, Debug)]
struct Pattern {
    /// The part of a combined matcher (0 for a plain one).
    group: usize,
    /// Index of the phrase's value, as given to [`PhraseMatcher::new`].
    value: usize,
    /// The «لل» form of a phrase with the article.
    lam_form: bool,
}

impl PhraseMatcher {
    /// `phrases` are (phrase, value index); phrases are normalised here.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (&'a str, usize)>, suffix: Suffix) -> Self {
        Self::of_group(phrases, Mode::Words(suffix))
    }

    /// A matcher that finds every occurrence of `phrases` (normalised
    /// here), inside words or across them, overlapping or not, ordered by
    /// start and then by phrase: where a search for the leftmost phrase
    /// (the first listed on a tie) from any point would land.
    pub fn raw<'a>(phrases: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        Self::of_group(phrases, Mode::Raw)
    }

    /// One group of phrases matched as `mode` says; as words, a phrase
    /// with the article also gets its «لل» form.
    fn of_group<'a>(phrases: impl IntoIterator<Item = (&'a str, usize)>, mode: Mode) -> Self {
        let mut pats: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let pattern = |value, lam_form| Pattern {
            group: 0,
            value,
            lam_form,
        };
        for (p, value) in phrases {
            let n = normalize(p.trim());
            if n.is_empty() {
                continue;
            }
            if let (Mode::Words(_), Some(rest)) = (mode, n.strip_prefix("ال")) {
                if !rest.is_empty() {
                    pats.push(format!("لل{rest}"));
                    patterns.push(pattern(value, true));
                }
            }
            pats.push(n);
            patterns.push(pattern(value, false));
        }
        Self::build(pats, patterns, vec![mode])
    }

    /// One matcher that finds what each of `parts` finds, in one walk:
    /// [`find_groups`](Self::find_groups) gives the hits of the groups of
    /// each part in turn.
    pub fn combined(parts: &[&PhraseMatcher]) -> Self {
        let mut pats = Vec::new();
        let mut patterns = Vec::new();
        let mut groups = Vec::new();
        for part in parts {
            let offset = groups.len();
            pats.extend(part.pats.iter().cloned());
            patterns.extend(part.patterns.iter().map(|p| Pattern {
                group: p.group + offset,
                ..*p
            }));
            groups.extend(part.groups.iter().copied());
        }
        Self::build(pats, patterns, groups)
    }

    fn build(pats: Vec<String>, patterns: Vec<Pattern>, groups: Vec<Mode>) -> Self {
        Self {
            dfa: OnceLock::new(),
            pats,
            patterns,
            groups,
        }
    }

    /// Whether the automaton has been built.
    #[cfg(test)]
    pub(crate) fn is_built(&self) -> bool {
        self.dfa.get().is_some()
    }

    /// The automaton, built the first time it is asked for.
    fn dfa(&self) -> Option<&DFA> {
        self.dfa
            .get_or_init(|| {
                aho_corasick::dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Unanchored)
                    // A DFA: 10,000 articles load in 1.3 s instead of 1.65 s
                    // with the contiguous NFA, for ~9 ms more building; the
                    // prefilter only slows Arabic text (its "rare" bytes are
                    // the lead bytes of every letter).
                    .prefilter(false)
                    .build(&self.pats)
                    .ok()
            })
            .as_ref()
    }

    /// All phrases found, non-overlapping, longest first where they compete
    /// (of the first group, for a combined matcher).
    pub fn find(&self, text: &NormText) -> Vec<PhraseHit> {
        self.find_groups(text)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// The hits of each group, as [`find`](Self::find) on that group alone.
    pub fn find_groups(&self, text: &NormText) -> Vec<Vec<PhraseHit>> {
        let groups = self.groups.len();
        let Some(dfa) = self.dfa() else {
            return vec![Vec::new(); groups];
        };
        let t = text.text.as_str();
        // About one candidate per 60 bytes of news text: sized once
        // rather than grown a dozen times for every text.
        let mut cands: Vec<Vec<(usize, usize, usize)>> = (0..groups)
            .map(|_| Vec::with_capacity(t.len() / 64))
            .collect();
        scan_interleaved(dfa, t.as_bytes(), |pattern, start, end| {
            let Some(&p) = self.patterns.get(pattern) else {
                return;
            };
            let ok = match self.groups.get(p.group) {
                Some(Mode::Words(suffix)) => boundary_ok(t, start, end, p.lam_form, *suffix),
                Some(Mode::Raw) => true,
                None => false,
            };
            if ok {
                // In «للرقة» the first «ل» is the preposition: the phrase is «لرقة».
                let start = if p.lam_form {
                    start + 'ل'.len_utf8()
                } else {
                    start
                };
                if let Some(c) = cands.get_mut(p.group) {
                    c.push((start, end, p.value));
                }
            }
        });
        cands
            .into_iter()
            .zip(&self.groups)
            .map(|(c, mode)| match mode {
                Mode::Words(_) => Self::resolve(text, c),
                Mode::Raw => Self::in_order(text, c),
            })
            .collect()
    }

    /// Every candidate, by start and then by phrase.
    fn in_order(text: &NormText, mut cands: Vec<(usize, usize, usize)>) -> Vec<PhraseHit> {
        cands.sort_unstable_by_key(|&(s, e, value)| (s, value, e));
        cands
            .into_iter()
            .map(|(s, e, value)| PhraseHit {
                value,
                norm: ByteSpan::new(s, e),
                span: text.to_orig(s, e),
            })
            .collect()
    }

    /// Longest first, then leftmost, then the first phrase listed; keep
    /// those that overlap nothing kept. The bytes of kept hits are marked
    /// in a bit set, so each candidate costs its own length (a phrase is
    /// at most a few dozen bytes): linear even for a 20 MB line of matches.
    fn resolve(text: &NormText, mut cands: Vec<(usize, usize, usize)>) -> Vec<PhraseHit> {
        cands.sort_unstable_by(|a, b| {
            (b.1 - b.0)
                .cmp(&(a.1 - a.0))
                .then(a.0.cmp(&b.0))
                .then(a.2.cmp(&b.2))
        });
        let mut taken = vec![0u64; text.text.len() / 64 + 1];
        let is_taken =
            |taken: &[u64], i: usize| taken.get(i / 64).is_none_or(|w| w >> (i % 64) & 1 != 0);
        let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(cands.len());
        for (s, e, value) in cands {
            if (s..e).any(|i| is_taken(&taken, i)) {
                continue;
            }
            for i in s..e {
                if let Some(w) = taken.get_mut(i / 64) {
                    *w |= 1 << (i % 64);
                }
            }
            kept.push((s, e, value));
        }
        kept.sort_unstable_by_key(|&(s, _, _)| s);
        kept.into_iter()
            .map(|(s, e, value)| PhraseHit {
                value,
                norm: ByteSpan::new(s, e),
                span: text.to_orig(s, e),
            })
            .collect()
    }
}

fn boundary_ok(t: &str, start: usize, end: usize, lam_form: bool, suffix: Suffix) -> bool {
    let (Some(before), Some(after)) = (t.get(..start), t.get(end..)) else {
        return false;
    };
    if suffix == Suffix::None && after.chars().next().is_some_and(is_word_char) {
        return false;
    }
    let prefix_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(start, |(i, _)| i);
    let prefix = &before[prefix_start..];
    if lam_form {
        // «لل» already holds the preposition: only a conjunction may precede.
        matches!(prefix, "" | "و" | "ف")
    } else if suffix == Suffix::Any {
        is_proclitic(prefix.strip_suffix("ال").unwrap_or(prefix))
    } else {
        is_proclitic(prefix)
    }
}

/// Lanes of [`scan_interleaved`].
const LANES: usize = 4;

/// Every occurrence of every pattern of `dfa` in `hay`, as (pattern, start,
/// end), in no particular order: the same set as an overlapping search.
///
/// The text is cut in [`LANES`] pieces walked in lockstep. A DFA walk is a
/// chain of dependent table loads, and the gazetteer's table (2.7 MB) does
/// not stay in the fastest caches: one walk waits on each load in turn,
/// while independent walks wait together. A lane reports the matches that
/// start in its piece, walking on past its end until those are complete.
fn scan_interleaved(dfa: &DFA, hay: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return;
    };
    let n = hay.len();
    let reach = dfa.max_pattern_len().saturating_sub(1);
    // Lane l: matches starting in [from[l], to[l]); bytes up to stop[l].
    let from: [usize; LANES] = std::array::from_fn(|l| n * l / LANES);
    let to: [usize; LANES] = std::array::from_fn(|l| n * (l + 1) / LANES);
    let stop: [usize; LANES] = std::array::from_fn(|l| (to[l] + reach).min(n));
    let mut sid = [start; LANES];
    let mut report = |l: usize, sid: aho_corasick::automaton::StateID, at: usize| {
        if !dfa.is_match(sid) {
            return;
        }
        let end = at + 1;
        for k in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, k);
            let begin = end - dfa.pattern_len(pid);
            if begin < to[l] {
                found(pid.as_usize(), begin, end);
            }
        }
    };
    let common = (0..LANES).map(|l| stop[l] - from[l]).min().unwrap_or(0);
    // Equal-length pieces zipped: the lockstep loop reads without checks,
    // and one branch per step asks whether any lane reached a match.
    let piece: [&[u8]; LANES] =
        std::array::from_fn(|l| hay.get(from[l]..from[l] + common).unwrap_or_default());
    let [p0, p1, p2, p3] = piece;
    let steps = p0.iter().zip(p1).zip(p2).zip(p3);
    for (k, (((&b0, &b1), &b2), &b3)) in steps.enumerate() {
        for (s, b) in sid.iter_mut().zip([b0, b1, b2, b3]) {
            *s = dfa.next_state(Anchored::No, *s, b);
        }
        let any = sid.iter().fold(false, |any, &s| any | dfa.is_special(s));
        if any {
            for l in 0..LANES {
                if dfa.is_special(sid[l]) {
                    report(l, sid[l], from[l] + k);
                }
            }
        }
    }
    for l in 0..LANES {
        for at in from[l] + common..stop[l] {
            let Some(&byte) = hay.get(at) else { break };
            sid[l] = dfa.next_state(Anchored::No, sid[l], byte);
            if dfa.is_special(sid[l]) {
                report(l, sid[l], at);
            }
        }
    }
}

/// True when `p` is a valid string of proclitics: (و|ف)? (ب|ل|ك)?
pub fn is_proclitic(p: &str) -> bool {
    let p = p
        .strip_prefix('و')
        .or_else(|| p.strip_prefix('ف'))
        .unwrap_or(p);
    matches!(p, "" | "ب" | "ل" | "ك")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(m: &PhraseMatcher, s: &str) -> Vec<String> {
        m.find(&NormText::new(s))
            .iter()
            .map(|h| h.span.slice(s).to_string())
            .collect()
    }

    #[test]
    fn matcher_accepts_clitics_and_rejects_inner_hits() {
        let m = PhraseMatcher::new([("الرقة", 0), ("تركيا", 1)], Suffix::None);
        assert_eq!(hits(&m, "وصل إلى الرقة"), ["الرقة"]);
        assert_eq!(hits(&m, "وبالرقة اشتباكات"), ["الرقة"]);
        assert_eq!(hits(&m, "عاد للرقة"), ["لرقة"]);
        assert_eq!(hits(&m, "فرّوا إلى تركيا."), ["تركيا"]);
        assert!(hits(&m, "الرقةوي").is_empty(), "inside a longer word");
        assert!(hits(&m, "مالرقة").is_empty(), "not a clitic");
        assert!(hits(&m, "والتركيا").is_empty());
    }

    proptest::proptest! {
        /// Overlaps are settled as checking every kept hit would: longest
        /// first, then leftmost, then the first phrase.
        #[test]
        fn resolve_keeps_what_a_pairwise_check_keeps(
            raw in proptest::collection::vec((0usize..90, 1usize..12, 0usize..5), 0..40)
        ) {
            let text = NormText::new(&"a".repeat(100));
            let cands: Vec<(usize, usize, usize)> =
                raw.into_iter().map(|(s, len, v)| (s, s + len, v)).collect();
            let got: Vec<(usize, usize, usize)> = PhraseMatcher::resolve(&text, cands.clone())
                .iter()
                .map(|h| (h.norm.start, h.norm.end, h.value))
                .collect();
            let mut order = cands;
            order.sort_by_key(|&(s, e, v)| (std::cmp::Reverse(e - s), s, v));
            let mut kept: Vec<(usize, usize, usize)> = Vec::new();
            for c in order {
                if kept.iter().all(|k| k.1 <= c.0 || c.1 <= k.0) {
                    kept.push(c);
                }
            }
            kept.sort_by_key(|k| k.0);
            proptest::prop_assert_eq!(got, kept);
        }
    }

    #[test]
    fn a_combined_matcher_finds_what_each_part_finds() {
        // The same phrase in both parts, phrases that overlap across parts,
        // and the two suffix rules.
        let places = PhraseMatcher::new(
            [
                ("الرقة", 0),
                ("دير الزور", 1),
                ("ريف دير الزور", 2),
                ("قتل", 3),
            ],
            Suffix::None,
        );
        let triggers = PhraseMatcher::new([("قتل", 0), ("انشقاق", 1), ("الزور", 2)], Suffix::Any);
        let both = PhraseMatcher::combined(&[&places, &triggers]);
        let texts = [
            "قتل عنصران في ريف دير الزور وللرقة انشقاقات",
            "وبالرقة قتلى، والانشقاق في دير الزورية",
            "",
        ];
        for t in texts {
            let n = NormText::new(t);
            let groups = both.find_groups(&n);
            assert_eq!(groups, [places.find(&n), triggers.find(&n)], "{t}");
        }
        let n = NormText::new(texts[0]);
        let groups = both.find_groups(&n);
        let words = |g: &[PhraseHit]| -> Vec<String> {
            g.iter()
                .map(|h| h.span.slice(texts[0]).to_string())
                .collect()
        };
        assert_eq!(words(&groups[0]), ["قتل", "ريف دير الزور", "لرقة"]);
        assert_eq!(words(&groups[1]), ["قتل", "الزور", "انشقاق"]);
        // `find` on a combined matcher is its first part's.
        assert_eq!(both.find(&n), places.find(&n));
    }

    #[test]
    fn letters_outside_the_arabic_core_match_exactly() {
        let m = PhraseMatcher::new([("گلستان", 0), ("café", 1)], Suffix::None);
        assert_eq!(hits(&m, "في گلستان وcafé"), ["گلستان", "café"]);
        assert!(hits(&m, "في چلستان و caf€").is_empty());
    }

    #[test]
    fn matcher_prefers_longest_phrase() {
        let m = PhraseMatcher::new([("دير الزور", 0), ("ريف دير الزور", 1)], Suffix::None);
        let n = NormText::new("في ريف دير الزور الشرقي");
        let found = m.find(&n);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, 1);
    }

    #[test]
    fn stems_take_suffixes() {
        let m = PhraseMatcher::new([("انشقاق", 0)], Suffix::Any);
        assert_eq!(hits(&m, "الانشقاقات"), ["انشقاق"]);
        assert_eq!(hits(&m, "بالانشقاق"), ["انشقاق"]);
        assert!(hits(&m, "مانشقاق").is_empty());
        assert_eq!(hits(&m, "انشقاقات كثيرة"), ["انشقاق"]);
        assert_eq!(hits(&m, "وانشقاقهم"), ["انشقاق"]);
    }

    /// The library's own overlapping search over the same automaton.
    fn reference_scan(dfa: &DFA, t: &str) -> Vec<(usize, usize, usize)> {
        let mut all: Vec<_> = dfa
            .try_find_overlapping_iter(aho_corasick::Input::new(t))
            .unwrap()
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        all.sort_unstable();
        all
    }

    fn lanes_scan(dfa: &DFA, t: &str) -> Vec<(usize, usize, usize)> {
        let mut all = Vec::new();
        scan_interleaved(dfa, t.as_bytes(), |p, s, e| all.push((p, s, e)));
        all.sort_unstable();
        all
    }

    #[test]
    fn interleaved_scan_equals_the_overlapping_search_on_the_seeds() {
        let gaz = crate::places::Gazetteer::builtin();
        let triggers = crate::events::TriggerLexicon::builtin();
        let mut compared = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let n = NormText::new(&text);
            for m in [gaz.matcher(), triggers.matcher()] {
                let dfa = m.dfa().unwrap();
                let reference = reference_scan(dfa, &n.text);
                assert_eq!(lanes_scan(dfa, &n.text), reference);
                compared += reference.len();
            }
        }
        assert!(compared > 300, "{compared}");
    }

    proptest::proptest! {
        /// Short and long texts of a small alphabet, with phrases longer
        /// than a lane, so matches cross every lane boundary.
        #[test]
        fn interleaved_scan_equals_the_overlapping_search(text in "[abc ]{0,60}") {
            let m = PhraseMatcher::new(
                [("a", 0), ("ab", 1), ("abcab", 2), ("b c", 3), ("cccccccccc", 4), ("a a a a a a", 5)],
                Suffix::Any,
            );
            let dfa = m.dfa().unwrap();
            proptest::prop_assert_eq!(lanes_scan(dfa, &text), reference_scan(dfa, &text));
        }
    }
}
