//! Calendar arithmetic: month and year spans, thirds, weekdays, and Hijri
//! conversion through `icu_calendar` (Umm al-Qura, the calendar of the Arab
//! press and of Saudi Arabia; outside its table icu falls back to the
//! tabular rules).

use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use icu_calendar::cal::Hijri;
use icu_calendar::Date;

use super::lexicon::Part;

pub(crate) const MONTH_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) const HIJRI_EN: [&str; 12] = [
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhira",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qada",
    "Dhu al-Hijja",
];

/// A date written the way chrono writes it («2017-06-29»), straight from
/// its digits: evidence strings name a date or two for every expression
/// found, and chrono's general formatting costs ten times as much.
pub(crate) struct Iso(pub NaiveDate);

impl Iso {
    /// The ten chars of a date of years 0–9999; `None` for the rest.
    fn digits(&self) -> Option<[u8; 10]> {
        let d = self.0;
        let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (m, day) = (d.month(), d.day());
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    /// Append the date to `s`, as `write!(s, "{}", self)` would.
    pub fn push_to(&self, s: &mut String) {
        match self.digits() {
            Some(b) => s.extend(b.iter().map(|&c| char::from(c))),
            None => s.push_str(&self.0.to_string()),
        }
    }
}

impl std::fmt::Display for Iso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.digits() {
            Some(b) => f.write_str(std::str::from_utf8(&b).map_err(|_| std::fmt::Error)?),
            None => write!(f, "{}", self.0),
        }
    }
}

pub(crate) fn month_en(m: u32) -> &'static str {
    MONTH_EN
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

pub(crate) fn hijri_en(m: u32) -> &'static str {
    HIJRI_EN
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// First and last day of a Gregorian month.
pub(crate) fn month_span(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

pub(crate) fn year_span(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

/// (year, month) moved by `delta` months.
pub(crate) fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}

/// A third of a span. Arabic divides a month into three «عشر» (tens of
/// days): «أوائل/مطلع» is days 1–10, «أواسط/منتصف» 11–20 and «أواخر/نهاية»
/// 21 to the end; a year is likewise read as three four-month thirds. Any
/// other span is cut into three equal parts.
pub(crate) fn part_of(
    start: NaiveDate,
    end: NaiveDate,
    part: Part,
) -> Option<(NaiveDate, NaiveDate)> {
    let whole_year =
        start.ordinal() == 1 && end.year() == start.year() && end.month() == 12 && end.day() == 31;
    let whole_month =
        start.day() == 1 && Some(end) == month_span(start.year(), start.month()).map(|s| s.1);
    if whole_year {
        let y = start.year();
        let (a, b) = match part {
            Part::Early => (1, 4),
            Part::Mid => (5, 8),
            Part::Late => (9, 12),
        };
        return Some((month_span(y, a)?.0, month_span(y, b)?.1));
    }
    if whole_month {
        return match part {
            Part::Early => Some((start, start.with_day(10)?)),
            Part::Mid => Some((start.with_day(11)?, start.with_day(20)?)),
            Part::Late => Some((start.with_day(21)?, end)),
        };
    }
    let n = (end - start).num_days() + 1;
    let third = (n / 3).max(1);
    match part {
        Part::Early => Some((start, add_days(start, third - 1)?.min(end))),
        Part::Mid => Some((
            add_days(start, third)?.min(end),
            add_days(start, 2 * third - 1)?.min(end),
        )),
        Part::Late => Some((add_days(start, 2 * third)?.min(end), end)),
    }
}

pub(crate) fn part_en(p: Part) -> &'static str {
    match p {
        Part::Early => "early",
        Part::Mid => "mid",
        Part::Late => "late",
    }
}

fn hijri_date(y: i32, m: u32, d: u32) -> Option<Date<Hijri<icu_calendar::cal::hijri::UmmAlQura>>> {
    Date::try_new_hijri_with_calendar(
        y,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()
}

fn iso_to_naive<A: icu_calendar::AsCalendar>(d: &Date<A>) -> Option<NaiveDate> {
    let iso = d.to_calendar(icu_calendar::Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// A Hijri (Umm al-Qura) date as a Gregorian date.
pub(crate) fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    iso_to_naive(&hijri_date(y, m, d)?)
}

/// First and last Gregorian day of a Hijri month.
pub(crate) fn hijri_month_span(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = hijri_date(y, m, 1)?;
    let last = hijri_date(y, m, u32::from(first.days_in_month()))?;
    Some((iso_to_naive(&first)?, iso_to_naive(&last)?))
}

pub(crate) fn hijri_year_span(y: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((hijri_month_span(y, 1)?.0, hijri_month_span(y, 12)?.1))
}

/// The Hijri (year, month, day) of a Gregorian date.
pub(crate) fn gregorian_to_hijri(d: NaiveDate) -> Option<(i32, u32, u32)> {
    let iso = Date::try_new_iso(
        d.year(),
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((
        h.year().extended_year(),
        u32::from(h.month().ordinal),
        u32::from(h.day_of_month().0),
    ))
}

/// Years in `years` whose `day`/`month` falls on `weekday`, ascending:
/// «الأحد 10 تموز» without a year is one of these.
pub fn years_matching_weekday(
    weekday: Weekday,
    day: u32,
    month: u32,
    years: RangeInclusive<i32>,
) -> Vec<i32> {
    years
        .filter(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday))
        .collect()
}

/// How a weekday or month name relates to the article's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// The most recent one on or before the article date (a bare «الخميس»).
    Latest,
    /// The most recent one strictly before («الأربعاء الماضي»).
    Before,
    /// The next one strictly after («الخميس المقبل»).
    After,
}

/// The weekday `wd` relative to `anchor`.
pub(crate) fn weekday_near(anchor: NaiveDate, wd: Weekday, mode: Mode) -> Option<NaiveDate> {
    let back = (7 + i64::from(anchor.weekday().num_days_from_monday())
        - i64::from(wd.num_days_from_monday()))
        % 7;
    match mode {
        Mode::Latest => add_days(anchor, -back),
        Mode::Before => add_days(anchor, if back == 0 { -7 } else { -back }),
        Mode::After => add_days(anchor, if back == 0 { 7 } else { 7 - back }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso_writes_dates_as_chrono_does() {
        let mut days = vec![
            NaiveDate::MIN,
            NaiveDate::MAX,
            d(-1, 12, 31),
            d(0, 1, 1),
            d(9, 2, 3),
            d(999, 10, 10),
            d(9999, 12, 31),
            d(10000, 1, 1),
        ];
        let mut day = d(1437, 1, 1);
        while day < d(2031, 1, 1) {
            days.push(day);
            day += Duration::days(17);
        }
        for day in days {
            assert_eq!(Iso(day).to_string(), day.to_string());
            let mut s = String::from("x");
            Iso(day).push_to(&mut s);
            assert_eq!(s, format!("x{day}"));
        }
        assert_eq!(Iso(d(2017, 6, 9)).to_string(), "2017-06-09");
    }

    #[test]
    fn hijri_conversion_matches_known_dates() {
        // 1 Ramadan 1436 AH began on 18 June 2015 (Umm al-Qura).
        assert_eq!(hijri_to_gregorian(1436, 9, 1), Some(d(2015, 6, 18)));
        assert_eq!(gregorian_to_hijri(d(2015, 6, 18)), Some((1436, 9, 1)));
        let (s, e) = hijri_month_span(1436, 9).unwrap();
        assert_eq!(s, d(2015, 6, 18));
        assert!(e == d(2015, 7, 16) || e == d(2015, 7, 17), "{e}");
        assert_eq!(hijri_to_gregorian(1436, 13, 1), None);
    }

    #[test]
    fn thirds_follow_the_arabic_ten_day_convention() {
        let (s, e) = month_span(2016, 2).unwrap();
        assert_eq!(
            part_of(s, e, Part::Late),
            Some((d(2016, 2, 21), d(2016, 2, 29)))
        );
        let (s, e) = year_span(2016).unwrap();
        assert_eq!(
            part_of(s, e, Part::Mid),
            Some((d(2016, 5, 1), d(2016, 8, 31)))
        );
    }

    #[test]
    fn weekdays_and_years() {
        // 2017-06-29 is a Thursday.
        let a = d(2017, 6, 29);
        assert_eq!(weekday_near(a, Weekday::Thu, Mode::Latest), Some(a));
        assert_eq!(
            weekday_near(a, Weekday::Thu, Mode::Before),
            Some(d(2017, 6, 22))
        );
        assert_eq!(
            weekday_near(a, Weekday::Wed, Mode::Before),
            Some(d(2017, 6, 28))
        );
        assert_eq!(
            weekday_near(a, Weekday::Fri, Mode::After),
            Some(d(2017, 6, 30))
        );
        assert_eq!(
            years_matching_weekday(Weekday::Sun, 10, 7, 2014..=2017),
            vec![2016]
        );
        assert_eq!(add_months(2017, 1, -1), (2016, 12));
    }
}
