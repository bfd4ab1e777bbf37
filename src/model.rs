//! The data model every other module produces or reads. Serialisable, because
//! the JSON export is a contract other tools read (see README "Export").

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Byte offsets `[start, end)` into an article's decoded text.
/// Serialised as `[start, end]` (the export contract).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The slice of `text` this span covers, or "" if it is not a valid
    /// char-boundary range of `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<[usize; 2]> for ByteSpan {
    fn from(v: [usize; 2]) -> Self {
        Self::new(v[0], v[1])
    }
}

impl From<ByteSpan> for [usize; 2] {
    fn from(s: ByteSpan) -> Self {
        [s.start, s.end]
    }
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Day,
    Week,
    Month,
    Year,
    Range,
}

/// Where a date came from, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// Written in the text as a calendar date, month or year.
    Explicit,
    /// A relative phrase («أمس», «الأربعاء الماضي») resolved against the article's date.
    Relative,
    /// No date of its own: the event inherits its article's date.
    Article,
    /// Estimated from indirect evidence.
    Inferred,
    /// Set by the user.
    User,
}

/// A date as an inclusive span of days, with its precision, origin and the
/// words that say so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
    pub grain: Grain,
    pub basis: DateBasis,
    /// Shared: every event dated by its article's date, or by the same
    /// mention, holds the same words.
    pub evidence: Arc<str>,
}

impl DateSpan {
    pub fn day(d: NaiveDate, basis: DateBasis, evidence: impl Into<Arc<str>>) -> Self {
        Self {
            start: d,
            end: d,
            grain: Grain::Day,
            basis,
            evidence: evidence.into(),
        }
    }

    pub fn with_basis(mut self, basis: DateBasis, evidence: impl Into<Arc<str>>) -> Self {
        self.basis = basis;
        self.evidence = evidence.into();
        self
    }

    /// The middle day, for sorting and plotting.
    pub fn mid(&self) -> NaiveDate {
        let days = (self.end - self.start).num_days() / 2;
        self.start + chrono::Duration::days(days)
    }
}

/// Stable identifier of a gazetteer entry (a slug such as `raqqa`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlaceId(pub Arc<str>);

impl PlaceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PlaceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type ArticleId = usize;
pub type EventId = usize;
