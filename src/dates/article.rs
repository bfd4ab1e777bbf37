//! The article's own date: from a byline or dateline near the top, else
//! from a date in the file name.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::grammar::What;
use super::lexicon::{cores, tokenize, Tk, WordVal};
use super::DateFinder;
use crate::model::{DateBasis, DateSpan, Grain};
use crate::text::normalize;

/// Non-empty lines looked at: the title and the lines right under it, where
/// bylines sit.
const BYLINE_LINES: usize = 7;
/// A byline must start within this many bytes after the title's end.
const BYLINE_BYTES: usize = 600;
/// A dateline holds at most this many words that are neither date, time
/// nor byline words («دمشق - الخميس 29 يونيو 2017», «كتب: فلان - 29/6/2017»).
const MAX_OTHER_WORDS: usize = 3;
/// A line of more words than this is a paragraph, not a dateline: a date
/// takes at most about ten words, byline words a few more. Checked before
/// the line is parsed, which would cost as much as its dates.
const MAX_DATELINE_WORDS: usize = 24;

/// Byline words besides dates and times («آخر تحديث», «م» = pm). «في» is
/// not one: «نشر في …» still passes, having a single other word.
const BYLINE_WORDS: [&str; 25] = [
    "نشر",
    "نشرت",
    "بتاريخ",
    "تاريخ",
    "النشر",
    "اخر",
    "تحديث",
    "التحديث",
    "الساعه",
    "بتوقيت",
    "توقيت",
    "مكه",
    "المكرمه",
    "غرينتش",
    "جرينتش",
    "gmt",
    "ص",
    "م",
    "صباحا",
    "مساء",
    "مساءا",
    "am",
    "pm",
    "الموافق",
    "تم",
];

/// The article's publication date, or None.
///
/// A byline («الخميس 29/يونيو/2017 - 03:01 م», «نشر في 12 آذار 2016») among
/// the first lines wins; a date that is the subject of a sentence there does
/// not count. Else a date in the file name (`2017-06-29_x.txt`,
/// `20170629-x.txt`, `x_2017_06_29.html`).
pub fn article_date(text: &str, file_name: &str) -> Option<DateSpan> {
    byline_date(text).or_else(|| file_name_date(file_name))
}

fn byline_date(text: &str) -> Option<DateSpan> {
    let finder = DateFinder::builtin();
    let mut title_end: Option<usize> = None;
    let mut seen = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        match title_end {
            Some(te) if here > te + BYLINE_BYTES => break,
            Some(_) => {}
            None => title_end = Some(offset),
        }
        seen += 1;
        if seen > BYLINE_LINES {
            break;
        }
        if trimmed.split_whitespace().nth(MAX_DATELINE_WORDS).is_some() {
            continue;
        }
        if let Some(d) = dateline(finder, trimmed) {
            let shown: String = trimmed.chars().take(120).collect();
            return Some(DateSpan::day(
                d,
                DateBasis::Explicit,
                format!("byline: «{shown}»"),
            ));
        }
    }
    None
}

/// The day of a line that is a dateline: a full written date, and little else.
fn dateline(finder: &DateFinder, line: &str) -> Option<NaiveDate> {
    let norm = normalize(line);
    let toks = tokenize(&norm);
    let cands = finder.scan_tokens(&norm, &toks);
    let (day, date_end) = cands.iter().find_map(|c| match c.what {
        What::Fixed {
            start,
            grain: Grain::Day,
            ..
        } => Some((start, c.end)),
        _ => None,
    })?;
    let kind = |i: usize| toks.get(i).map(|t| t.kind);
    let mut other = 0;
    let mut after = 0;
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        i += 1;
        if cands.iter().any(|c| t.start >= c.start && t.end <= c.end) {
            continue;
        }
        let counts = match t.kind {
            Tk::Punct(_) => false,
            Tk::Num(..) => {
                // A clock time «03:01» is part of a byline.
                if kind(i) == Some(Tk::Punct(':')) && matches!(kind(i + 1), Some(Tk::Num(..))) {
                    i += 2;
                    false
                } else {
                    true
                }
            }
            Tk::Word => {
                let w = norm.get(t.start..t.end).unwrap_or("");
                let byline_word = cores(w).any(|(c, _)| BYLINE_WORDS.contains(&c.as_ref()));
                let date_word =
                    finder.lex.words.single(w).any(|v| {
                        matches!(v, WordVal::Weekday(..) | WordVal::Tod | WordVal::Era(_))
                    });
                !(byline_word || date_word)
            }
        };
        if counts {
            other += 1;
            if t.start >= date_end {
                after += 1;
            }
        }
    }
    // Words after the date make it a sentence («في 3 آذار 2016 قتل …»),
    // unless there is next to nothing else on the line.
    (other <= 1 || (other <= MAX_OTHER_WORDS && after == 0)).then_some(day)
}

fn file_name_res() -> &'static [(Regex, [usize; 3])] {
    static RES: OnceLock<Vec<(Regex, [usize; 3])>> = OnceLock::new();
    RES.get_or_init(|| {
        [
            // 2017-06-29, 2017_06_29, 2017.06.29
            (
                r"(?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]([0-9]{1,2})[-_.]([0-9]{1,2})(?:[^0-9]|$)",
                [1, 2, 3],
            ),
            // 20170629: letters may not touch it, so hex hashes do not count.
            (
                r"(?:^|[^0-9A-Za-z])((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})(?:[^0-9A-Za-z]|$)",
                [1, 2, 3],
            ),
            // 29-06-2017 (day first)
            (
                r"(?:^|[^0-9])([0-9]{1,2})[-_.]([0-9]{1,2})[-_.]((?:19|20)[0-9]{2})(?:[^0-9]|$)",
                [3, 2, 1],
            ),
        ]
        .into_iter()
        .filter_map(|(re, order)| Regex::new(re).ok().map(|r| (r, order)))
        .collect()
    })
}

fn file_name_date(file_name: &str) -> Option<DateSpan> {
    let name = Path::new(file_name).file_name()?.to_str()?;
    for (re, [yi, mi, di]) in file_name_res() {
        for caps in re.captures_iter(name) {
            let part = |k: usize| caps.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(y), Some(m), Some(d)) = (part(*yi), part(*mi), part(*di)) else {
                continue;
            };
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                return Some(DateSpan::day(
                    date,
                    DateBasis::Explicit,
                    format!("file name: {name}"),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: Option<DateSpan>) -> Option<String> {
        s.map(|d| d.start.to_string())
    }

    #[test]
    fn file_names() {
        let cases = [
            ("2017-06-29_x.txt", Some("2017-06-29")),
            ("20170629-x.txt", Some("2017-06-29")),
            ("dir/x_2017_06_29.html", Some("2017-06-29")),
            ("news-29-06-2017.txt", Some("2017-06-29")),
            ("000_f4792169f02123b2.txt", None),
            ("a20170629b.txt", None),
            ("2017-02-31.txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(
                day(file_name_date(name)),
                want.map(str::to_string),
                "{name}"
            );
        }
    }

    #[test]
    fn bylines_and_sentences() {
        let cases = [
            (
                "عنوان\n\nالخميس 29/يونيو/2017 - 03:01 م\nنص",
                Some("2017-06-29"),
            ),
            ("عنوان\nنشر في 12 آذار 2016\nنص", Some("2016-03-12")),
            ("2017-06-29 10:00\nعنوان", Some("2017-06-29")),
            ("عنوان\nدمشق - الأحد 3 نيسان 2016", Some("2016-04-03")),
            ("عنوان\nفي 3 آذار 2016 قتل عشرون شخصا في المدينة", None),
            ("عنوان\nقتل 20 شخصا في 3 آذار 2016", None),
            ("عنوان\nنص بلا تاريخ", None),
            // past MAX_DATELINE_WORDS a line is a paragraph, whatever
            // its words
            (
                &format!("عنوان\n{}", "الخميس 29/يونيو/2017 - 03:01 م ".repeat(5)),
                None,
            ),
            (
                &format!("عنوان\n{}", "الخميس 29/يونيو/2017 - 03:01 م ".repeat(4)),
                Some("2017-06-29"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(day(byline_date(text)), want.map(str::to_string), "{text}");
        }
    }

    #[test]
    fn byline_beats_file_name() {
        let d = article_date("عنوان\nالخميس 29/يونيو/2017", "2015-01-01.txt");
        assert_eq!(day(d.clone()), Some("2017-06-29".into()));
        assert!(d.is_some_and(|d| d.evidence.starts_with("byline: «الخميس")));
        let d = article_date("عنوان\nنص", "2015-01-01.txt");
        assert!(d.is_some_and(|d| &*d.evidence == "file name: 2015-01-01.txt"));
    }
}
