//! The date lexicons (`assets/months.tsv`, `assets/date_words.tsv`,
//! `assets/relative.tsv`) and the token stream the grammar reads.
//!
//! Lexicon phrases are matched on tokens of the normalised text; the first
//! word of a phrase may carry proclitics (و ف then ب ل ك) or the «لل»
//! contraction of the article, like [`crate::text::PhraseMatcher`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::Weekday;

use crate::fxhash::FxBuild;
use crate::model::Grain;
use crate::text::charset::TwoByteSet;
use crate::text::{is_proclitic, normalize};

const MONTHS_TSV: &str = include_str!("../../assets/months.tsv");
const WORDS_TSV: &str = include_str!("../../assets/date_words.tsv");
const RELATIVE_TSV: &str = include_str!("../../assets/relative.tsv");

/// Letters start or continue a word; Arabic ones are checked first because
/// the general Unicode lookup is slow and they are nearly every char.
fn is_letter(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        // Arabic comma, semicolon and question mark: common, and the
        // general lookup below is slow for them.
        '،' | '؛' | '؟' => false,
        _ => c.is_alphabetic(),
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// A run of letters.
    Word,
    /// A run of ASCII digits: value (saturating) and digit count.
    Num(u32, usize),
    /// Any other visible char; a line break is `Punct('\n')` so no
    /// expression crosses lines.
    Punct(char),
}

/// One token of the normalised text, as normalised byte offsets.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Tk,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
}

/// [`is_letter`] for two-byte chars, by their bytes.
fn two_byte_letters() -> &'static TwoByteSet {
    static SET: OnceLock<TwoByteSet> = OnceLock::new();
    SET.get_or_init(|| TwoByteSet::new(is_letter))
}

/// Split normalised text into words, numbers and punctuation.
pub(crate) fn tokenize(t: &str) -> Vec<Tok> {
    // This reads every char of every article: letters are told by their
    // bytes (one table bit for Arabic), and only punctuation is decoded.
    let bytes = t.as_bytes();
    let letters = two_byte_letters();
    let letter_at = |i: usize| letters.len_at(t, i, |b| b.is_ascii_alphabetic(), is_letter);
    let mut toks: Vec<Tok> = Vec::with_capacity(t.len() / 5);
    let mut space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind = if b == b' ' {
            i += 1;
            space = true;
            None
        } else if b.is_ascii_digit() {
            let mut end = i;
            let mut value = 0u32;
            while let Some(&d) = bytes.get(end).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                end += 1;
            }
            i = end;
            Some(Tk::Num(value, end - start))
        } else if let Some(len) = letter_at(i) {
            i += len;
            while let Some(len) = letter_at(i) {
                i += len;
            }
            Some(Tk::Word)
        } else {
            let Some(c) = t.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if c == '\n' {
                Some(Tk::Punct('\n'))
            } else if c.is_whitespace() {
                space = true;
                None
            } else {
                Some(Tk::Punct(c))
            }
        };
        if let Some(kind) = kind {
            toks.push(Tok {
                start,
                end: i,
                kind,
                space_before: space,
            });
            // A line break counts as space before the next token.
            space = kind == Tk::Punct('\n');
        }
    }
    toks
}

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
    by_first: HashMap<String, Vec<(Vec<String>, V)>, FxBuild>,
    /// Every written form of a first word (with proclitics, «لل» for «ال»)
    /// → its readings that are keys of `by_first`, in [`cores`] order:
    /// built once, so a token costs one lookup instead of its readings'
    /// computation and several lookups (most tokens are in no lexicon).
    by_surface: HashMap<String, Vec<(String, usize)>, FxBuild>,
}

/// The proclitic prefixes [`cores`] strips (see [`is_proclitic`]).
const PROCLITIC_PREFIXES: [&str; 11] =
    ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"];

/// Every form in which a first word `key` can be written: `key`, with
/// proclitics, and «لل…» for «ال…» (with an optional conjunction).
fn surfaces(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    out.extend(PROCLITIC_PREFIXES.iter().map(|p| format!("{p}{key}")));
    if let Some(rest) = key.strip_prefix("ال") {
        out.extend(["", "و", "ف"].iter().map(|c| format!("{c}لل{rest}")));
    }
    out
}

/// The readings of each written form of `keys` that are themselves keys.
fn surface_index<'a>(
    keys: impl Iterator<Item = &'a String> + Clone,
    is_key: impl Fn(&str) -> bool,
) -> HashMap<String, Vec<(String, usize)>, FxBuild> {
    let mut index: HashMap<String, Vec<(String, usize)>, FxBuild> = HashMap::default();
    for key in keys {
        for surface in surfaces(key) {
            if index.contains_key(&surface) {
                continue;
            }
            let readings: Vec<(String, usize)> = cores(&surface)
                .filter(|(c, _)| is_key(c))
                .map(|(c, clitic)| (c.into_owned(), clitic))
                .collect();
            if !readings.is_empty() {
                index.insert(surface, readings);
            }
        }
    }
    index
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
    fn new() -> Self {
        Self {
            by_first: HashMap::default(),
            by_surface: HashMap::default(),
        }
    }

    /// Build `by_surface`; call after the last `insert`.
    fn index_surfaces(&mut self) {
        let by_first = &self.by_first;
        self.by_surface = surface_index(by_first.keys(), |c| by_first.contains_key(c));
    }

    fn insert(&mut self, phrase: &str, v: V) {
        let words: Vec<String> = normalize(phrase)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        list.push((words, v));
        // Longest phrase first, so the first accepted match is the longest.
        list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    }

    /// Values of the one-word phrase `w` (already normalised).
    pub fn single(&self, w: &str) -> impl Iterator<Item = &V> {
        self.by_first
            .get(w)
            .into_iter()
            .flatten()
            .filter(|(words, _)| words.len() == 1)
            .map(|(_, v)| v)
    }

    /// The longest phrase starting at token `i` whose value `f` accepts
    /// (the parser goes through [`super::grammar::Parser::find`], which
    /// remembers misses).
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
        let w = text.get(tok.start..tok.end)?;
        let readings = self.surface(w)?;
        self.find_from(readings, toks, text, i, f)
    }

    /// The readings of the written word `w` that begin some phrase.
    pub fn surface(&self, w: &str) -> Option<&[(String, usize)]> {
        self.by_surface.get(w).map(Vec::as_slice)
    }

    /// [`find_at`](Self::find_at) with the readings of token `i` looked up.
    pub fn find_from<T>(
        &self,
        readings: &[(String, usize)],
        toks: &[Tok],
        text: &str,
        i: usize,
        mut f: impl FnMut(&V) -> Option<T>,
    ) -> Option<Found<T>> {
        let tok = toks.get(i)?;
        let mut best: Option<Found<T>> = None;
        for (core, clitic) in readings {
            let clitic = *clitic;
            let Some(list) = self.by_first.get(core.as_str()) else {
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

/// A month name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthName {
    pub month: u32,
    pub hijri: bool,
    /// Also an everyday word: needs a day, a year or «شهر» next to it.
    pub strict: bool,
}

/// Which third of a year or month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// How many of a unit a word says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Count {
    N(u32),
    /// «بضعة»: three to nine.
    Few,
    /// A plural noun without a number.
    Plural,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    Strong,
    Since,
    Weak,
}

/// One reading of a date word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordVal {
    Weekday(Weekday, bool),
    Part(Part),
    Season(Season),
    Number(Count),
    Ordinal(u32),
    Unit(Unit, Count),
    Cue(Cue),
    Past,
    Next,
    /// true = Hijri.
    Era(bool),
    Tod,
    During,
}

/// Calendar unit of a fixed relative phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RelUnit {
    Day,
    Month,
    Year,
}

/// A fixed relative phrase from `assets/relative.tsv`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RelEntry {
    pub unit: RelUnit,
    pub from: i32,
    pub to: i32,
    pub grain: Grain,
}

/// All date lexicons.
pub(crate) struct Lexicon {
    pub months: PhraseLex<MonthName>,
    pub words: PhraseLex<WordVal>,
    pub relative: PhraseLex<RelEntry>,
    /// Written forms (see [`surfaces`]) of the first words of every phrase
    /// and of the grammar's own starting words.
    starters: HashSet<String, FxBuild>,
}

/// Tab-separated data lines of a lexicon file (comments and blanks skipped).
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn parse_word(kind: &str, value: &str, strict: bool) -> Option<WordVal> {
    let count = |c: &str| match c {
        "n" => Some(Count::Plural),
        "few" => Some(Count::Few),
        _ => c.parse().ok().map(Count::N),
    };
    Some(match kind {
        "weekday" => {
            let n: u8 = value.parse().ok()?;
            let wd = Weekday::try_from(n.checked_sub(1)?).ok()?;
            WordVal::Weekday(wd, strict)
        }
        "part" => WordVal::Part(match value {
            "early" => Part::Early,
            "mid" => Part::Mid,
            "late" => Part::Late,
            _ => return None,
        }),
        "season" => WordVal::Season(match value {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "autumn" => Season::Autumn,
            "winter" => Season::Winter,
            _ => return None,
        }),
        "number" => WordVal::Number(count(value)?),
        "ordinal" => WordVal::Ordinal(value.parse().ok()?),
        "unit" => {
            let (u, c) = value.split_once(':')?;
            let unit = match u {
                "hour" => Unit::Hour,
                "day" => Unit::Day,
                "week" => Unit::Week,
                "month" => Unit::Month,
                "year" => Unit::Year,
                _ => return None,
            };
            WordVal::Unit(unit, count(c)?)
        }
        "cue" => WordVal::Cue(match value {
            "strong" => Cue::Strong,
            "since" => Cue::Since,
            "weak" => Cue::Weak,
            _ => return None,
        }),
        "past" => WordVal::Past,
        "next" => WordVal::Next,
        "era" => WordVal::Era(value == "ah"),
        "tod" => WordVal::Tod,
        "during" => WordVal::During,
        _ => return None,
    })
}

fn parse_grain(g: &str) -> Option<Grain> {
    Some(match g {
        "day" => Grain::Day,
        "week" => Grain::Week,
        "month" => Grain::Month,
        "year" => Grain::Year,
        "range" => Grain::Range,
        _ => return None,
    })
}

impl Lexicon {
    /// Some reading of the written word `w` starts a lexicon phrase or is
    /// a grammar word of [`super::grammar`].
    pub fn is_starter(&self, w: &str) -> bool {
        self.starters.contains(w)
    }

    /// Parse the built-in lexicon files. Malformed lines are skipped (a unit
    /// test checks that every line of the shipped files parses).
    pub fn builtin() -> Self {
        Self::from_tsv(MONTHS_TSV, WORDS_TSV, RELATIVE_TSV)
    }

    pub fn from_tsv(months: &str, words: &str, relative: &str) -> Self {
        let mut lex = Self {
            months: PhraseLex::new(),
            words: PhraseLex::new(),
            relative: PhraseLex::new(),
            starters: HashSet::default(),
        };
        for r in rows(months) {
            if let [num, set, name, rest @ ..] = r.as_slice() {
                let Ok(month) = num.parse::<u32>() else {
                    continue;
                };
                if !(1..=12).contains(&month) {
                    continue;
                }
                let strict = rest.first() == Some(&"strict");
                let hijri = *set == "hijri";
                lex.months.insert(
                    name,
                    MonthName {
                        month,
                        hijri,
                        strict,
                    },
                );
            }
        }
        for r in rows(words) {
            if let [kind, value, phrase, rest @ ..] = r.as_slice() {
                let strict = rest.first() == Some(&"strict");
                if let Some(v) = parse_word(kind, value, strict) {
                    lex.words.insert(phrase, v);
                }
            }
        }
        for r in rows(relative) {
            if let [phrase, unit, from, to, grain] = r.as_slice() {
                let unit = match *unit {
                    "day" => RelUnit::Day,
                    "month" => RelUnit::Month,
                    "year" => RelUnit::Year,
                    _ => continue,
                };
                let (Ok(from), Ok(to), Some(grain)) =
                    (from.parse(), to.parse(), parse_grain(grain))
                else {
                    continue;
                };
                lex.relative.insert(
                    phrase,
                    RelEntry {
                        unit,
                        from,
                        to,
                        grain,
                    },
                );
            }
        }
        let months = lex.months.by_first.keys();
        let words = lex.words.by_first.keys();
        let relative = lex.relative.by_first.keys();
        let grammar = super::grammar::GRAMMAR_STARTERS
            .iter()
            .map(|w| w.to_string());
        let firsts: HashSet<String, FxBuild> = months
            .chain(words)
            .chain(relative)
            .cloned()
            .chain(grammar)
            .collect();
        lex.starters = surface_index(firsts.iter(), |c| firsts.contains(c))
            .into_keys()
            .collect();
        lex.months.index_surfaces();
        lex.words.index_surfaces();
        lex.relative.index_surfaces();
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_lexicon_line_parses() {
        for r in rows(MONTHS_TSV) {
            assert!(
                r.len() >= 3 && r.first().and_then(|m| m.parse::<u32>().ok()).is_some(),
                "{r:?}"
            );
        }
        for r in rows(WORDS_TSV) {
            let ok = matches!(r.as_slice(), [k, v, _, rest @ ..]
                if parse_word(k, v, rest.first() == Some(&"strict")).is_some());
            assert!(ok, "{r:?}");
        }
        for r in rows(RELATIVE_TSV) {
            assert_eq!(r.len(), 5, "{r:?}");
            assert!(r.get(4).and_then(|g| parse_grain(g)).is_some(), "{r:?}");
        }
    }

    /// The precomputed forms give, for every word, exactly the readings
    /// computing them would: over the seeds' words and every generated form.
    #[test]
    fn surface_index_agrees_with_computed_readings() {
        let lex = Lexicon::builtin();
        let mut words: Vec<String> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = normalize(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
            for t in tokenize(&text) {
                if t.kind == Tk::Word {
                    words.push(text[t.start..t.end].to_string());
                }
            }
        }
        assert!(words.len() > 1000);
        for key in lex
            .months
            .by_first
            .keys()
            .chain(lex.relative.by_first.keys())
        {
            words.extend(surfaces(key));
            words.push(format!("وال{key}"));
        }
        fn check<V>(lex: &PhraseLex<V>, w: &str) {
            let computed: Vec<(String, usize)> = cores(w)
                .filter(|(c, _)| lex.by_first.contains_key(c.as_ref()))
                .map(|(c, n)| (c.into_owned(), n))
                .collect();
            let indexed = lex.by_surface.get(w).cloned().unwrap_or_default();
            assert_eq!(indexed, computed, "{w}");
        }
        let mut starters = 0;
        for w in &words {
            check(&lex.months, w);
            check(&lex.words, w);
            check(&lex.relative, w);
            let firsts = |c: &str| {
                lex.months.by_first.contains_key(c)
                    || lex.words.by_first.contains_key(c)
                    || lex.relative.by_first.contains_key(c)
                    || super::super::grammar::GRAMMAR_STARTERS.contains(&c)
            };
            let computed = cores(w).any(|(c, _)| firsts(&c));
            assert_eq!(lex.is_starter(w), computed, "{w}");
            starters += usize::from(computed);
        }
        assert!(starters > 100, "{starters}");
    }

    /// The tokenizer as first written, char by char.
    fn tokenize_reference(t: &str) -> Vec<Tok> {
        #[derive(PartialEq)]
        enum Run {
            Letters,
            Digits,
        }
        let mut toks: Vec<Tok> = Vec::with_capacity(t.len() / 5);
        let mut run: Option<(Run, usize)> = None;
        let mut space = false;
        let close =
            |toks: &mut Vec<Tok>, run: &mut Option<(Run, usize)>, end: usize, space: &mut bool| {
                if let Some((kind, start)) = run.take() {
                    let kind = match kind {
                        Run::Letters => Tk::Word,
                        Run::Digits => {
                            let digits = t.get(start..end).unwrap_or("");
                            let value = digits.bytes().fold(0u32, |v, b| {
                                v.saturating_mul(10).saturating_add(u32::from(b - b'0'))
                            });
                            Tk::Num(value, digits.len())
                        }
                    };
                    toks.push(Tok {
                        start,
                        end,
                        kind,
                        space_before: *space,
                    });
                    *space = false;
                }
            };
        for (i, c) in t.char_indices() {
            let class = if c.is_ascii_digit() {
                Some(Run::Digits)
            } else if is_letter(c) {
                Some(Run::Letters)
            } else {
                None
            };
            match class {
                Some(k) => {
                    if run.as_ref().is_some_and(|(r, _)| *r != k) {
                        close(&mut toks, &mut run, i, &mut space);
                    }
                    if run.is_none() {
                        run = Some((k, i));
                    }
                }
                None => {
                    close(&mut toks, &mut run, i, &mut space);
                    if c == '\n' {
                        toks.push(Tok {
                            start: i,
                            end: i + 1,
                            kind: Tk::Punct('\n'),
                            space_before: space,
                        });
                        space = true;
                    } else if c.is_whitespace() {
                        space = true;
                    } else {
                        toks.push(Tok {
                            start: i,
                            end: i + c.len_utf8(),
                            kind: Tk::Punct(c),
                            space_before: space,
                        });
                        space = false;
                    }
                }
            }
        }
        close(&mut toks, &mut run, t.len(), &mut space);
        toks
    }

    #[test]
    fn tokenizer_agrees_with_the_reference() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| normalize(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
            .collect();
        texts.extend(
            [
                "",
                " \n\n a1b2 ٣ 99999999999 é€𝄞 x\u{00A0}y",
                "29/6/2017، الـ24\nغدا  (يونيو)",
                "\u{0600}\u{06FF}\u{0700}ۀ ﻻ",
            ]
            .map(String::from),
        );
        for t in &texts {
            let key = |v: Vec<Tok>| -> Vec<(usize, usize, Tk, bool)> {
                v.into_iter()
                    .map(|k| (k.start, k.end, k.kind, k.space_before))
                    .collect()
            };
            assert_eq!(key(tokenize(t)), key(tokenize_reference(t)), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_equals_the_reference_on_any_text(
            t in "[a-zA-Z0-9 .,/\n\u{0600}-\u{06FF}\u{00A0}é€𝄞\u{FB50}-\u{FB60}]{0,50}"
        ) {
            let key = |v: Vec<Tok>| -> Vec<(usize, usize, Tk, bool)> {
                v.into_iter()
                    .map(|k| (k.start, k.end, k.kind, k.space_before))
                    .collect()
            };
            proptest::prop_assert_eq!(key(tokenize(&t)), key(tokenize_reference(&t)));
        }
    }

    #[test]
    fn tokens_split_letters_digits_and_marks() {
        let t = "و2016، 29/6 الـ24\nغدا";
        let n = normalize(t);
        let kinds: Vec<Tk> = tokenize(&n).iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Tk::Word,
                Tk::Num(2016, 4),
                Tk::Punct('،'),
                Tk::Num(29, 2),
                Tk::Punct('/'),
                Tk::Num(6, 1),
                Tk::Word,
                Tk::Num(24, 2),
                Tk::Punct('\n'),
                Tk::Word
            ]
        );
    }

    #[test]
    fn phrases_match_with_clitics_and_longest_first() {
        let lex = Lexicon::builtin();
        let n = normalize("وفي كانون الثاني وللعام الماضي");
        let toks = tokenize(&n);
        let m = lex.months.find_at(&toks, &n, 1, |m| Some(m.month));
        assert_eq!(m.as_ref().map(|f| (f.val, f.end)), Some((1, 3)));
        let r = lex.relative.find_at(&toks, &n, 3, |r| Some(r.from));
        assert_eq!(r.map(|f| (f.val, f.end)), Some((-1, 5)));
        assert!(lex
            .months
            .find_at(&toks, &n, 0, |m| Some(m.month))
            .is_none());
    }
}
