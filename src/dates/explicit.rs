//! Dates written out in the text: numeric dates, day–month–year with month
//! names of every regional set, months, years, Hijri dates, ranges, thirds
//! («مطلع/منتصف/أواخر») and seasons.

use chrono::NaiveDate;

use super::calendar::{
    hijri_month_span, hijri_to_gregorian, hijri_year_span, month_span, part_of, year_span, Mode,
};
use super::grammar::{Cand, How, LexId, Parser, What};
use super::lexicon::{Cue, RelUnit, Season, Tk, WordVal};
use super::relative::Relative;
use crate::model::Grain;

/// Gregorian years accepted next to a month name or in a numeric date.
const GREG_YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;
/// Bare years after a weak cue («في 2015»): the brief's conservative window
/// of modern news, so «في 2000 غارة» is rarer to misread.
const BARE_YEARS: std::ops::RangeInclusive<u32> = 1950..=2035;
/// Hijri years of the modern era (1300 AH = 1882 CE, 1500 AH = 2077 CE).
const HIJRI_YEARS: std::ops::RangeInclusive<u32> = 1300..=1500;
/// A year range longer than this is not a span of events («1900 و2000» are counts).
const MAX_YEAR_RANGE: u32 = 50;

/// Words after which a weakly cued bare year may stand: the year ends the
/// clause or a new clause starts, so the number is not counting a noun.
const AFTER_WEAK_YEAR: [&str; 7] = ["حين", "عندما", "بعدما", "حيث", "اذ", "ثم", "وذلك"];

/// Places named after a date («حي 8 آذار», «ساحة 7 نيسان»): the date is a name.
const NAMED_AFTER: [&str; 9] = [
    "حي",
    "شارع",
    "ساحه",
    "ميدان",
    "جسر",
    "دوار",
    "مدرسه",
    "مشفي",
    "مستشفي",
];

/// Words before which a year word is no date: «منذ 2000 عام» counts years.
fn is_unit_word(p: &Parser<'_>, i: usize) -> bool {
    p.wordval(i, |v| matches!(v, WordVal::Unit(..)).then_some(()))
        .is_some()
}

/// A year found after a month name or a cue.
struct YearHit {
    year: i32,
    hijri: bool,
    /// Normalised start byte of the span (cue included when it is a year word).
    start: usize,
    end_tok: usize,
}

impl Parser<'_> {
    /// Token `i` is part of a longer chain of numbers (phone, version, IP).
    fn chained(&self, i: usize, before: bool) -> bool {
        let seps = |c: Option<char>| matches!(c, Some('/' | '-' | '.' | ':'));
        if before {
            i >= 2
                && self.tight(i)
                && seps(self.punct(i - 1))
                && self.tight(i - 1)
                && self.num(i - 2).is_some()
        } else {
            seps(self.punct(i)) && self.tight(i) && self.tight(i + 1) && self.num(i + 1).is_some()
        }
    }

    /// «29/6/2017», «29-6-2017», «2017-06-29», «29.06.2017», «1436/9/15 هـ».
    pub(crate) fn numeric(&self, i: usize) -> Option<Cand> {
        let (a, da) = self.num(i)?;
        let sep = self.punct(i + 1).filter(|c| matches!(c, '/' | '-' | '.'))?;
        if !(1..=4).all(|k| self.tight(i + k)) || self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (b, db) = self.num(i + 2)?;
        let (c, dc) = self.num(i + 4)?;
        if self.chained(i, true) || self.chained(i + 5, false) {
            return None;
        }
        // Year first (ISO style) or day first (the Arab press): never month first.
        let (y, m, d) = match (da, db, dc) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        let start = self.start_of(i);
        let after = self.era(i + 5, true);
        if HIJRI_YEARS.contains(&y) && after > i + 5 {
            let g = hijri_to_gregorian(y as i32, m, d)?;
            let how = How::HijriDay {
                day: d,
                month: m,
                year: y as i32,
                greg: g,
            };
            return Some(self.fixed(start, after, (g, g), Grain::Day, how));
        }
        if !GREG_YEARS.contains(&y) {
            return None;
        }
        let g = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        let end = self.era(i + 5, false);
        Some(self.fixed(start, end, (g, g), Grain::Day, How::Day(g)))
    }

    /// A 4-digit year in the right calendar at token `k`, with its era word.
    fn year_num(&self, k: usize, hijri: bool) -> Option<(i32, usize)> {
        let (y, digits) = self.num(k)?;
        let ok = digits == 4
            && if hijri {
                HIJRI_YEARS.contains(&y)
            } else {
                GREG_YEARS.contains(&y)
            };
        ok.then(|| (y as i32, self.era(k + 1, hijri)))
    }

    /// The year after a month name: «2017», «عام 2017», «من العام 2016».
    fn year_after_month(&self, k: usize, hijri: bool) -> Option<(i32, usize)> {
        if let Some(y) = self.year_num(k, hijri) {
            return Some(y);
        }
        let k = if self.is_word(k, "من") { k + 1 } else { k };
        let cue = self.wordval(k, |v| (*v == WordVal::Cue(Cue::Strong)).then_some(()))?;
        self.year_num(cue.end, hijri)
    }

    /// A day written before a month: «29 حزيران», «3 من آذار», «الأول من أيار»,
    /// ranges «3 و5 آذار», «من 3 إلى 5 آذار», «بين 28 شباط و3 آذار 2016».
    pub(crate) fn written(&self, i: usize) -> Option<Cand> {
        let lead = self
            .core(i, "بين")
            .map(|s| (s, true))
            .or_else(|| self.core(i, "من").map(|s| (s, false)));
        let Some((lead_start, between)) = lead else {
            return self.written_at(i, false).map(|(c, _)| c);
        };
        // With «بين/من» only a range counts; a plain date is found at i + 1.
        let (mut c, range) = self.written_at(i + 1, between)?;
        range.then(|| {
            c.start = lead_start;
            c
        })
    }

    /// Returns the expression and whether it is a range.
    pub(crate) fn written_at(&self, j: usize, between: bool) -> Option<(Cand, bool)> {
        // The day first: a number or an ordinal is rare, the word before
        // it is not (both checks must pass; this order is the cheap one).
        let ordinal = |v: &WordVal| matches!(v, WordVal::Ordinal(_)).then_some(());
        if self.num(j).is_none() && self.wordval(j, ordinal).is_none() {
            return None;
        }
        if j > 0 && self.core_in(j - 1, &NAMED_AFTER) {
            return None;
        }
        let (d1, mut k, start) = if let Some((v, digits)) = self.num(j) {
            if digits > 2 || !(1..=31).contains(&v) || self.chained(j, true) {
                return None;
            }
            (v, j + 1, self.start_of(j))
        } else {
            let f = self.wordval(j, |v| match v {
                WordVal::Ordinal(n) => Some(*n),
                _ => None,
            })?;
            // An ordinal is a day only in «الأول من أيار»; «الأول من نوعه» is not.
            if !self.is_word(f.end, "من") {
                return None;
            }
            (f.val, f.end, f.start)
        };
        let mut d2 = None;
        if let Some(k2) = self.range_conn(k, true) {
            if let Some((v, digits)) = self.num(k2) {
                if digits <= 2 && v > d1 && v <= 31 {
                    d2 = Some(v);
                    k = k2 + 1;
                }
            }
        }
        if self.is_word(k, "من") {
            k += 1;
            // «في 7 من الشهر الجاري»: a day of a relative month.
            if let Some(c) = self.day_of_relative_month(start, d1, d2, k) {
                return Some((c, d2.is_some()));
            }
        }
        // «29/يونيو/2017»: the month between slashes or dashes.
        let slash = self
            .punct(k)
            .filter(|c| matches!(c, '/' | '-') && self.tight(k) && self.tight(k + 1));
        let mon = self.month(if slash.is_some() { k + 1 } else { k })?;
        let (m1, hijri) = (mon.name.month, mon.name.hijri);
        k = mon.end;
        let mut until = d2.map(|d| (m1, d));
        if until.is_none() {
            // «28 شباط - 3 آذار»; «و» joins two dates unless «بين» asked for a range.
            if let Some(k2) = self.range_conn(k, between) {
                if let (Some((v, 1..=2)), Some(m2)) = (self.num(k2), self.month(k2 + 1)) {
                    if m2.name.hijri == hijri && (1..=31).contains(&v) {
                        until = Some((m2.name.month, v));
                        k = m2.end;
                    }
                }
            }
        }
        let year = match slash {
            Some(s) if self.punct(k) == Some(s) && self.tight(k) && self.tight(k + 1) => {
                self.year_num(k + 1, hijri)
            }
            _ => self.year_after_month(k, hijri),
        };
        let range = until.is_some();
        let Some((y, end_tok)) = year else {
            // No year: resolved against the article's date later.
            let rel = if hijri {
                if range {
                    return None;
                }
                Relative::HijriDay { month: m1, day: d1 }
            } else {
                NaiveDate::from_ymd_opt(2016, m1, d1)?; // a day this month can have (leap year)
                Relative::Day {
                    month: m1,
                    day: d1,
                    until,
                    weekday: None,
                }
            };
            return Some((self.cand(start, k, What::Rel(rel)), range));
        };
        let date = |m: u32, d: u32, y: i32| {
            if hijri {
                hijri_to_gregorian(y, m, d)
            } else {
                NaiveDate::from_ymd_opt(y, m, d)
            }
        };
        let first = date(m1, d1, y)?;
        let c = match until {
            None => {
                let how = if hijri {
                    How::HijriDay {
                        day: d1,
                        month: m1,
                        year: y,
                        greg: first,
                    }
                } else {
                    How::Day(first)
                };
                self.fixed(start, end_tok, (first, first), Grain::Day, how)
            }
            Some((m2, dd)) => {
                // A range written across the year end («28 كانون الأول - 3 كانون الثاني 2016»)
                // carries the year of its end.
                let (y1, y2) = if m2 < m1 { (y - 1, y) } else { (y, y) };
                let first = date(m1, d1, y1)?;
                let last = date(m2, dd, y2)?;
                if last < first {
                    return None;
                }
                let how = How::Days {
                    from: (d1, m1),
                    to: (dd, m2),
                    year: y,
                    hijri,
                    span: (first, last),
                };
                self.fixed(start, end_tok, (first, last), Grain::Range, how)
            }
        };
        Some((c, range))
    }

    /// Day `d1` (through `d2`) «من الشهر الماضي/الجاري/المقبل» at token `k`.
    fn day_of_relative_month(
        &self,
        start: usize,
        d1: u32,
        d2: Option<u32>,
        k: usize,
    ) -> Option<Cand> {
        let r = self.find(LexId::Relative, &self.lex.relative, k, |e| {
            (e.unit == RelUnit::Month && e.from == e.to).then_some(e.from)
        })?;
        let rel = Relative::DayOf {
            day: d1,
            until: d2,
            month: r.val,
        };
        Some(self.cand(start, r.end, What::Rel(rel)))
    }

    /// A month first: «حزيران 2017», «شهر آب», «في حزيران», «رمضان 1436 هـ»,
    /// «حزيران الماضي».
    pub(crate) fn month_first(&self, i: usize) -> Option<Cand> {
        self.month_first_at(i, false)
    }

    /// `cued`: a part word precedes, which is as good as «في».
    pub(crate) fn month_first_at(&self, i: usize, cued: bool) -> Option<Cand> {
        let shahr = self.core(i, "شهر");
        let mon = self.month(if shahr.is_some() { i + 1 } else { i })?;
        let start = shahr.unwrap_or(mon.start);
        let (m, hijri) = (mon.name.month, mon.name.hijri);
        if let Some((y, end_tok)) = self.year_after_month(mon.end, hijri) {
            let (span, how) = if hijri {
                let s = hijri_month_span(y, m)?;
                let how = How::HijriMonth {
                    month: m,
                    year: y,
                    span: s,
                };
                (s, how)
            } else {
                (month_span(y, m)?, How::Month { month: m, year: y })
            };
            return Some(self.fixed(start, end_tok, span, Grain::Month, how));
        }
        // «آب» (father), «مارس» (he practised), «رمضان» (a name) need «شهر».
        if mon.name.strict && shahr.is_none() {
            return None;
        }
        let modifier = self.wordval(mon.end, |v| match v {
            WordVal::Past => Some(Mode::Before),
            WordVal::Next => Some(Mode::After),
            _ => None,
        });
        if let (Some(md), false) = (&modifier, hijri) {
            let rel = Relative::Month {
                month: m,
                mode: md.val,
            };
            return Some(self.cand(start, md.end, What::Rel(rel)));
        }
        // A bare month name only after a word of time: «نيسان» alone may be the car maker.
        let cue = cued
            || shahr.is_some()
            || (i > 0 && self.core_in(i - 1, &["في", "خلال", "منذ", "حتي", "مع", "اوائل"]));
        if !cue {
            return None;
        }
        let rel = if hijri {
            Relative::HijriMonth { month: m }
        } else {
            Relative::Month {
                month: m,
                mode: Mode::Latest,
            }
        };
        Some(self.cand(start, mon.end, What::Rel(rel)))
    }

    /// A year after a cue at `j` («العام 2016», «سنة 2014», «منذ 2014»,
    /// «في 2015،», «1436 هـ»). `cued`: a part or season word already precedes.
    fn year_at(&self, j: usize, cued: bool) -> Option<YearHit> {
        let cue = self.wordval(j, |v| match v {
            WordVal::Cue(c) => Some(*c),
            _ => None,
        });
        let (k, strength, cue_start) = match &cue {
            Some(f) if self.num(f.end).is_some() => (f.end, Some(f.val), f.start),
            _ => (j, None, self.start_of(j)),
        };
        let (y, digits) = self.num(k)?;
        if digits != 4 {
            return None;
        }
        let hijri_end = self.era(k + 1, true);
        if HIJRI_YEARS.contains(&y) && hijri_end > k + 1 {
            let start = if strength == Some(Cue::Strong) {
                cue_start
            } else {
                self.start_of(k)
            };
            return Some(YearHit {
                year: y as i32,
                hijri: true,
                start,
                end_tok: hijri_end,
            });
        }
        let ok = match (strength, cued) {
            (Some(Cue::Strong), _) | (None, true) => GREG_YEARS.contains(&y),
            (Some(Cue::Since), _) => BARE_YEARS.contains(&y) && !is_unit_word(self, k + 1),
            (Some(Cue::Weak), _) => {
                BARE_YEARS.contains(&y)
                    && match self.tok(k + 1).map(|t| t.kind) {
                        None | Some(Tk::Punct(_)) => true,
                        Some(Tk::Word) => {
                            (self.is_word(k + 1, "و") && self.num(k + 2).is_some())
                                || self.core_in(k + 1, &AFTER_WEAK_YEAR)
                        }
                        Some(Tk::Num(..)) => false,
                    }
            }
            (None, false) => false,
        };
        if !ok || self.chained(k, true) || self.chained(k + 1, false) {
            return None;
        }
        let start = if strength == Some(Cue::Strong) {
            cue_start
        } else {
            self.start_of(k)
        };
        Some(YearHit {
            year: y as i32,
            hijri: false,
            start,
            end_tok: self.era(k + 1, false),
        })
    }

    /// A year, or a range of years «بين عامي 2014 و2016», «من 2014 إلى 2016».
    pub(crate) fn year(&self, i: usize) -> Option<Cand> {
        let lead = self.core(i, "بين").or_else(|| self.core(i, "من"));
        let j = if lead.is_some() { i + 1 } else { i };
        // «من 2014 إلى 2016»: the range itself is the cue, checked below.
        let y1 = self.year_at(j, false).or_else(|| {
            lead.and(self.year_at(j, true))
                .filter(|y| BARE_YEARS.contains(&(y.year as u32)))
        })?;
        let second = self.range_conn(y1.end_tok, true).and_then(|k| {
            let k = self
                .wordval(k, |v| (*v == WordVal::Cue(Cue::Strong)).then_some(()))
                .map_or(k, |f| f.end);
            let (y2, digits) = self.num(k)?;
            let ok =
                digits == 4 && y2 as i32 > y1.year && y2 as i32 - y1.year <= MAX_YEAR_RANGE as i32;
            (ok && !y1.hijri).then(|| (y2 as i32, self.era(k + 1, false)))
        });
        if let Some((y2, end_tok)) = second {
            let span = (year_span(y1.year)?.0, year_span(y2)?.1);
            let how = How::Years(y1.year, y2);
            return Some(self.fixed(lead.unwrap_or(y1.start), end_tok, span, Grain::Range, how));
        }
        if lead.is_some() {
            return None;
        }
        self.year_cand(&y1)
    }

    fn year_cand(&self, y: &YearHit) -> Option<Cand> {
        if y.hijri {
            let s = hijri_year_span(y.year)?;
            let how = How::HijriYear {
                year: y.year,
                span: s,
            };
            Some(self.fixed(y.start, y.end_tok, s, Grain::Year, how))
        } else {
            let how = How::Year(y.year);
            Some(self.fixed(y.start, y.end_tok, year_span(y.year)?, Grain::Year, how))
        }
    }

    /// «مطلع/منتصف/أواخر» + a year, a month, «هذا العام», «الشهر الماضي» or a
    /// bare «العام/الشهر» (the current one).
    pub(crate) fn part(&self, i: usize) -> Option<Cand> {
        let p = self.wordval(i, |v| match v {
            WordVal::Part(p) => Some(*p),
            _ => None,
        })?;
        let part = p.val;
        let j = p.end;
        let mut inner: Vec<Cand> = Vec::new();
        if let Some(c) = self.year_at(j, true).and_then(|y| self.year_cand(&y)) {
            inner.push(c);
        }
        inner.extend(self.month_first_at(j, true));
        inner.extend(self.relative(j));
        let bare = [("العام", true), ("السنه", true), ("الشهر", false)]
            .into_iter()
            .find(|(w, _)| self.is_word(j, w) && self.num(j + 1).is_none());
        if let Some((_, is_year)) = bare {
            let rel = if is_year {
                Relative::Years {
                    from: 0,
                    to: 0,
                    grain: Grain::Year,
                }
            } else {
                Relative::Months {
                    from: 0,
                    to: 0,
                    grain: Grain::Month,
                }
            };
            inner.push(self.cand(self.start_of(j), j + 1, What::Rel(rel)));
        }
        let best = inner.into_iter().max_by_key(|c| c.end_tok)?;
        let what = match best.what {
            What::Fixed {
                start,
                end,
                grain: Grain::Year | Grain::Month,
                how,
            } => {
                let span = part_of(start, end, part)?;
                let how = How::Part {
                    part,
                    of: Box::new(how),
                    span,
                };
                What::Fixed {
                    start: span.0,
                    end: span.1,
                    grain: Grain::Range,
                    how,
                }
            }
            What::Rel(
                r @ (Relative::Months { .. }
                | Relative::Years { .. }
                | Relative::Month { .. }
                | Relative::HijriMonth { .. }),
            ) => What::Rel(Relative::Part {
                part,
                of: Box::new(r),
            }),
            _ => return None,
        };
        Some(self.cand(p.start, best.end_tok, what))
    }

    /// «صيف 2015», «خريف العام 2016».
    pub(crate) fn season(&self, i: usize) -> Option<Cand> {
        let s = self.wordval(i, |v| match v {
            WordVal::Season(s) => Some(*s),
            _ => None,
        })?;
        let y = self.year_at(s.end, true).filter(|y| !y.hijri)?;
        let (a, b) = match s.val {
            Season::Spring => ((y.year, 3), (y.year, 5)),
            Season::Summer => ((y.year, 6), (y.year, 8)),
            Season::Autumn => ((y.year, 9), (y.year, 11)),
            // «شتاء 2016» is read as the winter that ends in 2016.
            Season::Winter => ((y.year - 1, 12), (y.year, 2)),
        };
        let span = (month_span(a.0, a.1)?.0, month_span(b.0, b.1)?.1);
        let how = How::Season {
            season: s.val,
            year: y.year,
            span,
        };
        Some(self.fixed(s.start, y.end_tok, span, Grain::Range, how))
    }
}
