//! Dates that need the article's date: «أمس», «الأسبوع الماضي», «قبل
//! يومين», «الأربعاء الماضي», «في حزيران», «10 تموز» without a year.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::calendar::{
    add_days, add_months, gregorian_to_hijri, hijri_en, hijri_month_span, hijri_to_gregorian,
    month_en, month_span, part_en, part_of, weekday_near, years_matching_weekday, Iso, Mode,
};
use super::grammar::{Cand, How, LexId, Parser, What};
use super::lexicon::{Count, Part, RelUnit, Tk, Unit, WordVal};
use crate::model::Grain;

/// What a relative expression means, independent of any article date, so a
/// later step can resolve it against an inferred date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relative {
    /// The days `[anchor + from, anchor + to]`.
    Days { from: i64, to: i64, grain: Grain },
    /// Calendar months `from..=to` after the anchor's month.
    Months { from: i32, to: i32, grain: Grain },
    /// Calendar years `from..=to` after the anchor's year.
    Years { from: i32, to: i32, grain: Grain },
    /// A named Gregorian month without a year.
    Month { month: u32, mode: Mode },
    /// A day and month without a year, maybe through `until` (month, day),
    /// maybe with its weekday («الأحد 10 تموز»).
    Day {
        month: u32,
        day: u32,
        until: Option<(u32, u32)>,
        weekday: Option<Weekday>,
    },
    /// Day `day` (through `until`) of the month `month` months after the
    /// anchor's («في 7 من الشهر الجاري»).
    DayOf {
        day: u32,
        until: Option<u32>,
        month: i32,
    },
    /// A Hijri month without a year: the most recent one not after the anchor.
    HijriMonth { month: u32 },
    /// A Hijri day and month without a year.
    HijriDay { month: u32, day: u32 },
    /// A weekday («الخميس», «الأربعاء الماضي»).
    Weekday { weekday: Weekday, mode: Mode },
    /// A third of a relative month or year («مطلع العام الماضي»).
    Part { part: Part, of: Box<Relative> },
}

/// A day-and-month with no year may be announced ahead: a date up to this
/// many days after the article stays in the article's year; later ones are
/// read as last year's.
const FUTURE_TOLERANCE_DAYS: i64 = 31;

/// The English name of a weekday, for evidence strings.
pub(crate) fn weekday_en(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// «the month before that of the article date …»
fn offset_en(n: i64, unit: &str, base: &str) -> String {
    match n {
        0 => format!("the {unit} of {base}"),
        -1 => format!("the {unit} before that of {base}"),
        1 => format!("the {unit} after that of {base}"),
        n if n < 0 => format!("{} {unit}s before that of {base}", -n),
        n => format!("{n} {unit}s after that of {base}"),
    }
}

impl Relative {
    /// The span this means for an article dated `a`: (start, end, grain).
    pub fn resolve(&self, a: NaiveDate) -> Option<(NaiveDate, NaiveDate, Grain)> {
        match self {
            Self::Days { from, to, grain } => {
                Some((add_days(a, *from)?, add_days(a, *to)?, *grain))
            }
            Self::Months { from, to, grain } => {
                let (y1, m1) = add_months(a.year(), a.month(), *from);
                let (y2, m2) = add_months(a.year(), a.month(), *to);
                Some((month_span(y1, m1)?.0, month_span(y2, m2)?.1, *grain))
            }
            Self::Years { from, to, grain } => Some((
                NaiveDate::from_ymd_opt(a.year() + from, 1, 1)?,
                NaiveDate::from_ymd_opt(a.year() + to, 12, 31)?,
                *grain,
            )),
            Self::Month { month, mode } => {
                let y = a.year();
                let y = match mode {
                    Mode::Latest => y - i32::from(*month > a.month()),
                    Mode::Before => y - i32::from(*month >= a.month()),
                    Mode::After => y + i32::from(*month <= a.month()),
                };
                let (s, e) = month_span(y, *month)?;
                Some((s, e, Grain::Month))
            }
            Self::Day {
                month,
                day,
                until,
                weekday,
            } => {
                let y = a.year();
                let by_weekday = weekday.and_then(|w| {
                    years_matching_weekday(w, *day, *month, y - 1..=y + 1)
                        .into_iter()
                        .min_by_key(|&yy| {
                            NaiveDate::from_ymd_opt(yy, *month, *day)
                                .map(|d| (d - a).num_days().abs())
                        })
                });
                let y = by_weekday.unwrap_or_else(|| {
                    let this = NaiveDate::from_ymd_opt(y, *month, *day);
                    match this.and_then(|d| add_days(a, FUTURE_TOLERANCE_DAYS).map(|lim| d > lim)) {
                        Some(false) => y,
                        _ => y - 1,
                    }
                });
                let start = NaiveDate::from_ymd_opt(y, *month, *day)?;
                match until {
                    None => Some((start, start, Grain::Day)),
                    Some((m2, d2)) => {
                        let y2 = if *m2 < *month { y + 1 } else { y };
                        let end = NaiveDate::from_ymd_opt(y2, *m2, *d2)?;
                        (end >= start).then_some((start, end, Grain::Range))
                    }
                }
            }
            Self::DayOf { day, until, month } => {
                let (y, m) = add_months(a.year(), a.month(), *month);
                let start = NaiveDate::from_ymd_opt(y, m, *day)?;
                match until {
                    None => Some((start, start, Grain::Day)),
                    Some(d2) => Some((start, NaiveDate::from_ymd_opt(y, m, *d2)?, Grain::Range)),
                }
            }
            Self::HijriMonth { month } => {
                let (hy, hm, _) = gregorian_to_hijri(a)?;
                let hy = hy - i32::from(*month > hm);
                let (s, e) = hijri_month_span(hy, *month)?;
                Some((s, e, Grain::Month))
            }
            Self::HijriDay { month, day } => {
                let (hy, _, _) = gregorian_to_hijri(a)?;
                let lim = add_days(a, FUTURE_TOLERANCE_DAYS)?;
                let d = hijri_to_gregorian(hy, *month, *day).filter(|d| *d <= lim);
                let d = d.or_else(|| hijri_to_gregorian(hy - 1, *month, *day))?;
                Some((d, d, Grain::Day))
            }
            Self::Weekday { weekday, mode } => {
                let d = weekday_near(a, *weekday, *mode)?;
                Some((d, d, Grain::Day))
            }
            Self::Part { part, of } => {
                let (s, e, _) = of.resolve(a)?;
                let (s, e) = part_of(s, e, *part)?;
                Some((s, e, Grain::Range))
            }
        }
    }

    /// English meaning for an article dated `a`, for evidence strings.
    pub fn describe(&self, a: NaiveDate) -> String {
        let mut base = String::with_capacity(64);
        base.push_str("the article date ");
        Iso(a).push_to(&mut base);
        match self {
            Self::Days { from, to, .. } if from == to => match from {
                0 => base,
                -1 => format!("the day before {base}"),
                1 => format!("the day after {base}"),
                n if *n < 0 => format!("{} days before {base}", -n),
                n => format!("{n} days after {base}"),
            },
            Self::Days { from, to: 0, .. } if *from < 0 => {
                format!("the {} days before {base}", -from)
            }
            Self::Days { from, to, .. } if *to < 0 => {
                format!("{} to {} days before {base}", -to, -from)
            }
            Self::Days { from, to, .. } => format!("days {from} to {to} from {base}"),
            Self::Months { from, to, .. } if from == to => {
                offset_en(i64::from(*from), "month", &base)
            }
            Self::Months { from, to, .. } => {
                format!("the months {from} to {to} from that of {base}")
            }
            Self::Years { from, to, .. } if from == to => {
                offset_en(i64::from(*from), "year", &base)
            }
            Self::Years { from, to, .. } => format!("the years {from} to {to} from that of {base}"),
            Self::Month { month, mode } => {
                let m = month_en(*month);
                match mode {
                    Mode::Latest => format!("the most recent {m} not after {base}"),
                    Mode::Before => format!("the last {m} before the month of {base}"),
                    Mode::After => format!("the next {m} after the month of {base}"),
                }
            }
            Self::Day {
                month,
                day,
                until,
                weekday,
            } => {
                let to = until.map_or(String::new(), |(m, d)| format!(" to {d} {}", month_en(m)));
                let wd = weekday.map_or(String::new(), |w| {
                    format!(", the year where it is a {}", weekday_en(w))
                });
                format!("{day} {}{to} in the year of {base}{wd}", month_en(*month))
            }
            Self::DayOf { day, until, month } => {
                let to = until.map_or(String::new(), |d| format!(" to {d}"));
                format!(
                    "day {day}{to} of {}",
                    offset_en(i64::from(*month), "month", &base)
                )
            }
            Self::HijriMonth { month } => {
                format!("the most recent {} not after {base}", hijri_en(*month))
            }
            Self::HijriDay { month, day } => {
                format!("{day} {} in the Hijri year of {base}", hijri_en(*month))
            }
            Self::Weekday { weekday, mode } => {
                let w = weekday_en(*weekday);
                match mode {
                    Mode::Latest => format!("the most recent {w} on or before {base}"),
                    Mode::Before => format!("the {w} before {base}"),
                    Mode::After => format!("the {w} after {base}"),
                }
            }
            Self::Part { part, of } => format!("{} of {}", part_en(*part), of.describe(a)),
        }
    }
}

/// After «اليوم/الليلة» these make it another day («اليوم التالي», «في اليوم نفسه»).
const NOT_TODAY_AFTER: [&str; 16] = [
    "التالي",
    "السابق",
    "نفسه",
    "ذاته",
    "عينه",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "الاخير",
    "الذي",
    "الموعود",
    "المحدد",
    "الوطني",
    "العالمي",
];
/// Before «اليوم/الليلة»: «ذلك اليوم», «تلك الليلة», «نفس اليوم».
const NOT_TODAY_BEFORE: [&str; 5] = ["ذلك", "تلك", "نفس", "ذات", "ذلكم"];
/// Before a weekday: a habitual weekday, not a date («صلاة الجمعة», «كل خميس»).
const GENERIC_WEEKDAY_BEFORE: [&str; 6] = ["صلاه", "خطبه", "ايام", "كل", "يومي", "عطله"];
/// Approximation words between «قبل/منذ» and a count.
const APPROX: [&str; 5] = ["نحو", "حوالي", "قرابه", "زهاء", "اكثر"];
/// Words that close «خلال الأيام الثلاثة …» as a span ending at the article date.
const LAST_WORDS: [&str; 4] = ["الاخيره", "الاخير", "الاخيرين", "الماضيين"];

impl Parser<'_> {
    fn tod_or_during(&self, j: usize) -> Option<(usize, usize)> {
        // Three parsers ask this at every token they try: asked once.
        let memo = self.tod_memo.get(j)?;
        if let Some(known) = memo.get() {
            return known;
        }
        let found = self
            .wordval(j, |v| {
                matches!(v, WordVal::Tod | WordVal::During).then_some(())
            })
            .map(|f| (f.start, f.end));
        memo.set(Some(found));
        found
    }

    /// «الخميس», «يوم الأربعاء الماضي», «الخميس 29/يونيو/2017», «الأحد 10 تموز».
    pub(crate) fn weekday(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut start = None;
        if let Some((s, e)) = self.tod_or_during(j) {
            start = Some(s);
            j = e;
        }
        let yawm = self.core(j, "يوم");
        if let Some(s) = yawm {
            start.get_or_insert(s);
            j += 1;
        }
        let wd = self.wordval(j, |v| match v {
            WordVal::Weekday(w, strict) => Some((*w, *strict)),
            _ => None,
        })?;
        let (weekday, strict) = wd.val;
        // «الأحد عشر» is "the eleven", not Sunday.
        if (i > 0 && self.core_in(i - 1, &GENERIC_WEEKDAY_BEFORE)) || self.is_word(wd.end, "عشر")
        {
            return None;
        }
        let start = start.unwrap_or(wd.start);
        let k = match self.punct(wd.end) {
            Some(',' | '،' | '-' | '–') => wd.end + 1,
            _ => wd.end,
        };
        // With a date, the date wins; a date without a year takes the
        // weekday's help to find it.
        let dated = self
            .numeric(k)
            .or_else(|| self.written_at(k, false).map(|(c, _)| c));
        if let Some(c) = dated {
            let what = match c.what {
                What::Fixed {
                    start: s,
                    end: e,
                    grain: Grain::Day,
                    how,
                } => What::Fixed {
                    start: s,
                    end: e,
                    grain: Grain::Day,
                    how: How::Weekday(weekday, Box::new(how)),
                },
                What::Rel(Relative::Day {
                    month,
                    day,
                    until: None,
                    ..
                }) => What::Rel(Relative::Day {
                    month,
                    day,
                    until: None,
                    weekday: Some(weekday),
                }),
                _ => return None,
            };
            return Some(self.cand(start, c.end_tok, what));
        }
        let modifier = self.wordval(wd.end, |v| match v {
            WordVal::Past => Some(Mode::Before),
            WordVal::Next => Some(Mode::After),
            _ => None,
        });
        let (mode, end_tok) = match modifier {
            Some(m) => (m.val, m.end),
            // «الاثنين» is also «the two»: alone it needs «يوم».
            None if strict && yawm.is_none() => return None,
            None => (Mode::Latest, wd.end),
        };
        Some(self.cand(
            start,
            end_tok,
            What::Rel(Relative::Weekday { weekday, mode }),
        ))
    }

    /// A fixed phrase of `assets/relative.tsv`, after an optional «خلال» or
    /// time of day («صباح اليوم», «خلال اليومين الماضيين»).
    pub(crate) fn relative(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut start = None;
        if let Some((s, e)) = self.tod_or_during(j) {
            start = Some(s);
            j = e;
        }
        let r = self.find(LexId::Relative, &self.lex.relative, j, |e| Some(*e))?;
        if r.end == j + 1 {
            let w = self.word(j).unwrap_or("");
            let core = w.trim_start_matches(['و', 'ف', 'ب', 'ل']);
            if (core.ends_with("يوم") || core.ends_with("ليله"))
                && (self.core_in(r.end, &NOT_TODAY_AFTER)
                    || (j > 0 && self.core_in(j - 1, &NOT_TODAY_BEFORE)))
            {
                return None;
            }
            // «غدا» is also the verb "became" («غدا التنظيم …»).
            if w.ends_with("غدا")
                && self.word(r.end).is_some_and(|n| n.starts_with("ال"))
                && self
                    .wordval(r.end, |v| matches!(v, WordVal::Weekday(..)).then_some(()))
                    .is_none()
            {
                return None;
            }
        }
        let e = r.val;
        let (from, to, grain) = (e.from, e.to, e.grain);
        let rel = match e.unit {
            RelUnit::Day => Relative::Days {
                from: i64::from(from),
                to: i64::from(to),
                grain,
            },
            RelUnit::Month => Relative::Months { from, to, grain },
            RelUnit::Year => Relative::Years { from, to, grain },
        };
        Some(self.cand(start.unwrap_or(r.start), r.end, What::Rel(rel)))
    }

    /// A unit word at `k` (optionally without its article «ال»): (unit, count, next token).
    fn unit_at(&self, k: usize, strip_al: bool) -> Option<(Unit, Count, usize)> {
        if let Some(f) = self.wordval(k, |v| match v {
            WordVal::Unit(u, c) => Some((*u, *c)),
            _ => None,
        }) {
            return Some((f.val.0, f.val.1, f.end));
        }
        let w = self.word(k)?.strip_prefix("ال").filter(|_| strip_al)?;
        self.lex.words.single(w).find_map(|v| match v {
            WordVal::Unit(u, c) => Some((*u, *c, k + 1)),
            _ => None,
        })
    }

    /// A number word at `k`, maybe with «ال» («الثلاثة»).
    fn number_word(&self, k: usize) -> Option<(Count, usize)> {
        let pick = |v: &WordVal| match v {
            WordVal::Number(c) => Some(*c),
            _ => None,
        };
        if let Some(f) = self.wordval(k, pick) {
            return Some((f.val, f.end));
        }
        let w = self.word(k)?.strip_prefix("ال")?;
        self.lex.words.single(w).find_map(pick).map(|c| (c, k + 1))
    }

    /// «قبل يومين», «منذ ثلاثة أيام», «قبل 3 أسابيع», «قبل شهر», «منذ عامين».
    pub(crate) fn counted(&self, i: usize) -> Option<Cand> {
        let start = self.core(i, "قبل").or_else(|| self.core(i, "منذ"))?;
        let mut j = i + 1;
        if self.core_in(j, &APPROX) {
            j += if self.is_word(j + 1, "من") { 2 } else { 1 };
        }
        let (count, unit, end) = if let Some((n, digits)) = self.num(j) {
            let (u, _, e) = self.unit_at(j + 1, false)?;
            if digits > 3 || n == 0 {
                return None;
            }
            (Count::N(n), u, e)
        } else if let Some((c, k)) = self.number_word(j) {
            let (u, _, e) = self.unit_at(k, false)?;
            (c, u, e)
        } else {
            let (u, c, e) = self.unit_at(j, false)?;
            if c == Count::Plural {
                return None; // «قبل أيام» is a fixed phrase of relative.tsv
            }
            (c, u, e)
        };
        // «قبل أسبوع من الهجوم» counts from another event; «منذ عام 2014» is a year.
        if self.is_word(end, "من") || self.num(end).is_some_and(|(_, d)| d == 4) {
            return None;
        }
        let rel = match count {
            Count::N(n) => {
                let n = i64::from(n);
                match unit {
                    // An article's "N hours ago" mostly falls on its own day.
                    Unit::Hour if n <= 12 => Relative::Days {
                        from: 0,
                        to: 0,
                        grain: Grain::Day,
                    },
                    Unit::Hour => Relative::Days {
                        from: -(n + 23) / 24,
                        to: 0,
                        grain: Grain::Range,
                    },
                    Unit::Day => Relative::Days {
                        from: -n,
                        to: -n,
                        grain: Grain::Day,
                    },
                    // "A week ago" is vague by a few days either way.
                    Unit::Week => Relative::Days {
                        from: -7 * n - 3,
                        to: -7 * n + 3,
                        grain: Grain::Week,
                    },
                    Unit::Month => Relative::Months {
                        from: -(n as i32),
                        to: -(n as i32),
                        grain: Grain::Month,
                    },
                    Unit::Year => Relative::Years {
                        from: -(n as i32),
                        to: -(n as i32),
                        grain: Grain::Year,
                    },
                }
            }
            // «بضعة»: three to nine units back.
            _ => match unit {
                Unit::Hour => Relative::Days {
                    from: -1,
                    to: 0,
                    grain: Grain::Range,
                },
                Unit::Day => Relative::Days {
                    from: -9,
                    to: -3,
                    grain: Grain::Range,
                },
                Unit::Week => Relative::Days {
                    from: -63,
                    to: -21,
                    grain: Grain::Range,
                },
                Unit::Month => Relative::Months {
                    from: -9,
                    to: -3,
                    grain: Grain::Range,
                },
                Unit::Year => Relative::Years {
                    from: -9,
                    to: -3,
                    grain: Grain::Range,
                },
            },
        };
        Some(self.cand(start, end, What::Rel(rel)))
    }

    /// «خلال الأيام الثلاثة الماضية», «خلال الـ24 ساعة الماضية»: the span
    /// ending on the article date.
    pub(crate) fn past_n(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut start = None;
        if let Some((s, e)) = self.tod_or_during(j) {
            start = Some(s);
            j = e;
        }
        let (n, unit, k) = if let Some((u, c, k)) = self
            .word(j)
            .is_some_and(|w| w.starts_with("ال"))
            .then(|| self.unit_at(j, true))
            .flatten()
        {
            match c {
                Count::N(2) => (2, u, k),
                _ => match self.number_word(k) {
                    Some((Count::N(n), k2)) => (n, u, k2),
                    _ => return None,
                },
            }
        } else {
            // «الـ24 ساعة»: the article stuck to the number, or a bare number.
            let j2 = if self.is_word(j, "ال") && self.tight(j + 1) {
                j + 1
            } else {
                j
            };
            let (n, digits) = self.num(j2)?;
            if digits > 3 || n == 0 || self.tok(j2 + 1).is_some_and(|t| t.kind != Tk::Word) {
                return None;
            }
            let (u, _, k) = self.unit_at(j2 + 1, false)?;
            (n, u, k)
        };
        let closes = self
            .wordval(k, |v| (*v == WordVal::Past).then_some(()))
            .map(|f| f.end)
            .or_else(|| self.core_in(k, &LAST_WORDS).then_some(k + 1))?;
        let n = i64::from(n);
        // Months and years as 30 and 365 days: the span is approximate anyway.
        let days = match unit {
            Unit::Hour => (n + 23) / 24,
            Unit::Day => n,
            Unit::Week => 7 * n,
            Unit::Month => 30 * n,
            Unit::Year => 365 * n,
        };
        let rel = Relative::Days {
            from: -days,
            to: 0,
            grain: Grain::Range,
        };
        Some(self.cand(start.unwrap_or(self.start_of(j)), closes, What::Rel(rel)))
    }
}
