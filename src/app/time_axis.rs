//! Time on the timeline's x axis: days since 1970-01-01 as `f64`, grid marks
//! that follow the zoom (years → months → days) and their labels.

use chrono::{Datelike, NaiveDate};
use egui_plot::{GridInput, GridMark};

use crate::model::{DateSpan, Grain};

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("valid epoch"),
};

pub fn x_from_date(d: NaiveDate) -> f64 {
    (d - EPOCH).num_days() as f64
}

pub fn date_from_x(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x.abs() > 3_000_000.0 {
        return None;
    }
    EPOCH.checked_add_signed(chrono::Duration::days(x.floor() as i64))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
pub enum MonthNames {
    #[default]
    English,
    /// Levantine names (كانون الثاني …), as in the Syrian and Iraqi press.
    Arabic,
}

const EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const AR: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

pub fn month_name(month: u32, names: MonthNames) -> &'static str {
    let i = month.saturating_sub(1) as usize;
    match names {
        MonthNames::English => EN.get(i).copied().unwrap_or(""),
        MonthNames::Arabic => AR.get(i).copied().unwrap_or(""),
    }
}

/// Which grid level a zoom shows, from days per pixel-ish step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Years,
    Months,
    Days,
}

/// Grid marks: whole years when zoomed out, months in between, days when
/// zoomed in. `base_step_size` is the data span of egui_plot's minimum grid
/// spacing (a few points); a level appears once its unit spans about three
/// of those, enough room for its label ("2017", "Sep", "15").
/// egui_plot's minimum grid spacing, in points (`Plot::grid_spacing`'s default).
const GRID_POINTS: f64 = 8.0;

/// Spacing at which egui_plot paints an x label fully (`AxisHints::label_spacing`).
const LABEL_POINTS: f64 = 80.0;

pub fn grid_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let (Some(start), Some(end)) = (date_from_x(lo), date_from_x(hi)) else {
        return Vec::new();
    };
    let step = input.base_step_size.max(1e-6);
    let mut marks = Vec::new();
    // Years, always (thickest), as often as their labels still show:
    // egui_plot paints an x label only when marks are over 60 points apart
    // (fully at 80), and `step` spans its minimum grid spacing of 8 points.
    let year_every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&n| f64::from(n) * 365.0 >= step * (LABEL_POINTS / GRID_POINTS))
        .unwrap_or(1000);
    for y in start.year()..=end.year() + 1 {
        if y.rem_euclid(year_every) == 0 {
            if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                marks.push(GridMark {
                    value: x_from_date(d),
                    step_size: 365.0 * year_every as f64,
                });
            }
        }
    }
    // Months, once a month is wide enough for a label.
    if step * 3.0 < 30.0 {
        let mut d = NaiveDate::from_ymd_opt(start.year(), start.month(), 1);
        while let Some(m) = d {
            if m > end {
                break;
            }
            if m.month() != 1 {
                marks.push(GridMark {
                    value: x_from_date(m),
                    step_size: 30.0,
                });
            }
            d = m.checked_add_months(chrono::Months::new(1));
        }
    }
    // Days, once a day is wide enough.
    if step * 3.0 < 1.0 {
        let mut d = Some(start);
        while let Some(day) = d {
            if day > end {
                break;
            }
            if day.day() != 1 {
                marks.push(GridMark {
                    value: x_from_date(day),
                    step_size: 1.0,
                });
            }
            d = day.succ_opt();
        }
    }
    marks
}

/// Label of a grid mark: the year on year marks, the month on month marks,
/// the day number on day marks.
pub fn mark_label(mark: &GridMark, names: MonthNames) -> String {
    let Some(d) = date_from_x(mark.value) else {
        return String::new();
    };
    if mark.step_size >= 300.0 {
        d.year().to_string()
    } else if mark.step_size >= 28.0 {
        axis_text(month_name(d.month(), names))
    } else {
        d.day().to_string()
    }
}

/// Text for egui_plot's axis, which draws a plain label: egui shapes each
/// Arabic word right to left but lays the words out left to right, so
/// «كانون الثاني» is given in reversed word order to read right.
fn axis_text(name: &str) -> String {
    if name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        name.split(' ').rev().collect::<Vec<_>>().join(" ")
    } else {
        name.to_string()
    }
}

/// A date as the list and tooltips show it: `2017-06-29`, `2017-06`, `2017`
/// or `2017-06-27 – 2017-06-29`.
pub fn format_span(span: &DateSpan) -> String {
    match span.grain {
        Grain::Day => span.start.to_string(),
        Grain::Month if span.start.day() == 1 => span.start.format("%Y-%m").to_string(),
        Grain::Year if span.start.ordinal() == 1 => span.start.year().to_string(),
        _ if span.start == span.end => span.start.to_string(),
        _ => format!("{} – {}", span.start, span.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn x_round_trips() {
        for date in [
            d(2014, 1, 1),
            d(2017, 6, 29),
            d(1970, 1, 1),
            d(1969, 12, 31),
        ] {
            assert_eq!(date_from_x(x_from_date(date)), Some(date));
        }
        assert_eq!(date_from_x(f64::NAN), None);
        assert_eq!(date_from_x(1e300), None);
    }

    #[test]
    fn grid_follows_zoom() {
        let level = |lo: NaiveDate, hi: NaiveDate, px: f64| {
            let input = GridInput {
                bounds: (x_from_date(lo), x_from_date(hi)),
                base_step_size: (x_from_date(hi) - x_from_date(lo)) / px,
            };
            let marks = grid_marks(input);
            let labels: Vec<String> = marks
                .iter()
                .map(|m| mark_label(m, MonthNames::English))
                .collect();
            labels
        };
        // Four years on 800 px: years only.
        let years = level(d(2014, 1, 1), d(2017, 12, 31), 100.0);
        assert!(years.contains(&"2015".to_string()));
        assert!(!years.contains(&"Jun".to_string()));
        // One year: months appear.
        let months = level(d(2017, 1, 1), d(2017, 12, 31), 100.0);
        assert!(months.contains(&"Jun".to_string()));
        assert!(!months.contains(&"15".to_string()));
        // One month: days appear.
        let days = level(d(2017, 6, 1), d(2017, 6, 30), 100.0);
        assert!(days.contains(&"15".to_string()));
    }

    /// However far out the timeline is zoomed (a decade of a large folder
    /// on a 600-point plot, or centuries), its year marks are far enough
    /// apart for egui_plot to paint their labels (over 60 points), and at
    /// least two show.
    #[test]
    fn year_labels_always_have_room() {
        let points = 600.0;
        for years in [1, 3, 8, 13, 25, 60, 150, 400] {
            let (lo, hi) = (d(2020 - years, 1, 1), d(2020, 1, 1));
            let span = x_from_date(hi) - x_from_date(lo);
            let step = span / points * GRID_POINTS;
            let marks = grid_marks(GridInput {
                bounds: (x_from_date(lo), x_from_date(hi)),
                base_step_size: step,
            });
            let year_marks: Vec<&GridMark> =
                marks.iter().filter(|m| m.step_size >= 300.0).collect();
            let spacing = year_marks[0].step_size * points / span;
            assert!(
                spacing > 60.0,
                "{years} years: labels {spacing:.0} points apart"
            );
            let shown = year_marks
                .iter()
                .filter(|m| m.value >= x_from_date(lo) && m.value <= x_from_date(hi))
                .count();
            assert!(shown >= 2, "{years} years: {shown} labels");
        }
    }

    #[test]
    fn arabic_month_names() {
        assert_eq!(month_name(6, MonthNames::Arabic), "حزيران");
        assert_eq!(month_name(13, MonthNames::Arabic), "");
        // Two-word names are laid out for a left-to-right axis label.
        assert_eq!(axis_text("كانون الثاني"), "الثاني كانون");
        assert_eq!(axis_text("Jan"), "Jan");
    }
}
