//! The user's corrections, edited in the source panel: an article's date and
//! note; an event's date, kind, places, note, or hiding it. The panel pushes
//! [`Correction`]s; the app stores them (`.newsline/annotations.json`, written
//! atomically) and applies them in place (`folder_view`).

use chrono::{Datelike, NaiveDate};

use crate::corpus::{Article, Event};
use crate::events::EventKind;
use crate::model::{ArticleId, DateBasis, DateSpan, EventId, Grain, PlaceId};
use crate::places::Gazetteer;

use super::time_axis::format_span;
use super::AppCommand;

/// One edit, as the user made it.
#[derive(Clone, Debug, PartialEq)]
pub enum Correction {
    ArticleDate(ArticleId, Option<DateSpan>),
    ArticleNote(ArticleId, Option<String>),
    EventDate(EventId, Option<DateSpan>),
    EventKind(EventId, Option<EventKind>),
    EventPlaces(EventId, Option<Vec<PlaceId>>),
    EventHidden(EventId, bool),
    EventNote(EventId, Option<String>),
}

/// A date typed by the user: `2017-06-29`, `2017-06`, `2017`, or a range
/// `2017-06-01..2017-06-15` (either end may be a month or a year).
pub fn parse_user_date(input: &str) -> Result<DateSpan, String> {
    let s = input.trim();
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s, s),
    };
    let (start, g1) = parse_end(a).ok_or_else(|| format!("not a date: «{a}»"))?;
    let (end_span, g2) = parse_end(b).ok_or_else(|| format!("not a date: «{b}»"))?;
    let end = last_day(end_span, g2);
    if end < start {
        return Err("the range ends before it starts".into());
    }
    let grain = if a == b { g1 } else { Grain::Range };
    Ok(DateSpan {
        start,
        end,
        grain,
        basis: DateBasis::User,
        evidence: format!("set by the user: {s}").into(),
    })
}

/// First day and grain of `2017-06-29`, `2017-06` or `2017`.
fn parse_end(s: &str) -> Option<(NaiveDate, Grain)> {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = parts
        .first()?
        .parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    match parts.len() {
        1 => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, Grain::Year)),
        2 => Some((NaiveDate::from_ymd_opt(year, num(1)?, 1)?, Grain::Month)),
        3 => Some((NaiveDate::from_ymd_opt(year, num(1)?, num(2)?)?, Grain::Day)),
        _ => None,
    }
}

fn last_day(first: NaiveDate, grain: Grain) -> NaiveDate {
    let next = match grain {
        Grain::Year => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        Grain::Month => first.checked_add_months(chrono::Months::new(1)),
        _ => return first,
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(first)
}

/// Text fields being edited; reset when the selection changes.
#[derive(Debug, Default)]
pub struct Drafts {
    event: Option<EventId>,
    article_date: String,
    article_note: String,
    event_date: String,
    event_places: String,
    event_note: String,
    error: Option<String>,
}

impl Drafts {
    fn reset(&mut self, article: &Article, event: &Event, gazetteer: &Gazetteer) {
        self.event = Some(event.id);
        self.article_date = article.date.as_ref().map(span_input).unwrap_or_default();
        self.article_note = article.note.clone().unwrap_or_default();
        self.event_date = event.date.as_ref().map(span_input).unwrap_or_default();
        self.event_places = event
            .places
            .iter()
            .map(|p| {
                gazetteer
                    .get(p)
                    .map_or(p.as_str(), |pl| pl.name_en.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ");
        self.event_note = event.note.clone().unwrap_or_default();
        self.error = None;
    }
}

/// How a span is typed back: `2017-06-29`, `2017-06`, `2017` or `a..b`.
fn span_input(d: &DateSpan) -> String {
    format_span(d).replace(" – ", "..")
}

fn note_of(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The correction form for the selected event and its article.
pub fn corrections_ui(
    ui: &mut egui::Ui,
    article: &Article,
    event: &Event,
    gazetteer: &Gazetteer,
    drafts: &mut Drafts,
    can_undo: bool,
    cmds: &mut Vec<AppCommand>,
) {
    if drafts.event != Some(event.id) {
        drafts.reset(article, event, gazetteer);
    }
    let push = |cmds: &mut Vec<AppCommand>, c: Correction| cmds.push(AppCommand::Correct(c));
    egui::CollapsingHeader::new("Correct")
        .id_salt("corrections")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("corrections_grid")
                .num_columns(3)
                .show(ui, |ui| {
                    ui.label("Article date");
                    ui.add(
                        egui::TextEdit::singleline(&mut drafts.article_date)
                            .hint_text("2017-06-29, 2017-06, 2017 or a..b")
                            .desired_width(170.0),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Set").clicked() {
                            match parse_user_date(&drafts.article_date) {
                                Ok(d) => push(cmds, Correction::ArticleDate(article.id, Some(d))),
                                Err(e) => drafts.error = Some(e),
                            }
                        }
                        if ui
                            .button("Reset")
                            .on_hover_text("Back to the date newsline found")
                            .clicked()
                        {
                            push(cmds, Correction::ArticleDate(article.id, None));
                        }
                    });
                    ui.end_row();

                    ui.label("Article note");
                    ui.add(
                        egui::TextEdit::singleline(&mut drafts.article_note).desired_width(170.0),
                    );
                    if ui.button("Save").clicked() {
                        push(
                            cmds,
                            Correction::ArticleNote(article.id, note_of(&drafts.article_note)),
                        );
                    }
                    ui.end_row();

                    ui.label("Event date");
                    ui.add(egui::TextEdit::singleline(&mut drafts.event_date).desired_width(170.0));
                    ui.horizontal(|ui| {
                        if ui.button("Set").clicked() {
                            match parse_user_date(&drafts.event_date) {
                                Ok(d) => push(cmds, Correction::EventDate(event.id, Some(d))),
                                Err(e) => drafts.error = Some(e),
                            }
                        }
                        if ui.button("Reset").clicked() {
                            push(cmds, Correction::EventDate(event.id, None));
                        }
                    });
                    ui.end_row();

                    ui.label("Kind");
                    let mut kind = event.kind;
                    egui::ComboBox::from_id_salt("correct_kind")
                        .selected_text(kind.as_str())
                        .show_ui(ui, |ui| {
                            for k in EventKind::ALL {
                                ui.selectable_value(&mut kind, k, k.as_str());
                            }
                        });
                    if kind != event.kind {
                        push(cmds, Correction::EventKind(event.id, Some(kind)));
                    }
                    ui.end_row();

                    ui.label("Places");
                    ui.add(
                        egui::TextEdit::singleline(&mut drafts.event_places)
                            .hint_text("names, comma-separated")
                            .desired_width(170.0),
                    );
                    if ui.button("Set").clicked() {
                        let mut ids = Vec::new();
                        let mut unknown = Vec::new();
                        for name in drafts
                            .event_places
                            .split(',')
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                        {
                            let found = gazetteer
                                .places()
                                .iter()
                                .find(|p| {
                                    p.name_en.eq_ignore_ascii_case(name) || p.id.as_str() == name
                                })
                                .or_else(|| gazetteer.lookup(name));
                            match found {
                                Some(p) => ids.push(p.id.clone()),
                                None => unknown.push(name.to_string()),
                            }
                        }
                        if unknown.is_empty() {
                            push(cmds, Correction::EventPlaces(event.id, Some(ids)));
                        } else {
                            drafts.error = Some(format!("unknown places: {}", unknown.join(", ")));
                        }
                    }
                    ui.end_row();

                    ui.label("Event note");
                    ui.add(egui::TextEdit::singleline(&mut drafts.event_note).desired_width(170.0));
                    if ui.button("Save").clicked() {
                        push(
                            cmds,
                            Correction::EventNote(event.id, note_of(&drafts.event_note)),
                        );
                    }
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                let mut hidden = event.hidden;
                if ui.checkbox(&mut hidden, "Hide this event").changed() {
                    push(cmds, Correction::EventHidden(event.id, hidden));
                }
                if ui
                    .add_enabled(can_undo, egui::Button::new("Undo (Ctrl+Z)"))
                    .clicked()
                {
                    cmds.push(AppCommand::Undo);
                }
            });
            if let Some(e) = &drafts.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_days_months_years_and_ranges() {
        let cases: &[(&str, &str, &str, Grain)] = &[
            ("2017-06-29", "2017-06-29", "2017-06-29", Grain::Day),
            ("2017-06", "2017-06-01", "2017-06-30", Grain::Month),
            ("2016-02", "2016-02-01", "2016-02-29", Grain::Month),
            ("2015", "2015-01-01", "2015-12-31", Grain::Year),
            (
                " 2017-06-01..2017-06-15 ",
                "2017-06-01",
                "2017-06-15",
                Grain::Range,
            ),
            ("2014..2015-03", "2014-01-01", "2015-03-31", Grain::Range),
            ("2017/6/9", "2017-06-09", "2017-06-09", Grain::Day),
        ];
        for (input, start, end, grain) in cases {
            let got = parse_user_date(input).unwrap();
            assert_eq!(
                (got.start, got.end, got.grain),
                (d(start), d(end), *grain),
                "{input}"
            );
            assert_eq!(got.basis, DateBasis::User);
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2017-13-01",
            "2017-02-30",
            "2018..2017",
            "17-06-29",
        ] {
            assert!(parse_user_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spans_type_back_to_what_parses_to_them() {
        for input in ["2017-06-29", "2017-06", "2017", "2017-06-01..2017-06-15"] {
            let span = parse_user_date(input).unwrap();
            assert_eq!(
                parse_user_date(&span_input(&span)).unwrap().start,
                span.start
            );
        }
    }
}
