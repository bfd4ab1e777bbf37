//! The date lexicons (`assets/months.tsv`, `assets/date_words.tsv`,
//! `assets/relative.tsv`), and for every written word that can begin a
//! date expression, what it begins ([`Starts`]).

use std::collections::{HashMap, HashSet};

use chrono::Weekday;

use super::phrase_lex::surfaces;
pub(crate) use super::phrase_lex::{cores, Found, PhraseLex, Reading};
pub(crate) use super::tokens::{tokenize, Tk, Tok};
use crate::fxhash::FxBuild;
use crate::model::Grain;
use crate::text::word_filter::WordFilter;

const MONTHS_TSV: &str = include_str!("../../assets/months.tsv");
const WORDS_TSV: &str = include_str!("../../assets/date_words.tsv");
const RELATIVE_TSV: &str = include_str!("../../assets/relative.tsv");

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

/// What a written word can begin: its readings that are first words of
/// phrases, per lexicon (often none: a grammar word such as «من»).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Starts {
    pub months: Box<[Reading]>,
    pub words: Box<[Reading]>,
    pub relative: Box<[Reading]>,
}

/// All date lexicons.
pub(crate) struct Lexicon {
    pub months: PhraseLex<MonthName>,
    pub words: PhraseLex<WordVal>,
    pub relative: PhraseLex<RelEntry>,
    /// Every written form (see [`surfaces`]) of the first words of every
    /// phrase and of the grammar's own starting words, with its readings:
    /// one lookup per token answers every lexicon.
    starts: HashMap<String, Starts, FxBuild>,
    /// The keys of `starts`: most words are in none, and the filter says
    /// so for far less than a hash lookup.
    starters: WordFilter,
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
    /// What the written word `w` can begin, if some reading of it starts a
    /// lexicon phrase or is a grammar word of [`super::grammar`].
    pub fn starts(&self, w: &str) -> Option<&Starts> {
        if !self.starters.may_contain(w) {
            return None;
        }
        self.starts.get(w)
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
            starts: HashMap::default(),
            starters: WordFilter::default(),
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
        let grammar = super::grammar::GRAMMAR_STARTERS.map(String::from);
        let firsts: HashSet<String, FxBuild> = lex
            .months
            .first_words()
            .chain(lex.words.first_words())
            .chain(lex.relative.first_words())
            .chain(grammar.iter())
            .cloned()
            .collect();
        for first in &firsts {
            for surface in surfaces(first) {
                if lex.starts.contains_key(&surface)
                    || !cores(&surface).any(|(c, _)| firsts.contains(c.as_ref()))
                {
                    continue;
                }
                let starts = Starts {
                    months: lex.months.readings(&surface).into(),
                    words: lex.words.readings(&surface).into(),
                    relative: lex.relative.readings(&surface).into(),
                };
                lex.starters.insert(&surface);
                lex.starts.insert(surface, starts);
            }
        }
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

    /// The index of written forms gives, for every word, exactly what
    /// working its readings out would: over the seeds' words and every
    /// generated form. So no form is missing, and the filter in front of
    /// the index never turns a starting word away.
    #[test]
    fn start_index_agrees_with_computed_readings() {
        let lex = Lexicon::builtin();
        let mut words: Vec<String> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text =
                crate::text::normalize(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
            for t in tokenize(&text) {
                if t.kind == Tk::Word {
                    words.push(text[t.start..t.end].to_string());
                }
            }
        }
        assert!(words.len() > 1000);
        let keys: Vec<String> = lex
            .months
            .first_words()
            .chain(lex.words.first_words())
            .chain(lex.relative.first_words())
            .cloned()
            .collect();
        for key in keys
            .iter()
            .chain(&super::super::grammar::GRAMMAR_STARTERS.map(String::from))
        {
            words.extend(surfaces(key));
            words.push(format!("وال{key}"));
        }
        let firsts = |c: &str| {
            lex.months.is_first_word(c)
                || lex.words.is_first_word(c)
                || lex.relative.is_first_word(c)
                || super::super::grammar::GRAMMAR_STARTERS.contains(&c)
        };
        let (mut starters, mut in_months) = (0, 0);
        for w in &words {
            let expected = cores(w).any(|(c, _)| firsts(&c)).then(|| Starts {
                months: lex.months.readings(w).into(),
                words: lex.words.readings(w).into(),
                relative: lex.relative.readings(w).into(),
            });
            assert_eq!(lex.starts(w), expected.as_ref(), "{w}");
            starters += usize::from(expected.is_some());
            in_months += usize::from(expected.is_some_and(|s| !s.months.is_empty()));
        }
        assert!(starters > 1000 && in_months > 100, "{starters} {in_months}");
        // The grammar word «من» begins no phrase but may begin a range.
        let min = lex.starts("ومن").expect("a starter");
        assert!(min.months.is_empty() && min.words.is_empty());
        assert!(lex.starts("مدينة").is_none());
    }

    #[test]
    fn phrases_match_with_clitics_and_longest_first() {
        let lex = Lexicon::builtin();
        let n = crate::text::normalize("وفي كانون الثاني وللعام الماضي");
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
