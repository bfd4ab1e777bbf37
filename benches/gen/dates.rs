//! Date phrases in every form the date parser knows (see `tests/dates_table.rs`
//! for the forms), so the benchmark exercises every grammar path: numeric,
//! written with each regional month set (names read from `assets/months.tsv`,
//! so a spelling added there is generated too), paired names, ordinals,
//! years, Hijri, ranges, parts of a month or year and relative phrases.

use chrono::{Datelike, NaiveDate};

use super::rng::Rng;

const MONTHS_TSV: &str = include_str!("../../assets/months.tsv");

const WEEKDAYS: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

/// Days 1–10 as ordinals («الأول من أيار»): the ones the press writes out.
const ORDINALS: [&str; 10] = [
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
];

const YEAR_WORDS: [&str; 4] = ["العام", "عام", "سنة", "عام"];
const PARTS: [&str; 8] = [
    "مطلع",
    "بداية",
    "منتصف",
    "أواسط",
    "أواخر",
    "نهاية",
    "أوائل",
    "مطلع",
];
const RELATIVE: [&str; 8] = [
    "أمس",
    "اليوم",
    "الشهر الماضي",
    "الأسبوع الماضي",
    "العام الماضي",
    "مطلع العام",
    "أول أمس",
    "منتصف الشهر الماضي",
];

/// Month names by set, from `assets/months.tsv`.
pub struct Months {
    /// (set, month 1..=12, name, strict)
    names: Vec<(String, u32, String, bool)>,
}

impl Months {
    pub fn builtin() -> Self {
        let mut names = Vec::new();
        for line in MONTHS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(num), Some(set), Some(name)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Ok(num) = num.trim().parse::<u32>() else {
                continue;
            };
            let strict = cols.next().is_some_and(|f| f.contains("strict"));
            names.push((set.to_string(), num, name.to_string(), strict));
        }
        Self { names }
    }

    /// A random spelling of `month` in `set`; `loose` skips names that only
    /// count next to a number (needed where no day or year follows).
    fn name(&self, rng: &mut Rng, set: &str, month: u32, loose: bool) -> Option<&str> {
        let all: Vec<&str> = self
            .names
            .iter()
            .filter(|(s, m, _, strict)| s == set && *m == month && !(loose && *strict))
            .map(|(_, _, n, _)| n.as_str())
            .collect();
        rng.pick(&all).copied()
    }

    /// A Gregorian month in a random regional set.
    fn gregorian(&self, rng: &mut Rng, month: u32) -> String {
        let sets = ["levant", "levant", "egypt", "egypt", "maghreb", "morocco"];
        let set = rng.pick(&sets).copied().unwrap_or("levant");
        self.name(rng, set, month, false)
            .or_else(|| self.name(rng, "levant", month, false))
            .unwrap_or("حزيران")
            .to_string()
    }
}

/// Writes `n` in Western digits, or Arabic-Indic ones a quarter of the time
/// (as some outlets do), keeping a whole phrase in one script.
struct Digits(bool);

impl Digits {
    fn pick(rng: &mut Rng) -> Self {
        Digits(rng.chance(0.25))
    }

    fn n(&self, n: impl std::fmt::Display) -> String {
        let s = n.to_string();
        if !self.0 {
            return s;
        }
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                None => c,
            })
            .collect()
    }

    fn n2(&self, n: u32) -> String {
        self.n(format!("{n:02}"))
    }
}

/// The weekday name of `d`.
pub fn weekday(d: NaiveDate) -> &'static str {
    WEEKDAYS
        .get(d.weekday().num_days_from_monday() as usize)
        .copied()
        .unwrap_or("الخميس")
}

/// A date phrase for a day near `d`, in one of ~20 forms.
pub fn phrase(rng: &mut Rng, months: &Months, d: NaiveDate) -> String {
    let dg = Digits::pick(rng);
    let (y, m, day) = (d.year(), d.month(), d.day());
    match rng.below(22) {
        0 => format!("{}/{}/{}", dg.n(day), dg.n(m), dg.n(y)),
        1 => format!("{}-{}-{}", dg.n(day), dg.n(m), dg.n(y)),
        2 => format!("{}-{}-{}", dg.n(y), dg.n2(m), dg.n2(day)),
        3 => format!("{}/{}/{}", dg.n(y), dg.n(m), dg.n(day)),
        4 => format!("{}.{}.{}", dg.n2(day), dg.n2(m), dg.n(y)),
        5 => format!("{}/{}/{}م", dg.n(day), dg.n(m), dg.n(y)),
        6 | 7 => format!("{} {} {}", dg.n(day), months.gregorian(rng, m), dg.n(y)),
        8 => format!("{} {}", months.gregorian(rng, m), dg.n(y)),
        9 => format!("شهر {} {}", months.gregorian(rng, m), dg.n(y)),
        10 => {
            let lev = months.name(rng, "levant", m, false).unwrap_or("حزيران");
            let egy = months.name(rng, "egypt", m, false).unwrap_or("يونيو");
            if rng.chance(0.5) {
                format!("{} {lev}/{egy} {}", dg.n(day), dg.n(y))
            } else {
                format!("{lev} ({egy}) {}", dg.n(y))
            }
        }
        11 => {
            let egy = months.name(rng, "egypt", m, false).unwrap_or("يونيو");
            format!("{}/{egy}/{}", dg.n(day), dg.n(y))
        }
        12 => {
            let ord = ORDINALS
                .get((day as usize).saturating_sub(1) % 10)
                .unwrap_or(&"الأول");
            format!("{ord} من {} {}", months.gregorian(rng, m), dg.n(y))
        }
        13 => format!("{} {} عام {}", dg.n(day), months.gregorian(rng, m), dg.n(y)),
        14 | 15 => {
            let w = rng.pick(&YEAR_WORDS).copied().unwrap_or("العام");
            format!("{w} {}", dg.n(y))
        }
        16 => hijri(rng, months, &dg, y),
        17 => {
            // A day range inside the month: days kept ≤ 28 so it is valid.
            let a = day.min(26);
            let b = a + 1 + rng.range(0, 1) as u32;
            let mn = months.gregorian(rng, m);
            if rng.chance(0.5) {
                format!("بين {} و{} {mn} {}", dg.n(a), dg.n(b), dg.n(y))
            } else {
                format!("من {} إلى {} {mn} {}", dg.n(a), dg.n(b), dg.n(y))
            }
        }
        18 => {
            let part = rng.pick(&PARTS).copied().unwrap_or("مطلع");
            if rng.chance(0.5) {
                format!("{part} العام {}", dg.n(y))
            } else {
                format!("{part} {} {}", months.gregorian(rng, m), dg.n(y))
            }
        }
        19 => format!("{} الماضي", weekday(d)),
        20 => {
            let loose = months
                .name(rng, "levant", m, true)
                .unwrap_or("حزيران")
                .to_string();
            format!("{loose} الماضي")
        }
        _ => rng.pick(&RELATIVE).copied().unwrap_or("أمس").to_string(),
    }
}

/// A Hijri date (day, month or numeric) in a year near the Gregorian `y`.
fn hijri(rng: &mut Rng, months: &Months, dg: &Digits, y: i32) -> String {
    // The Hijri year is ~579 ahead of the Gregorian one in the 2010s (1438 ≈ 2017).
    let hy = (y - 579).max(1400);
    let hm = rng.range(1, 12) as u32;
    let hd = rng.range(1, 29) as u32;
    let name = months.name(rng, "hijri", hm, false).unwrap_or("رمضان");
    match rng.below(3) {
        0 => format!("{} {name} {} هـ", dg.n(hd), dg.n(hy)),
        1 => format!("{name} {}", dg.n(hy)),
        _ => format!("{}/{}/{} هـ", dg.n(hy), dg.n(hm), dg.n(hd)),
    }
}

/// A byline for an article dated `d`, the way news sites print one under
/// the title.
pub fn byline(rng: &mut Rng, months: &Months, d: NaiveDate, city: &str) -> String {
    let dg = Digits::pick(rng);
    let (y, m, day) = (d.year(), d.month(), d.day());
    let egy = months.name(rng, "egypt", m, false).unwrap_or("يونيو");
    let h = rng.range(1, 12);
    let min = rng.range(0, 59);
    match rng.below(6) {
        0 => format!(
            "{} {}/{egy}/{} - {}:{} م",
            weekday(d),
            dg.n2(day),
            dg.n(y),
            dg.n2(h as u32),
            dg.n2(min as u32)
        ),
        1 => format!(
            "{city} - {} {} {}",
            dg.n(day),
            months.gregorian(rng, m),
            dg.n(y)
        ),
        2 => format!("نشر في: {}-{}-{}", dg.n(y), dg.n2(m), dg.n2(day)),
        3 => format!("آخر تحديث: {}/{}/{}", dg.n(day), dg.n(m), dg.n(y)),
        4 => format!(
            "{} {} {} {}",
            weekday(d),
            dg.n(day),
            months.gregorian(rng, m),
            dg.n(y)
        ),
        _ => format!("بتاريخ {}/{}/{}", dg.n(day), dg.n(m), dg.n(y)),
    }
}
