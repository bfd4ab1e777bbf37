//! Multi-word phrase lexicons matched on tokens: the first word of a
//! phrase may carry proclitics (و ف then ب ل ك) or the «لل» contraction of
//! the article, like [`crate::text::PhraseMatcher`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::tokens::{Tk, Tok};
use crate::fxhash::FxBuild;
use crate::text::{is_proclitic, normalize};

/// The ways a word can be read inside the first word of a phrase: the word
/// itself, the word without valid proclitics, and «لل…» read as «ال…».
/// Each comes with the byte length of the clitics left out. At most four,
/// kept on the stack: this runs for most tokens of every article.
pub(crate) fn cores(w: &str) -> impl Iterator<Item = (Cow<'_, str>, usize)> {
    let mut out: [(Cow<'_, str>, usize); 4] = Default::default();
    out[0] = (Cow::Borrowed(w), 0);
    let mut n = 1;
    // At most two proclitic letters (conjunction, then preposition).
    for (i, _) in w.char_indices().skip(1).take(2) {
        if let (Some(p), Some(rest)) = (w.get(..i), w.get(i..)) {
            if is_proclitic(p) && rest.chars().nth(1).is_some() {
                out[n] = (Cow::Borrowed(rest), i);
                n += 1;
            }
        }
    }
    let (conj, body) = match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        Some(b) => ('و'.len_utf8(), b),
        None => (0, w),
    };
    if let Some(rest) = body.strip_prefix("لل") {
        if !rest.is_empty() {
            // The one reading that is not a slice of `w`; rare.
            out[n] = (Cow::Owned(format!("ال{rest}")), conj + 'ل'.len_utf8());
            n += 1;
        }
    }
    out.into_iter().take(n)
}

/// A multi-word phrase lexicon keyed by its first word.
pub(crate) struct PhraseLex<V> {
    /// The phrases of each first word, longest first.
    lists: Vec<Vec<(Vec<String>, V)>>,
    /// A first word → the index of its phrases in `lists`.
    by_first: HashMap<String, u32, FxBuild>,
}

/// One reading of a written word that is the first word of some phrases:
/// the index of their list in a [`PhraseLex`] and the byte length of the
/// clitics the reading leaves out.
pub(crate) type Reading = (u32, usize);

/// The proclitic prefixes [`cores`] strips (see [`is_proclitic`]).
const PROCLITIC_PREFIXES: [&str; 11] =
    ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// Every form in which a first word `key` can be written: `key`, with
/// proclitics, and «لل…» for «ال…» (with an optional conjunction).
pub(crate) fn surfaces(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    out.extend(PROCLITIC_PREFIXES.iter().map(|p| format!("{p}{key}")));
    if let Some(rest) = key.strip_prefix("ال") {
        out.extend(["", "و", "ف"].iter().map(|c| format!("{c}لل{rest}")));
    }
    out
}

/// A phrase found at a token.
pub(crate) struct Found<T> {
    pub val: T,
    /// Token index after the phrase.
    pub end: usize,
    /// Normalised byte offset where the phrase starts (clitics excluded).
    pub start: usize,
}

impl<V> PhraseLex<V> {
    pub fn new() -> Self {
        Self {
            lists: Vec::new(),
            by_first: HashMap::default(),
        }
    }

    pub fn insert(&mut self, phrase: &str, v: V) {
        let words: Vec<String> = normalize(phrase)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let next = u32::try_from(self.lists.len()).unwrap_or(u32::MAX);
        let index = *self.by_first.entry(first).or_insert(next);
        if index == next {
            self.lists.push(Vec::new());
        }
        let Some(list) = self.lists.get_mut(index as usize) else {
            return;
        };
        list.push((words, v));
        // Longest phrase first, so the first accepted match is the longest.
        list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    }

    /// The first words of all phrases.
    pub fn first_words(&self) -> impl Iterator<Item = &String> + Clone {
        self.by_first.keys()
    }

    #[cfg(test)]
    pub fn is_first_word(&self, w: &str) -> bool {
        self.by_first.contains_key(w)
    }

    /// The readings of the written word `w` that begin some phrase, in
    /// [`cores`] order, worked out (the parser looks them up instead, in
    /// [`super::lexicon::Lexicon::starts`]).
    pub fn readings(&self, w: &str) -> Vec<Reading> {
        cores(w)
            .filter_map(|(c, clitic)| Some((*self.by_first.get(c.as_ref())?, clitic)))
            .collect()
    }

    /// Values of the one-word phrase `w` (already normalised).
    pub fn single(&self, w: &str) -> impl Iterator<Item = &V> {
        self.by_first
            .get(w)
            .and_then(|&k| self.lists.get(k as usize))
            .into_iter()
            .flatten()
            .filter(|(words, _)| words.len() == 1)
            .map(|(_, v)| v)
    }

    /// The longest phrase starting at token `i` whose value `f` accepts
    /// (the parser goes through [`super::grammar::Parser::find`], which
    /// looks the readings up once per token).
    #[cfg(test)]
    pub fn find_at<T>(
        &self,
        toks: &[Tok],
        text: &str,
        i: usize,
        f: impl FnMut(&V) -> Option<T>,
    ) -> Option<Found<T>> {
        let tok = toks.get(i)?;
        if tok.kind != Tk::Word {
            return None;
        }
        let readings = self.readings(text.get(tok.start..tok.end)?);
        self.find_from(&readings, toks, text, i, f)
    }

    /// [`find_at`](Self::find_at) with the readings of token `i` given.
    pub fn find_from<T>(
        &self,
        readings: &[Reading],
        toks: &[Tok],
        text: &str,
        i: usize,
        mut f: impl FnMut(&V) -> Option<T>,
    ) -> Option<Found<T>> {
        let tok = toks.get(i)?;
        let mut best: Option<Found<T>> = None;
        for &(list, clitic) in readings {
            let Some(list) = self.lists.get(list as usize) else {
                continue;
            };
            for (words, v) in list {
                let n = words.len();
                if best.as_ref().is_some_and(|b| b.end >= i + n) {
                    break;
                }
                let rest_ok = words.iter().enumerate().skip(1).all(|(k, word)| {
                    toks.get(i + k).is_some_and(|t| {
                        t.kind == Tk::Word && text.get(t.start..t.end) == Some(word.as_str())
                    })
                });
                if !rest_ok {
                    continue;
                }
                if let Some(val) = f(v) {
                    best = Some(Found {
                        val,
                        end: i + n,
                        start: tok.start + clitic,
                    });
                    break;
                }
            }
        }
        best
    }
}
