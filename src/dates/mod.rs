//! Arabic date expressions → [`DateSpan`]s.
//!
//! [`DateFinder`] reads normalised text ([`NormText`]) as tokens and parses:
//! numeric dates (day first, as the Arab press writes them), written dates
//! with month names of every regional set (`assets/months.tsv`), Hijri dates
//! (converted with `icu_calendar`'s Umm al-Qura calendar), years after a cue
//! word, ranges, thirds of a month or year, seasons, weekdays and relative
//! phrases (`assets/relative.tsv`), which are resolved against the article's
//! date. Without an article date, relative phrases are returned apart as
//! [`Unresolved`] so a later step can resolve them against an inferred date.
//!
//! Numbers are never dates on their own: a date needs three numeric parts, a
//! month name, or a year word before a 4-digit year («العام 2016»).
//!
//! [`article_date`] finds the publication date from a byline or the file name.

mod article;
mod calendar;
mod explicit;
mod grammar;
mod lexicon;
mod phrase_lex;
pub(crate) mod relative;
mod tokens;

use std::fmt::Write;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::model::{ByteSpan, DateBasis, DateSpan};
use crate::text::NormText;
use calendar::Iso;
use grammar::{Cand, Parser, What};
use lexicon::{tokenize, Lexicon};

pub use article::article_date;
pub use calendar::{years_matching_weekday, Mode};
pub use lexicon::Part;
pub use relative::Relative;

/// A date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateHit {
    /// Original byte span of exactly the date words («العام 2016»).
    pub span: ByteSpan,
    pub value: DateSpan,
}

/// A relative expression found without an article date to resolve it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    pub span: ByteSpan,
    /// The words, for evidence.
    pub words: String,
    pub relative: Relative,
}

impl Unresolved {
    /// The date this means if the article is dated `anchor` (basis Relative).
    pub fn resolve(&self, anchor: NaiveDate) -> Option<DateSpan> {
        rel_span(&self.words, &self.relative, anchor)
    }
}

/// Everything [`DateFinder::find_all`] found, each list sorted by span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateFinds {
    pub hits: Vec<DateHit>,
    pub unresolved: Vec<Unresolved>,
}

fn rel_span(words: &str, rel: &Relative, anchor: NaiveDate) -> Option<DateSpan> {
    let (start, end, grain) = rel.resolve(anchor)?;
    // «words» = meaning => start..end, built in place: this runs for every
    // relative expression of every article.
    let meaning = rel.describe(anchor);
    let mut evidence = String::with_capacity(words.len() + meaning.len() + 40);
    evidence.push('«');
    evidence.push_str(words);
    evidence.push_str("» = ");
    evidence.push_str(&meaning);
    evidence.push_str(" => ");
    Iso(start).push_to(&mut evidence);
    if start != end {
        evidence.push_str("..");
        Iso(end).push_to(&mut evidence);
    }
    Some(DateSpan {
        start,
        end,
        grain,
        basis: DateBasis::Relative,
        evidence: evidence.into(),
    })
}

/// The date recogniser: lexicons parsed once; `Send + Sync`, share it.
pub struct DateFinder {
    lex: Lexicon,
}

impl Default for DateFinder {
    fn default() -> Self {
        Self::new()
    }
}

impl DateFinder {
    /// Build from the lexicons embedded from `assets/`.
    pub fn new() -> Self {
        Self {
            lex: Lexicon::builtin(),
        }
    }

    /// A shared instance, built on first use.
    pub fn builtin() -> &'static Self {
        static FINDER: OnceLock<DateFinder> = OnceLock::new();
        FINDER.get_or_init(Self::new)
    }

    /// Dates in `text`, sorted and non-overlapping. Relative expressions are
    /// resolved against `article_date`, and left out without one.
    pub fn find(&self, text: &NormText, article_date: Option<NaiveDate>) -> Vec<DateHit> {
        self.find_all(text, article_date).hits
    }

    /// Dates, plus the relative expressions no article date resolved.
    pub fn find_all(&self, text: &NormText, article_date: Option<NaiveDate>) -> DateFinds {
        self.collect(text, None, article_date)
    }

    /// Like [`find_all`](Self::find_all) on an original text, so evidence
    /// quotes the original spelling rather than the normalised one.
    pub fn find_in(&self, original: &str, article_date: Option<NaiveDate>) -> DateFinds {
        self.collect(&NormText::new(original), Some(original), article_date)
    }

    /// Like [`find_all`](Self::find_all), with evidence quoting `original`,
    /// the text `text` was normalised from.
    pub fn find_quoting(
        &self,
        text: &NormText,
        original: &str,
        article_date: Option<NaiveDate>,
    ) -> DateFinds {
        self.collect(text, Some(original), article_date)
    }

    /// Raw expressions of a normalised string (normalised byte offsets).
    pub(crate) fn scan(&self, norm: &str) -> Vec<Cand> {
        self.scan_tokens(norm, &tokenize(norm))
    }

    /// [`scan`](Self::scan) of `norm` already split into `toks`.
    pub(crate) fn scan_tokens(&self, norm: &str, toks: &[lexicon::Tok]) -> Vec<Cand> {
        Parser::new(toks, norm, &self.lex).scan()
    }

    fn collect(
        &self,
        text: &NormText,
        original: Option<&str>,
        article_date: Option<NaiveDate>,
    ) -> DateFinds {
        let mut out = DateFinds::default();
        for c in self.scan(&text.text) {
            let span = text.to_orig(c.start, c.end);
            let words = match original {
                Some(o) => span.slice(o),
                None => text.text.get(c.start..c.end).unwrap_or(""),
            }
            .to_string();
            match c.what {
                What::Fixed {
                    start,
                    end,
                    grain,
                    how,
                } => out.hits.push(DateHit {
                    span,
                    value: DateSpan {
                        start,
                        end,
                        grain,
                        basis: DateBasis::Explicit,
                        evidence: {
                            let mut e = String::with_capacity(words.len() + 64);
                            let _ = write!(e, "«{words}» = {how}");
                            e.into()
                        },
                    },
                }),
                What::Rel(relative) => match article_date {
                    Some(a) => {
                        if let Some(value) = rel_span(&words, &relative, a) {
                            out.hits.push(DateHit { span, value });
                        }
                    }
                    None => out.unresolved.push(Unresolved {
                        span,
                        words,
                        relative,
                    }),
                },
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn finder_is_shareable() {
        assert_send_sync::<DateFinder>();
    }

    #[test]
    fn spans_are_the_original_words() {
        let orig = "وصلوا في العامِ ٢٠١٦ ثم خلال اليومين الماضيين.";
        let a = NaiveDate::from_ymd_opt(2017, 6, 29);
        let found = DateFinder::builtin().find_in(orig, a);
        let words: Vec<&str> = found.hits.iter().map(|h| h.span.slice(orig)).collect();
        assert_eq!(words, ["العامِ ٢٠١٦", "خلال اليومين الماضيين"]);
        assert!(found.hits[1]
            .value
            .evidence
            .starts_with("«خلال اليومين الماضيين» = the 2 days before"));
    }

    #[test]
    fn relative_without_article_date_is_unresolved() {
        let found = DateFinder::builtin().find_in("قتل أمس ثلاثة", None);
        assert!(found.hits.is_empty());
        let u = &found.unresolved[0];
        assert_eq!(u.words, "أمس");
        let d = u
            .resolve(NaiveDate::from_ymd_opt(2016, 3, 1).unwrap())
            .unwrap();
        assert_eq!(d.start, NaiveDate::from_ymd_opt(2016, 2, 29).unwrap());
        assert_eq!(d.basis, DateBasis::Relative);
    }
}
