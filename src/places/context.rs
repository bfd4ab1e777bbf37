//! Is a name that is also a common word a place here? General rules over the
//! words around it, with the word lists in `assets/place_context.txt`.
//!
//! For a gazetteer entry marked `ambiguous` («تدمر» = Palmyra or "destroys»,
//! «الميادين» = Al-Mayadin or "the squares"), a hit is kept when:
//! - strong evidence: a hashtag («#تدمر»), a place noun before it («مدينة
//!   الميادين», «بلدة نوبل», also attached: «بمدينة»), a place noun opening the
//!   name itself («نهر الفرات»), or a place adjective after it («تدمر الأثرية»);
//! - or weak evidence not vetoed: a spatial preposition or direction before it
//!   («في», «إلى», «قرب», «شرق»), a place just before it in a list («الرقة
//!   وتدمر»), or, when the other reading is a verb (keyword `verb`), an
//!   attached preposition («بتدمر»: «ب» never attaches to a verb; not so for
//!   nouns: «بكسب» is "by gaining", «بالباب» "at the door"). The veto:
//!   the next word is definite and not a place adjective, which reads as a
//!   noun phrase or a verb with its object («في الميادين العامة», «لتدمر المدينة»).
//!
//! Anything else is no hit: «الطائرات تدمر المنازل», «فتح الباب أمام».

use std::collections::{HashMap, HashSet};

use crate::fxhash::FxBuild;

use crate::model::ByteSpan;
use crate::text::{is_word_char, normalize};

const CONTEXT_TXT: &str = include_str!("../../assets/place_context.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Accept,
    Reject,
}

/// The word lists of `assets/place_context.txt`, normalised.
pub(crate) struct Context {
    nouns: HashSet<String, FxBuild>,
    preps: HashSet<String, FxBuild>,
    follow: HashSet<String, FxBuild>,
    /// Plural or dual place noun -> its singular («محافظتي» -> «محافظه»).
    plurals: HashMap<String, String, FxBuild>,
    blocks: Vec<String>,
}

impl Context {
    pub(crate) fn builtin() -> Self {
        Self::parse(CONTEXT_TXT)
    }

    /// Lenient: unknown categories and malformed lines are skipped.
    pub(crate) fn parse(src: &str) -> Self {
        let mut c = Context {
            nouns: HashSet::default(),
            preps: HashSet::default(),
            follow: HashSet::default(),
            plurals: HashMap::default(),
            blocks: Vec::new(),
        };
        for line in src.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((cat, rest)) = line.split_once(|c: char| c.is_whitespace()) else {
                continue;
            };
            let words = rest.split_whitespace().map(normalize);
            match cat {
                "noun" => c.nouns.extend(words),
                "prep" => c.preps.extend(words),
                "follow" => c.follow.extend(words),
                "plural" => {
                    let w: Vec<String> = words.collect();
                    if let [plural, singular] = w.as_slice() {
                        c.nouns.insert(plural.clone());
                        c.plurals.insert(plural.clone(), singular.clone());
                    }
                }
                "block" => c.blocks.push(normalize(rest.trim())),
                _ => {}
            }
        }
        c
    }

    pub(crate) fn blocks(&self) -> &[String] {
        &self.blocks
    }

    /// The singular of a plural place noun («محافظتي» -> «محافظه»).
    pub(crate) fn singular_of(&self, word: &str) -> Option<&str> {
        self.plurals.get(word).map(String::as_str)
    }

    fn is_noun(&self, word: &str) -> bool {
        with_clitics_stripped(word).any(|w| self.nouns.contains(w))
    }

    fn is_prep(&self, word: &str) -> bool {
        with_clitics_stripped(word).any(|w| self.preps.contains(w))
    }

    /// Is the ambiguous name at `site` a place? `follows_place`: it comes
    /// right after an accepted place in a list («الرقة وتدمر»); `verb`: the
    /// name's other reading is a verb, so an attached «ب»/«ل» is evidence.
    pub(crate) fn judge(&self, site: &Site, follows_place: bool, verb: bool) -> Verdict {
        let next = site.next_word();
        let first_word = site.phrase().split(' ').next().unwrap_or("");
        let strong = site.hashtag()
            || self.is_noun(site.prev_word())
            || (site.phrase().contains(' ') && self.nouns.contains(first_word))
            || next.is_some_and(|n| self.follow.contains(n));
        if strong {
            return Verdict::Accept;
        }
        let weak = self.is_prep(site.prev_word())
            || (verb && site.attached_preposition())
            || follows_place;
        let vetoed = next.is_some_and(|n| n.starts_with("ال") && !self.follow.contains(n));
        if weak && !vetoed {
            Verdict::Accept
        } else {
            Verdict::Reject
        }
    }
}

/// `word`, then `word` without its proclitics («وبمدينه» -> «مدينه»), when
/// at least two letters remain.
fn with_clitics_stripped(word: &str) -> impl Iterator<Item = &str> {
    let conj = word
        .strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .unwrap_or(word);
    let prep = conj
        .strip_prefix('ب')
        .or_else(|| conj.strip_prefix('ل'))
        .or_else(|| conj.strip_prefix('ك'))
        .unwrap_or(conj);
    [word, conj, prep]
        .into_iter()
        .filter(|w| w.chars().count() >= 2)
}

/// Characters that may stand between a place noun and the name without
/// breaking their link: spaces and opening quotes/brackets («قرية (كسرة عفان)»).
fn is_soft_gap(c: char) -> bool {
    c == ' ' || c == '\t' || matches!(c, '(' | '[' | '«' | '"' | '“' | '”' | '\'' | '‘' | '’')
}

/// A phrase hit in normalised text and the words around it. All offsets are
/// byte offsets into the normalised text; every slice is checked.
pub(crate) struct Site<'a> {
    t: &'a str,
    start: usize,
    end: usize,
    /// Start of the hit's whole word, proclitics included («وبالرقه»).
    word_start: usize,
}

impl<'a> Site<'a> {
    pub(crate) fn new(t: &'a str, norm: ByteSpan) -> Self {
        let before = t.get(..norm.start).unwrap_or("");
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(norm.start, |(i, _)| i);
        Self {
            t,
            start: norm.start,
            end: norm.end,
            word_start,
        }
    }

    /// The matched name (normalised).
    pub(crate) fn phrase(&self) -> &'a str {
        self.t.get(self.start..self.end).unwrap_or("")
    }

    /// The proclitics attached to the name («وب» in «وبالرقه»).
    fn prefix(&self) -> &'a str {
        self.t.get(self.word_start..self.start).unwrap_or("")
    }

    /// «بتدمر», «لتدمر», «وبالميادين», or the contracted «للميادين».
    fn attached_preposition(&self) -> bool {
        let p = self.prefix();
        let p = p
            .strip_prefix('و')
            .or_else(|| p.strip_prefix('ف'))
            .unwrap_or(p);
        matches!(p, "ب" | "ل") || self.phrase().starts_with("لل")
    }

    fn hashtag(&self) -> bool {
        self.t
            .get(..self.word_start)
            .and_then(|b| b.chars().next_back())
            == Some('#')
    }

    /// The word before the name's word, across spaces and opening quotes
    /// but not across other punctuation ("" if none).
    pub(crate) fn prev_word(&self) -> &'a str {
        let before = self.t.get(..self.word_start).unwrap_or("");
        let trimmed = before.trim_end_matches(is_soft_gap);
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(trimmed.len(), |(i, _)| i);
        trimmed.get(start..).unwrap_or("")
    }

    /// The word right after the name, if only spaces stand between.
    fn next_word(&self) -> Option<&'a str> {
        let after = self.t.get(self.end..).unwrap_or("");
        let rest = after.trim_start_matches([' ', '\t']);
        let len = rest
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(rest.len(), |(i, _)| i);
        rest.get(..len).filter(|w| !w.is_empty())
    }

    /// True when the name follows a hit ending at `last_end` as the next item
    /// of a list: only spaces, commas or a lone «و» between, and a comma or
    /// «و» present («الرقة وتدمر», «حلب، إدلب»).
    pub(crate) fn coordinated_after(&self, last_end: usize) -> bool {
        let Some(gap) = self.t.get(last_end..self.word_start) else {
            return false;
        };
        // The gap is usually long text between two far-apart names: give up
        // at its first real word rather than splitting all of it.
        let mut any_word = false;
        for w in gap.split([' ', '،', ',', '\t']).filter(|w| !w.is_empty()) {
            if w != "و" {
                return false;
            }
            any_word = true;
        }
        let has_comma = gap.contains(['،', ',']);
        has_comma || any_word || self.prefix().starts_with('و')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::NormText;

    fn site_of<'a>(n: &'a NormText, phrase: &str) -> Site<'a> {
        let p = normalize(phrase);
        let s = n.text.find(&p).unwrap_or(0);
        Site::new(&n.text, ByteSpan::new(s, s + p.len()))
    }

    #[test]
    fn words_around_a_name() {
        let n = NormText::new("وصلوا إلى «وبتدمر» الأثرية");
        let s = site_of(&n, "تدمر");
        assert_eq!(s.prev_word(), "الي");
        assert_eq!(s.prefix(), "وب");
        assert!(s.attached_preposition());
        assert_eq!(s.next_word(), None, "the closing quote breaks adjacency");
        let n = NormText::new("في الميادين، خلال");
        let s = site_of(&n, "الميادين");
        assert_eq!(s.next_word(), None);
        let n = NormText::new("الميادين العامة");
        assert_eq!(site_of(&n, "الميادين").next_word(), Some("العامه"));
        assert_eq!(site_of(&n, "الميادين").prev_word(), "");
    }

    #[test]
    fn list_coordination() {
        let n = NormText::new("الرقة وتدمر");
        let s = site_of(&n, "تدمر");
        assert!(s.coordinated_after("الرقه".len()));
        let n = NormText::new("الرقة تدمر");
        assert!(!site_of(&n, "تدمر").coordinated_after("الرقه".len()));
        let n = NormText::new("حلب، تدمر");
        assert!(site_of(&n, "تدمر").coordinated_after("حلب".len()));
    }

    #[test]
    fn lexicon_parses() {
        let c = Context::builtin();
        assert!(c.is_noun("مدينه") && c.is_noun("بمدينه") && c.is_noun("وبلده"));
        assert!(c.is_prep("الي") && c.is_prep("وفي") && c.is_prep("بجنوب"));
        assert!(!c.is_prep("الطائرات"));
        assert_eq!(c.singular_of("محافظتي"), Some("محافظه"));
        assert!(c.blocks().iter().any(|b| b == "غضب الفرات"));
    }
}
