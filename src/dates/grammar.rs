//! The token-level parser shared by the explicit and relative grammars, and
//! the scan that picks non-overlapping expressions left to right.

use std::cell::Cell;

use chrono::{NaiveDate, Weekday};

use super::calendar::{hijri_en, month_en, part_en, Iso};
use super::lexicon::{
    Found, Lexicon, MonthName, Part, PhraseLex, Season, Starts, Tk, Tok, WordVal,
};
use super::relative::weekday_en;
use super::relative::Relative;
use crate::model::Grain;
use crate::text::is_proclitic;

/// What an expression means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum What {
    /// A calendar span written in the text; `how` explains it in English.
    Fixed {
        start: NaiveDate,
        end: NaiveDate,
        grain: Grain,
        how: How,
    },
    /// Needs the article's date.
    Rel(Relative),
}

/// How a written date was read, put in English only for the expressions
/// that are kept: the parsers propose several at most tokens, and writing
/// each out cost a twentieth of extraction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum How {
    /// A Gregorian day.
    Day(NaiveDate),
    /// A Hijri day and its Gregorian day.
    HijriDay {
        day: u32,
        month: u32,
        year: i32,
        greg: NaiveDate,
    },
    /// Days (day, month) to (day, month) of a year, Hijri or not.
    Days {
        from: (u32, u32),
        to: (u32, u32),
        year: i32,
        hijri: bool,
        span: (NaiveDate, NaiveDate),
    },
    Month {
        month: u32,
        year: i32,
    },
    HijriMonth {
        month: u32,
        year: i32,
        span: (NaiveDate, NaiveDate),
    },
    Years(i32, i32),
    Year(i32),
    HijriYear {
        year: i32,
        span: (NaiveDate, NaiveDate),
    },
    /// The beginning, middle or end of a year or month.
    Part {
        part: Part,
        of: Box<How>,
        span: (NaiveDate, NaiveDate),
    },
    Season {
        season: Season,
        year: i32,
        span: (NaiveDate, NaiveDate),
    },
    /// A day with its weekday named.
    Weekday(Weekday, Box<How>),
}

impl std::fmt::Display for How {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const UMM_AL_QURA: &str = " AH (Umm al-Qura)";
        match self {
            Self::Day(d) => write!(f, "{}", Iso(*d)),
            Self::HijriDay {
                day,
                month,
                year,
                greg,
            } => write!(
                f,
                "{day} {} {year}{UMM_AL_QURA} = {}",
                hijri_en(*month),
                Iso(*greg)
            ),
            Self::Days {
                from,
                to,
                year,
                hijri,
                span,
            } => {
                let name = |m: u32| if *hijri { hijri_en(m) } else { month_en(m) };
                let era = if *hijri { UMM_AL_QURA } else { "" };
                write!(
                    f,
                    "{} {} to {} {} {year}{era} = {}..{}",
                    from.0,
                    name(from.1),
                    to.0,
                    name(to.1),
                    Iso(span.0),
                    Iso(span.1)
                )
            }
            Self::Month { month, year } => write!(f, "{} {year}", month_en(*month)),
            Self::HijriMonth { month, year, span } => write!(
                f,
                "{} {year}{UMM_AL_QURA} = {}..{}",
                hijri_en(*month),
                Iso(span.0),
                Iso(span.1)
            ),
            Self::Years(a, b) => write!(f, "the years {a} to {b}"),
            Self::Year(y) => write!(f, "the year {y}"),
            Self::HijriYear { year, span } => {
                let (a, b) = (Iso(span.0), Iso(span.1));
                write!(f, "the Hijri year {year} AH = {a}..{b}")
            }
            Self::Part { part, of, span } => {
                let (a, b) = (Iso(span.0), Iso(span.1));
                write!(f, "{} {of} = {a}..{b}", part_en(*part))
            }
            Self::Season { season, year, span } => {
                let name = format!("{season:?}").to_lowercase();
                let (a, b) = (Iso(span.0), Iso(span.1));
                write!(f, "{name} {year} = {a}..{b}")
            }
            Self::Weekday(w, of) => write!(f, "{} {of}", weekday_en(*w)),
        }
    }
}

/// One expression found: normalised byte span and the token to resume at.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub end_tok: usize,
    pub start: usize,
    pub end: usize,
    pub what: What,
}

/// A month name found, possibly doubled («حزيران/يونيو», «حزيران (يونيو)»).
pub(crate) struct MonthHit {
    pub name: MonthName,
    pub start: usize,
    pub end: usize,
}

pub(crate) struct Parser<'a> {
    pub toks: &'a [Tok],
    pub text: &'a str,
    pub lex: &'a Lexicon,
    /// Per token, what its word can begin, looked up once: the parsers
    /// tried at a token ask the lexicons about the same words many times.
    pub starts: Vec<Option<&'a Starts>>,
    /// Per token, the time-of-day or «during» word found there, once asked.
    pub tod_memo: Vec<Cell<Option<TodWord>>>,
}

/// Where a time-of-day or «during» word starts (byte) and the token after
/// it, or `None`: there is none at that token.
pub(crate) type TodWord = Option<(usize, usize)>;

/// The three phrase lexicons.
#[derive(Clone, Copy)]
pub(crate) enum LexId {
    Months,
    Words,
    Relative,
}

/// Words that can begin an expression besides lexicon phrases and numbers.
pub(crate) const GRAMMAR_STARTERS: [&str; 7] = ["بين", "من", "شهر", "يوم", "قبل", "منذ", "ال"];

impl<'a> Parser<'a> {
    pub fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }

    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tok(i)?;
        (t.kind == Tk::Word)
            .then(|| self.text.get(t.start..t.end))
            .flatten()
    }

    /// A number token: (value, digit count).
    pub fn num(&self, i: usize) -> Option<(u32, usize)> {
        match self.tok(i)?.kind {
            Tk::Num(v, d) => Some((v, d)),
            _ => None,
        }
    }

    pub fn punct(&self, i: usize) -> Option<char> {
        match self.tok(i)?.kind {
            Tk::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Token `i` exists and touches the previous one.
    pub fn tight(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    /// Start byte of `w` when token `i` is `w` with optional proclitics:
    /// when `w` is one of the word's readings ([`cores`]), worked out for
    /// `w` alone (the parsers ask this of most tokens, for many words).
    pub fn core(&self, i: usize, w: &str) -> Option<usize> {
        let t = self.tok(i)?;
        let word = self.word(i)?;
        if word == w {
            return Some(t.start);
        }
        // The word without one or two proclitic letters; `w` of two
        // letters or more (as `cores` reads).
        if let Some(prefix) = word.strip_suffix(w) {
            let letters = prefix.chars().count();
            if (1..=2).contains(&letters) && is_proclitic(prefix) && w.chars().nth(1).is_some() {
                return Some(t.start + prefix.len());
            }
        }
        // «(و|ف)لل…» read as «ال…».
        let rest = w.strip_prefix("ال").filter(|r| !r.is_empty())?;
        let (conj, body) = match word.strip_prefix('و').or_else(|| word.strip_prefix('ف')) {
            Some(b) => ('و'.len_utf8(), b),
            None => (0, word),
        };
        (body.strip_prefix("لل")? == rest).then(|| t.start + conj + 'ل'.len_utf8())
    }

    /// The first token is one of `ws` (proclitics allowed).
    pub fn core_in(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.core(i, w).is_some())
    }

    pub fn new(toks: &'a [Tok], text: &'a str, lex: &'a Lexicon) -> Self {
        Self {
            toks,
            text,
            lex,
            starts: toks
                .iter()
                .map(|t| match t.kind {
                    Tk::Word => lex.starts(text.get(t.start..t.end)?),
                    _ => None,
                })
                .collect(),
            tod_memo: vec![Cell::new(None); toks.len()],
        }
    }

    /// The longest phrase of `lex` at token `i` that `f` accepts, as
    /// `PhraseLex::find_at` finds it, from the readings looked up once.
    pub fn find<V, T>(
        &self,
        id: LexId,
        lex: &PhraseLex<V>,
        i: usize,
        f: impl FnMut(&V) -> Option<T>,
    ) -> Option<Found<T>> {
        let starts = self.starts.get(i).copied().flatten()?;
        let readings = match id {
            LexId::Months => &starts.months,
            LexId::Words => &starts.words,
            LexId::Relative => &starts.relative,
        };
        if readings.is_empty() {
            return None;
        }
        lex.find_from(readings, self.toks, self.text, i, f)
    }

    /// A date word at token `i` whose reading `f` accepts.
    pub fn wordval<T>(&self, i: usize, f: impl FnMut(&WordVal) -> Option<T>) -> Option<Found<T>> {
        self.find(LexId::Words, &self.lex.words, i, f)
    }

    pub fn start_of(&self, i: usize) -> usize {
        self.tok(i).map_or(self.text.len(), |t| t.start)
    }

    /// End byte of the token before `end_tok`.
    pub fn end_before(&self, end_tok: usize) -> usize {
        end_tok
            .checked_sub(1)
            .and_then(|i| self.tok(i))
            .map_or(0, |t| t.end)
    }

    pub fn cand(&self, start: usize, end_tok: usize, what: What) -> Cand {
        Cand {
            end_tok,
            start,
            end: self.end_before(end_tok),
            what,
        }
    }

    pub fn fixed(
        &self,
        start: usize,
        end_tok: usize,
        span: (NaiveDate, NaiveDate),
        grain: Grain,
        how: How,
    ) -> Cand {
        self.cand(
            start,
            end_tok,
            What::Fixed {
                start: span.0,
                end: span.1,
                grain,
                how,
            },
        )
    }

    /// A month name at token `i`, with a second name for the same month
    /// after «/», «-» or in parentheses.
    pub fn month(&self, i: usize) -> Option<MonthHit> {
        let f = self.find(LexId::Months, &self.lex.months, i, |m| Some(*m))?;
        let mut hit = MonthHit {
            name: f.val,
            start: f.start,
            end: f.end,
        };
        let same = |j: usize| {
            self.find(LexId::Months, &self.lex.months, j, |m| {
                (m.month == f.val.month && m.hijri == f.val.hijri).then_some(())
            })
            .filter(|g| g.start == self.start_of(j))
        };
        match self.punct(hit.end) {
            Some('/' | '-' | '–') => {
                if let Some(g) = same(hit.end + 1) {
                    hit.end = g.end;
                }
            }
            Some('(') => {
                if let Some(g) = same(hit.end + 1) {
                    if self.punct(g.end) == Some(')') {
                        hit.end = g.end + 1;
                    }
                }
            }
            _ => {}
        }
        // A second name consumed after a strict one makes it unambiguous.
        if hit.end > f.end {
            hit.name.strict = false;
        }
        Some(hit)
    }

    /// Token after an era word («م», «هـ») at `j` of the right calendar, else `j`.
    pub fn era(&self, j: usize, hijri: bool) -> usize {
        self.wordval(j, |v| (*v == WordVal::Era(hijri)).then_some(()))
            .map_or(j, |f| f.end)
    }

    /// A connector between the two ends of a range at `k`; the token after it.
    pub fn range_conn(&self, k: usize, allow_and: bool) -> Option<usize> {
        if (allow_and && self.is_word(k, "و")) || self.core_in(k, &["الي", "حتي"]) {
            return Some(k + 1);
        }
        matches!(self.punct(k), Some('-' | '–')).then_some(k + 1)
    }

    fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match t.kind {
            Tk::Num(..) => true,
            Tk::Punct(_) => false,
            Tk::Word => self.starts.get(i).is_some_and(Option::is_some),
        }
    }

    /// Every expression, left to right; at each token the longest parse wins
    /// (the first parser on a tie), and scanning resumes after it.
    pub fn scan(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            let parsers = [
                Self::numeric,
                Self::written,
                Self::month_first,
                Self::year,
                Self::part,
                Self::season,
                Self::weekday,
                Self::relative,
                Self::counted,
                Self::past_n,
            ];
            let mut best: Option<Cand> = None;
            for p in parsers {
                if let Some(c) = p(self, i) {
                    if best.as_ref().is_none_or(|b| c.end_tok > b.end_tok) && c.end > c.start {
                        best = Some(c);
                    }
                }
            }
            match best {
                Some(c) => {
                    i = c.end_tok.max(i + 1);
                    out.push(c);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `core` answers as finding `w` among the word's readings would,
        /// for words of clitics, «ال» or «لل» and a stem (one letter too).
        #[test]
        fn core_equals_searching_the_readings(
            (conj, prep, art, stem) in (0usize..3, 0usize..4, 0usize..3, 0usize..4),
            (t_art, t_pre) in (0usize..3, 0usize..4),
        ) {
            // Words and targets built alike, so readings often match.
            const CONJ: [&str; 3] = ["", "و", "ف"];
            const PREP: [&str; 4] = ["", "ب", "ل", "ك"];
            const ART: [&str; 3] = ["", "ال", "لل"];
            const STEM: [&str; 4] = ["من", "بين", "يوم", "م"];
            let word = format!("{}{}{}{}", CONJ[conj], PREP[prep], ART[art], STEM[stem]);
            let w = format!("{}{}{}", PREP[t_pre], ART[t_art], STEM[stem]);
            let w = w.as_str();
            let text = format!("x {word}");
            let toks = super::super::lexicon::tokenize(&text);
            let p = Parser::new(&toks, &text, &super::super::DateFinder::builtin().lex);
            let got = p.core(1, w);
            let want = p.word(1).and_then(|word| {
                super::super::lexicon::cores(word)
                    .find(|(c, _)| c == w)
                    .map(|(_, clitic)| toks[1].start + clitic)
            });
            proptest::prop_assert_eq!(got, want, "{} in {:?}", w, word);
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Each reading renders as the parsers wrote it out before it was
    /// kept unrendered (the right-hand sides are those `format!` calls).
    #[test]
    fn readings_render_as_before() {
        let (a, b) = (day(2017, 3, 1), day(2017, 5, 31));
        let month = How::Month {
            month: 6,
            year: 2017,
        };
        let cases: Vec<(How, String)> = vec![
            (How::Day(a), format!("{a}")),
            (
                How::HijriDay {
                    day: 5,
                    month: 9,
                    year: 1438,
                    greg: b,
                },
                format!("5 {} 1438 AH (Umm al-Qura) = {b}", hijri_en(9)),
            ),
            (
                How::Days {
                    from: (28, 12),
                    to: (3, 1),
                    year: 2016,
                    hijri: false,
                    span: (a, b),
                },
                format!("28 {} to 3 {} 2016 = {a}..{b}", month_en(12), month_en(1)),
            ),
            (
                How::Days {
                    from: (1, 9),
                    to: (3, 9),
                    year: 1438,
                    hijri: true,
                    span: (a, b),
                },
                format!(
                    "1 {} to 3 {} 1438 AH (Umm al-Qura) = {a}..{b}",
                    hijri_en(9),
                    hijri_en(9)
                ),
            ),
            (month.clone(), format!("{} 2017", month_en(6))),
            (
                How::HijriMonth {
                    month: 9,
                    year: 1438,
                    span: (a, b),
                },
                format!("{} 1438 AH (Umm al-Qura) = {a}..{b}", hijri_en(9)),
            ),
            (How::Years(2014, 2016), "the years 2014 to 2016".to_string()),
            (How::Year(2016), "the year 2016".to_string()),
            (
                How::HijriYear {
                    year: 1437,
                    span: (a, b),
                },
                format!("the Hijri year 1437 AH = {a}..{b}"),
            ),
            (
                How::Part {
                    part: Part::Early,
                    of: Box::new(month.clone()),
                    span: (a, b),
                },
                format!("{} {} 2017 = {a}..{b}", part_en(Part::Early), month_en(6)),
            ),
            (
                How::Season {
                    season: Season::Summer,
                    year: 2015,
                    span: (a, b),
                },
                format!("{:?} {} = {}..{}", Season::Summer, 2015, a, b).to_lowercase(),
            ),
            (
                How::Weekday(Weekday::Thu, Box::new(How::Day(a))),
                format!("{} {a}", weekday_en(Weekday::Thu)),
            ),
        ];
        for (how, want) in cases {
            assert_eq!(how.to_string(), want, "{how:?}");
        }
        assert_eq!(How::Year(2016).to_string(), "the year 2016");
        assert!(How::Season {
            season: Season::Winter,
            year: 2016,
            span: (a, b)
        }
        .to_string()
        .starts_with("winter 2016 = "));
    }
}
