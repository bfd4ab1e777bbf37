//! Estimated dates for articles that carry none, with the evidence.
//!
//! Each clue becomes a set of intervals the article may fall in
//! ([`solve`]): a date or known event it names (it is from then or later), an
//! event said to be beginning, just over, under way or still to come (cues in
//! `assets/inference_cues.tsv`), a relative phrase next to a dated thing
//! («العام الماضي» beside «العام 2016»: the article is from 2017), a weekday
//! with a day and month but no year (it fits only some years), and names in
//! use during a period (eras). Strong clues are applied first; a weak one that
//! contradicts them is set aside and reported. Known events come from
//! `assets/known_events.tsv`, which users can extend with their own file.

mod knowledge;
mod solve;

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::dates::relative::weekday_en;
use crate::dates::{years_matching_weekday, DateFinds, DateHit, Relative, Unresolved};
use crate::model::{ByteSpan, DateBasis, DateSpan, Grain};
use crate::text::NormText;
pub use knowledge::{
    parse_events, Cue, KnowledgeBase, KnowledgeError, KnownEvent, KnownKind, Mention,
};
use solve::{Constraint, Iv, State, Strength};

/// Without a closer bound, an article is taken to be from within a year of
/// the latest dated thing it names (see [`a_year_after`]): news articles
/// discuss recent events, and one that named nothing later than X while
/// written years after X is rare. Also the width up to which several
/// separate fitting periods are kept together.
pub const RECENCY_DAYS: i64 = 365;
/// An article that says an event is beginning («مع بدء …») or is just over
/// (celebrations) is written within about a month of it.
const PIN_DAYS: i64 = 30;
/// A relative phrase and the dated thing it is reckoned from stand within a
/// few words of each other («في الموصل العام الماضي. وفي العام 2016»): at
/// most this many chars apart, about six Arabic words.
const NEAR_CHARS: usize = 40;
/// Further away, up to about a sentence (twenty words), a month- or
/// year-long phrase and a written month or year still tend to be reckoned
/// one from the other («… العام الماضي. … وفي العام 2016»); weaker evidence,
/// applied only after what dates and events say. Day-level phrases that far
/// from a date usually belong to their own clause's event.
const NEARBY_CHARS: usize = 120;
/// Relative phrases are inverted by trying article dates this far around the
/// dated thing; the longest phrases that still say something («قبل أشهر», a
/// year back) reach about a year, so two years either side is ample.
const INVERT_SEARCH_DAYS: i64 = 800;
/// An inverted relative phrase wider than this («السنوات الماضية») says too
/// little to be worth the risk of pairing it with the wrong date.
const MAX_INVERTED_DAYS: i64 = 400;
/// A day and month written without a year is recent or just ahead: the
/// article is at most a month before it (announcements; the same tolerance
/// the date finder uses) ...
const DAY_MONTH_BEFORE_DAYS: i64 = 31;
/// ... and at most about half a year after it (later, writers add the year).
const DAY_MONTH_AFTER_DAYS: i64 = 183;
/// A day and month fall on the same weekday again after 5, 6 or 11 years:
/// looking 11 years ahead of the evidence always finds a candidate.
const WEEKDAY_LOOKAHEAD_YEARS: i32 = 11;

/// An estimated date with every piece of evidence behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub start: NaiveDate,
    /// Inclusive; never before `start`.
    pub end: NaiveDate,
    /// Accepted evidence, strongest first.
    pub evidence: Vec<String>,
    /// Evidence set aside because it contradicted stronger evidence.
    pub ignored: Vec<String>,
}

impl Estimate {
    /// As a date span: grain Range, basis Inferred, the evidence joined by «; ».
    pub fn to_span(&self) -> DateSpan {
        let mut evidence = format!("inferred from: {}", self.evidence.join("; "));
        if !self.ignored.is_empty() {
            evidence.push_str(&format!(
                "; set aside as contradicting stronger evidence: {}",
                self.ignored.join("; ")
            ));
        }
        DateSpan {
            start: self.start,
            end: self.end,
            grain: Grain::Range,
            basis: DateBasis::Inferred,
            evidence: evidence.into(),
        }
    }
}

/// The estimated date of an undated article as a span (basis Inferred,
/// grain Range), or `None` when it holds no evidence at all. `finds` are the
/// article's dates found without an article date (so relative phrases are in
/// `finds.unresolved`).
pub fn infer_article_date(
    text: &NormText,
    original: &str,
    finds: &DateFinds,
    kb: &KnowledgeBase,
) -> Option<DateSpan> {
    estimate(text, original, finds, kb).map(|e| e.to_span())
}

/// Like [`infer_article_date`], with the evidence as a list.
pub fn estimate(
    text: &NormText,
    original: &str,
    finds: &DateFinds,
    kb: &KnowledgeBase,
) -> Option<Estimate> {
    let found = kb.find(text);
    let mentions = kb.mentions_in(original, &found);
    let cue_hits = &found.cues;
    let mut strong = Vec::new();
    let mut eras = Vec::new();
    for m in &mentions {
        from_mention(m, kb, &mut strong, &mut eras);
    }
    for h in finds
        .hits
        .iter()
        .filter(|h| h.value.basis == DateBasis::Explicit)
    {
        let q = h.span.slice(original);
        strong.push(
            match kb.cue_near(original, cue_hits, h.span, Cue::Awaited) {
                Some(w) => Constraint::one(
                    Iv::until(h.value.end),
                    Strength::Named,
                    format!("«{w}» «{q}»: a date still to come => until {}", h.value.end),
                ),
                None => Constraint::one(
                    Iv::from(h.value.start),
                    Strength::Named,
                    format!("«{q}» named => from {}", h.value.start),
                ),
            },
        );
    }
    let (near, nearby): (Vec<Constraint>, Vec<Constraint>) =
        near_relatives(original, finds, &mentions, kb)
            .into_iter()
            .partition(|c| c.strength == Strength::Near);
    strong.extend(near);

    let mut state = State::default();
    state.apply_all(strong);
    for u in &finds.unresolved {
        if let Some(c) = weekday_fit(u, &state) {
            state.apply(&c);
        }
    }
    state.apply_all(nearby);
    let recent_from = state.hull().lo;
    state.apply_all(eras);
    if let Some(lo) = recent_from {
        let hi = a_year_after(lo);
        state.apply(&Constraint::one(
            Iv::until(hi),
            Strength::Recency,
            format!("news discusses recent events => until {hi}, a year after {lo}"),
        ));
    }
    if state.evidence.is_empty() {
        return None;
    }
    finish(state)
}

/// The range the evidence leaves, with open ends closed by [`RECENCY_DAYS`].
fn finish(mut state: State) -> Option<Estimate> {
    let hull = state.hull();
    let chosen = match state.set.as_slice() {
        [one] => *one,
        // Several separate periods fit: their span if that is still about a
        // year, else the latest (the evidence said "from X" more often than
        // "until X").
        _ if hull.width().is_some_and(|w| w <= RECENCY_DAYS) => hull,
        pieces => {
            let last = *pieces.last()?;
            state.evidence.push(format!(
                "{} separate periods fit; the latest is taken",
                pieces.len()
            ));
            last
        }
    };
    let (start, end) = match (chosen.lo, chosen.hi) {
        (Some(lo), Some(hi)) => (lo, hi),
        (Some(lo), None) => (lo, a_year_after(lo)),
        (None, Some(hi)) => (a_year_before(hi), hi),
        (None, None) => return None,
    };
    Some(Estimate {
        start,
        end: end.max(start),
        evidence: state.evidence,
        ignored: state.ignored,
    })
}

/// The last day of the year that starts on `d` (2015-01-01 → 2015-12-31).
fn a_year_after(d: NaiveDate) -> NaiveDate {
    let next = d.checked_add_months(Months::new(12)).unwrap_or(d);
    add_days(next, -1).max(d)
}

/// The first day of the year that ends on `d`.
fn a_year_before(d: NaiveDate) -> NaiveDate {
    let prev = d.checked_sub_months(Months::new(12)).unwrap_or(d);
    add_days(prev, 1).min(d)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// «Fall of Mosul (2014-06-10)», or several joined by «or».
fn describe(events: &[&KnownEvent]) -> String {
    events
        .iter()
        .map(|e| format!("{} ({})", e.name_en, e.dates()))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The constraints a known event's name gives, by its kind and cue.
fn from_mention(
    m: &Mention,
    kb: &KnowledgeBase,
    strong: &mut Vec<Constraint>,
    weak: &mut Vec<Constraint>,
) {
    let q = &m.words;
    let all: Vec<&KnownEvent> = m.events.iter().filter_map(|&i| kb.event(i)).collect();
    let (eras, events): (Vec<&KnownEvent>, Vec<&KnownEvent>) =
        all.iter().partition(|e| e.kind == KnownKind::Era);
    if let Some(first) = eras.iter().map(|e| e.start).min() {
        let what = describe(&eras);
        strong.push(Constraint {
            alts: vec![Iv::from(first)],
            strength: Strength::Named,
            why: format!("«{q}»: {what} => from {first}"),
        });
        weak.push(Constraint {
            alts: eras.iter().map(|e| Iv::new(e.start, e.end)).collect(),
            strength: Strength::Era,
            why: format!("«{q}»: {what} => probably within it"),
        });
    }
    let Some(first) = events.iter().map(|e| e.start).min() else {
        return;
    };
    let what = describe(&events);
    let alts = |f: &dyn Fn(&KnownEvent) -> Option<Iv>| -> Vec<Iv> {
        events.iter().filter_map(|e| f(e)).collect()
    };
    if let Some((Cue::Awaited, w)) = &m.cue {
        strong.push(Constraint {
            alts: alts(&|e| Some(Iv::until(e.start))),
            strength: Strength::Named,
            why: format!("«{w}» + «{q}»: {what} still to come => before it"),
        });
        return;
    }
    strong.push(Constraint {
        alts: vec![Iv::from(first)],
        strength: Strength::Named,
        why: format!("«{q}»: {what} => from {first}"),
    });
    let pin = match &m.cue {
        Some((Cue::Starting, w)) => Some((
            alts(&|e| Some(Iv::new(e.start, add_days(e.start, PIN_DAYS)))),
            Strength::Pin,
            format!("«{w}» + «{q}»: {what} beginning => within {PIN_DAYS} days of its start"),
        )),
        Some((Cue::JustAfter, w)) => Some((
            alts(&|e| Some(Iv::new(e.end, add_days(e.end, PIN_DAYS)))),
            Strength::Pin,
            format!("«{w}» + «{q}»: {what} just over => within {PIN_DAYS} days of its end"),
        )),
        Some((Cue::Ongoing, w)) => Some((
            alts(&|e| (e.end > e.start).then(|| Iv::new(e.start, e.end))),
            Strength::Near,
            format!("«{w}» + «{q}»: {what} under way => within it"),
        )),
        _ => None,
    };
    if let Some((alts, strength, why)) = pin.filter(|p| !p.0.is_empty()) {
        strong.push(Constraint {
            alts,
            strength,
            why,
        });
    }
}

/// A dated thing a relative phrase may be reckoned from.
struct Anchor {
    span: ByteSpan,
    words: String,
    /// Each meaning's days.
    spans: Vec<(NaiveDate, NaiveDate)>,
    dates: String,
}

/// Relative phrases next to a dated thing pin the article: «سقوط الموصل
/// العام الماضي» means the article is from the year after 2014.
fn near_relatives(
    original: &str,
    finds: &DateFinds,
    mentions: &[Mention],
    kb: &KnowledgeBase,
) -> Vec<Constraint> {
    let mut anchors: Vec<(bool, Anchor)> = finds
        .hits
        .iter()
        .filter(|h| h.value.basis == DateBasis::Explicit)
        .map(|h| {
            let coarse = matches!(h.value.grain, Grain::Month | Grain::Year);
            let anchor = Anchor {
                span: h.span,
                words: h.span.slice(original).to_string(),
                spans: vec![(h.value.start, h.value.end)],
                dates: format!("{}..{}", h.value.start, h.value.end),
            };
            (coarse, anchor)
        })
        .collect();
    for m in mentions {
        // A name in use over years (an era) says nothing about when «last
        // year» was; only events anchor.
        let events: Vec<&KnownEvent> = m
            .events
            .iter()
            .filter_map(|&i| kb.event(i))
            .filter(|e| e.kind == KnownKind::Event)
            .collect();
        if !events.is_empty() && !matches!(m.cue, Some((Cue::Awaited, _))) {
            let anchor = Anchor {
                span: m.span,
                words: m.words.clone(),
                spans: events.iter().map(|e| (e.start, e.end)).collect(),
                dates: describe(&events),
            };
            anchors.push((false, anchor));
        }
    }
    let mut out = Vec::new();
    for u in &finds.unresolved {
        if matches!(
            u.relative,
            Relative::Day {
                weekday: Some(_),
                ..
            }
        ) {
            continue; // handled by `weekday_fit`
        }
        let coarse = is_coarse(&u.relative);
        let nearest = anchors
            .iter()
            .filter_map(|(coarse_anchor, a)| {
                let d = chars_between(original, u.span, a.span)?;
                let limit = if coarse && *coarse_anchor {
                    NEARBY_CHARS
                } else {
                    NEAR_CHARS
                };
                (d <= limit).then_some((d, a))
            })
            .min_by_key(|(d, _)| *d);
        let Some((distance, a)) = nearest else {
            continue;
        };
        let (strength, relation) = if distance <= NEAR_CHARS {
            (Strength::Near, "next to")
        } else {
            (Strength::Nearby, "near")
        };
        let alts: Vec<Iv> = a
            .spans
            .iter()
            .filter_map(|&(s, e)| invert(u, s, e))
            .collect();
        let Some(h) = (!alts.is_empty()).then(|| solve::hull(&alts)) else {
            continue;
        };
        let range = match (h.lo, h.hi) {
            (Some(l), Some(h)) => format!("{l}..{h}"),
            _ => continue,
        };
        out.push(Constraint {
            alts,
            strength,
            why: format!(
                "«{}» {relation} «{}» ({}) => {range}",
                u.words, a.words, a.dates
            ),
        });
    }
    out
}

/// A phrase about a month or a year («العام الماضي», «مطلع هذا العام»).
fn is_coarse(r: &Relative) -> bool {
    match r {
        Relative::Months { .. } | Relative::Years { .. } | Relative::Month { .. } => true,
        Relative::HijriMonth { .. } => true,
        Relative::Part { of, .. } => is_coarse(of),
        _ => false,
    }
}

/// Chars between two non-overlapping spans of `original`.
fn chars_between(original: &str, a: ByteSpan, b: ByteSpan) -> Option<usize> {
    let gap = if a.end <= b.start {
        original.get(a.end..b.start)?
    } else if b.end <= a.start {
        original.get(b.end..a.start)?
    } else {
        return None;
    };
    Some(gap.chars().count())
}

/// The article dates for which the relative phrase `u` means a time that
/// meets `[s, e]`, if they form a usefully narrow range.
fn invert(u: &Unresolved, s: NaiveDate, e: NaiveDate) -> Option<Iv> {
    let from = add_days(s, -INVERT_SEARCH_DAYS);
    let to = add_days(e, INVERT_SEARCH_DAYS);
    let (lo, hi) = match invert_bisect(u, s, e, from, to) {
        Some(found) => found?,
        None => invert_scan(u, s, e, from, to)?,
    };
    // Reaching the edge of the search means the phrase does not bound it.
    let useful = lo > from && hi < to && (hi - lo).num_days() <= MAX_INVERTED_DAYS;
    useful.then(|| Iv::new(lo, hi))
}

/// The first and last article date in `[from, to]` for which `u` means a
/// time meeting `[s, e]`, trying every day.
fn invert_scan(
    u: &Unresolved,
    s: NaiveDate,
    e: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let (mut lo, mut hi) = (None, None);
    let mut a = from;
    while a <= to {
        // Only the span matters here: `relative.resolve` skips formatting
        // the evidence text.
        if let Some((rs, re, _)) = u.relative.resolve(a) {
            if rs <= e && re >= s {
                lo.get_or_insert(a);
                hi = Some(a);
            }
        }
        a = a.succ_opt()?;
    }
    Some((lo?, hi?))
}

/// [`invert_scan`] by bisection, in a few dozen resolutions instead of
/// 1,600: a later article date never moves a relative phrase earlier, so
/// the dates that fit form one run, from the first whose span ends at or
/// after `s` to the last whose span starts at or before `e`. `None` when a
/// day does not resolve (the scan then decides); `Some(None)` when no day
/// fits.
#[allow(clippy::option_option)]
fn invert_bisect(
    u: &Unresolved,
    s: NaiveDate,
    e: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<Option<(NaiveDate, NaiveDate)>> {
    let days = (to - from).num_days();
    let span = |k: i64| -> Option<(NaiveDate, NaiveDate)> {
        let (rs, re, _) = u.relative.resolve(add_days(from, k))?;
        Some((rs, re))
    };
    // First k in [0, days] with pred true, or days + 1; pred must go
    // false → true.
    let first = |pred: &dyn Fn((NaiveDate, NaiveDate)) -> bool| -> Option<i64> {
        let (mut lo, mut hi) = (0, days + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(span(mid)?) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    };
    let lo = first(&|(_, re)| re >= s)?;
    // One past the last k whose span starts at or before e.
    let past_hi = first(&|(rs, _)| rs > e)?;
    if lo >= past_hi {
        return Some(None);
    }
    let hi = past_hi - 1;
    // The run's ends must fit (they do when the phrase is monotone).
    let fits = |k: i64| span(k).map(|(rs, re)| rs <= e && re >= s);
    if fits(lo)? && fits(hi)? {
        Some(Some((add_days(from, lo), add_days(from, hi))))
    } else {
        None
    }
}

/// «الأحد 10 تموز» without a year: the years in which 10 July is a Sunday,
/// the earliest of them that fits the evidence so far.
fn weekday_fit(u: &Unresolved, state: &State) -> Option<Constraint> {
    let Relative::Day {
        month,
        day,
        weekday: Some(w),
        ..
    } = u.relative
    else {
        return None;
    };
    let h = state.hull();
    let (y0, y1) = match (h.lo, h.hi) {
        (Some(l), Some(hh)) => (l.year() - 1, hh.year() + 1),
        (Some(l), None) => (l.year() - 1, l.year() + WEEKDAY_LOOKAHEAD_YEARS),
        (None, Some(hh)) => (hh.year() - WEEKDAY_LOOKAHEAD_YEARS, hh.year() + 1),
        // Nothing else to go by: a weekday alone repeats every few years.
        (None, None) => return None,
    };
    let years = years_matching_weekday(w, day, month, y0..=y1);
    let fitting: Vec<(NaiveDate, Iv)> = years
        .iter()
        .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, day))
        .map(|d| {
            let iv = Iv::new(
                add_days(d, -DAY_MONTH_BEFORE_DAYS),
                add_days(d, DAY_MONTH_AFTER_DAYS),
            );
            (d, iv)
        })
        .filter(|(_, iv)| state.set.iter().any(|p| p.intersect(*iv).is_some()))
        .collect();
    let &(d, iv) = fitting.first()?;
    let list = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let choice = if fitting.len() > 1 {
        "the earliest that fits the other evidence"
    } else {
        "the one that fits the other evidence"
    };
    Some(Constraint::one(
        iv,
        Strength::Weekday,
        format!(
            "«{}»: {day}/{month} is a {} in {list}; {choice} is {d} => {}..{}",
            u.words,
            weekday_en(w),
            iv.lo?,
            iv.hi?,
        ),
    ))
}

/// Relative phrases resolved against an estimated (range) article date:
/// each against both ends, the union of the two (basis Relative).
pub fn resolve_against(unresolved: &[Unresolved], article: &DateSpan) -> Vec<DateHit> {
    unresolved
        .iter()
        .filter_map(|u| {
            let a = u.resolve(article.start)?;
            let b = u.resolve(article.end)?;
            let (start, end) = (a.start.min(b.start), a.end.max(b.end));
            let grain = if (a.start, a.end) == (b.start, b.end) {
                a.grain
            } else {
                Grain::Range
            };
            Some(DateHit {
                span: u.span,
                value: DateSpan {
                    start,
                    end,
                    grain,
                    basis: DateBasis::Relative,
                    evidence: format!(
                        "«{}» relative to the inferred date {}..{} => {start}..{end}",
                        u.words, article.start, article.end
                    )
                    .into(),
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::DateFinder;

    /// Every phrase of the relative lexicon, and the counted and weekday
    /// forms: bisection gives the scan's answer, and is what runs.
    #[test]
    fn bisection_equals_the_day_by_day_scan() {
        let mut phrases: Vec<String> = include_str!("../../assets/relative.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next().map(str::to_string))
            .collect();
        phrases.extend(
            [
                "قبل ثلاثة أيام",
                "منذ أسبوعين",
                "الأربعاء الماضي",
                "يوم الخميس",
                "خلال الأشهر الستة الماضية",
                "مطلع العام الماضي",
                "أواخر الشهر الماضي",
                "الشهر المقبل",
                "رمضان الماضي",
            ]
            .map(str::to_string),
        );
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let anchors = [
            (day(2014, 6, 10), day(2014, 6, 10)),
            (day(2016, 1, 1), day(2016, 12, 31)),
            (day(2017, 2, 28), day(2017, 3, 2)),
            (day(2015, 7, 1), day(2015, 7, 31)),
        ];
        let (mut compared, mut bisected) = (0, 0);
        for p in &phrases {
            for u in DateFinder::builtin().find_in(p, None).unresolved {
                for &(s, e) in &anchors {
                    let from = add_days(s, -INVERT_SEARCH_DAYS);
                    let to = add_days(e, INVERT_SEARCH_DAYS);
                    let scan = invert_scan(&u, s, e, from, to);
                    if let Some(fast) = invert_bisect(&u, s, e, from, to) {
                        assert_eq!(fast, scan, "«{p}» {s}..{e}");
                        bisected += 1;
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 200, "{compared}");
        assert_eq!(bisected, compared, "every phrase resolves on every day");
    }
}
