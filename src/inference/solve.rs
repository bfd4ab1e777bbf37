//! Combining pieces of evidence, each a set of date intervals the article
//! may fall in, into one range: strongest first, each narrowing what the
//! stronger ones left, and a piece that contradicts them set aside.

use chrono::NaiveDate;

/// Days `[lo, hi]`, either end open (`None`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Iv {
    pub lo: Option<NaiveDate>,
    pub hi: Option<NaiveDate>,
}

impl Iv {
    pub const ALL: Iv = Iv { lo: None, hi: None };

    pub fn new(lo: NaiveDate, hi: NaiveDate) -> Self {
        Iv {
            lo: Some(lo),
            hi: Some(hi),
        }
    }

    pub fn from(lo: NaiveDate) -> Self {
        Iv {
            lo: Some(lo),
            hi: None,
        }
    }

    pub fn until(hi: NaiveDate) -> Self {
        Iv {
            lo: None,
            hi: Some(hi),
        }
    }

    pub fn intersect(self, o: Iv) -> Option<Iv> {
        let lo = match (self.lo, o.lo) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let hi = match (self.hi, o.hi) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (lo, hi) {
            (Some(l), Some(h)) if l > h => None,
            _ => Some(Iv { lo, hi }),
        }
    }

    /// Days covered minus one; `None` when open.
    pub fn width(&self) -> Option<i64> {
        Some((self.hi? - self.lo?).num_days())
    }
}

/// How much a kind of evidence is trusted; stronger evidence is applied first
/// and wins a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Articles discuss recent events (the default upper bound).
    Recency,
    /// A name in use during a period: names linger, so this is weak.
    Era,
    /// A relative phrase a sentence away from a dated thing.
    Nearby,
    /// A day and month with its weekday, without a year.
    Weekday,
    /// A dated thing named: the article is from its start or later (or, if
    /// awaited, before it).
    Named,
    /// A relative phrase next to a dated thing, or an event said to be under way.
    Near,
    /// An event said to be beginning or just over.
    Pin,
}

/// One piece of evidence: the article falls in one of `alts`.
#[derive(Clone, Debug)]
pub(crate) struct Constraint {
    pub alts: Vec<Iv>,
    pub strength: Strength,
    pub why: String,
}

impl Constraint {
    pub fn one(iv: Iv, strength: Strength, why: impl Into<String>) -> Self {
        Self {
            alts: vec![iv],
            strength,
            why: why.into(),
        }
    }

    /// The span from the earliest alternative's start to the latest's end.
    fn hull(&self) -> Iv {
        hull(&self.alts)
    }

    /// Order of application: strongest, then unambiguous (one alternative)
    /// before ambiguous so the latter are resolved by the former, then
    /// tightest, then latest start (so of several "from X" only the binding
    /// one narrows).
    fn order_key(
        &self,
    ) -> (
        std::cmp::Reverse<Strength>,
        usize,
        i64,
        std::cmp::Reverse<Option<NaiveDate>>,
    ) {
        let h = self.hull();
        (
            std::cmp::Reverse(self.strength),
            self.alts.len(),
            h.width().unwrap_or(i64::MAX),
            std::cmp::Reverse(h.lo),
        )
    }
}

pub(crate) fn hull(ivs: &[Iv]) -> Iv {
    let mut it = ivs.iter();
    let Some(first) = it.next() else {
        return Iv::ALL;
    };
    it.fold(*first, |acc, iv| Iv {
        lo: match (acc.lo, iv.lo) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        },
        hi: match (acc.hi, iv.hi) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        },
    })
}

/// Sort and merge overlapping intervals.
fn merge(mut ivs: Vec<Iv>) -> Vec<Iv> {
    ivs.sort_by_key(|iv| iv.lo);
    let mut out: Vec<Iv> = Vec::new();
    for iv in ivs {
        match out.last_mut() {
            Some(last) if overlaps_or_touches(*last, iv) => {
                last.hi = match (last.hi, iv.hi) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => out.push(iv),
        }
    }
    out
}

fn overlaps_or_touches(a: Iv, b: Iv) -> bool {
    match (a.hi, b.lo) {
        (Some(h), Some(l)) => l <= h.succ_opt().unwrap_or(h),
        _ => true,
    }
}

/// What the solver made of the evidence so far.
#[derive(Clone, Debug)]
pub(crate) struct State {
    /// The article falls in one of these (disjoint, sorted).
    pub set: Vec<Iv>,
    /// Why, for each accepted piece worth reporting.
    pub evidence: Vec<String>,
    /// Pieces that contradicted stronger ones.
    pub ignored: Vec<String>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            set: vec![Iv::ALL],
            evidence: Vec::new(),
            ignored: Vec::new(),
        }
    }
}

impl State {
    pub fn hull(&self) -> Iv {
        hull(&self.set)
    }

    /// Narrow by one constraint, or set it aside if it contradicts.
    /// Returns whether it was accepted.
    pub fn apply(&mut self, c: &Constraint) -> bool {
        let mut out = Vec::new();
        for a in &self.set {
            for b in &c.alts {
                if let Some(i) = a.intersect(*b) {
                    out.push(i);
                }
            }
        }
        if out.is_empty() {
            self.ignored.push(c.why.clone());
            return false;
        }
        let out = merge(out);
        let narrowed = out != self.set;
        // A "from X" that changes nothing is implied by what is already
        // listed; the rest (eras included: weak, but telling) corroborates.
        if narrowed || c.strength >= Strength::Near || c.strength == Strength::Era {
            self.evidence.push(c.why.clone());
        }
        self.set = out;
        true
    }

    /// Apply constraints in order of trust (see [`Constraint::order_key`]).
    pub fn apply_all(&mut self, mut cs: Vec<Constraint>) {
        cs.sort_by_key(|c| c.order_key());
        let mut seen: Vec<String> = Vec::new();
        for c in cs {
            if seen.contains(&c.why) {
                continue;
            }
            seen.push(c.why.clone());
            self.apply(&c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn stronger_wins_and_conflicts_are_set_aside() {
        let mut s = State::default();
        s.apply_all(vec![
            Constraint::one(Iv::from(d(2016, 1, 1)), Strength::Named, "2016"),
            Constraint::one(
                Iv::new(d(2015, 9, 30), d(2015, 10, 30)),
                Strength::Pin,
                "pin",
            ),
            Constraint::one(Iv::from(d(2014, 6, 10)), Strength::Named, "mosul"),
        ]);
        assert_eq!(s.set, vec![Iv::new(d(2015, 9, 30), d(2015, 10, 30))]);
        assert_eq!(s.evidence, vec!["pin"]);
        assert_eq!(s.ignored, vec!["2016"]);
    }

    #[test]
    fn ambiguous_evidence_is_resolved_by_the_rest() {
        let mut s = State::default();
        let battle = Constraint {
            alts: vec![
                Iv::new(d(2013, 3, 2), d(2013, 4, 1)),
                Iv::new(d(2017, 6, 6), d(2017, 7, 6)),
            ],
            strength: Strength::Pin,
            why: "battle".into(),
        };
        s.apply_all(vec![
            battle,
            Constraint::one(Iv::from(d(2015, 10, 10)), Strength::Named, "sdf"),
        ]);
        // The pin keeps both alternatives; the weaker «from 2015-10-10»
        // then removes the 2013 one.
        assert_eq!(s.set, vec![Iv::new(d(2017, 6, 6), d(2017, 7, 6))]);
        assert_eq!(s.evidence, vec!["battle", "sdf"]);
    }
}
