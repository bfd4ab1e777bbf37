//! The event list: search and filter bar, then one virtualised row per
//! event (only the visible rows are laid out).

use egui_extras::{Column, TableBuilder};

use crate::corpus::Corpus;
use crate::model::EventId;
use crate::places::Gazetteer;

use super::filters::{Filters, SortOrder};
use super::style::kind_color;
use super::time_axis::format_span;
use super::timeline::first_words;
use super::{rtl, AppCommand};

pub struct ListInput<'a> {
    pub corpus: &'a Corpus,
    pub gazetteer: &'a Gazetteer,
    pub filtered: &'a [EventId],
    pub selected: Option<EventId>,
    pub sort: SortOrder,
    pub scroll_to_selected: bool,
}

/// Height of one list row, in points.
const ROW_HEIGHT: f32 = 22.0;

pub fn event_list_ui(
    ui: &mut egui::Ui,
    input: &ListInput<'_>,
    filters: &mut Filters,
    focus_search: &mut bool,
    cmds: &mut Vec<AppCommand>,
) {
    // Wrapped: a row wider than the panel would widen the table under it
    // and push the start of right-to-left sentences out of view.
    ui.horizontal_wrapped(|ui| {
        let search_label = ui.label("Search");
        let edit = egui::TextEdit::singleline(&mut filters.text)
            .hint_text("words, Arabic or English (Ctrl+F)")
            .desired_width(260.0);
        let resp = ui.add(edit).labelled_by(search_label.id);
        if std::mem::take(focus_search) {
            resp.request_focus();
        }
        ui.checkbox(&mut filters.only_visible_range, "Only the timeline's range");
        ui.checkbox(&mut filters.show_hidden, "Hidden events");
        if !filters.is_default() && ui.button("Clear filters (Esc)").clicked() {
            cmds.push(AppCommand::ClearFilters);
        }
        ui.separator();
        ui.add(
            egui::Label::new(format!(
                "{} of {} events",
                input.filtered.len(),
                input.corpus.events.len()
            ))
            .wrap_mode(egui::TextWrapMode::Extend),
        );
    });
    if let Some(p) = &filters.place {
        let name = input.gazetteer.get(p).map_or_else(
            || p.to_string(),
            |pl| format!("{} {}", pl.name_en, pl.name_ar),
        );
        ui.horizontal(|ui| {
            ui.label("Place:");
            rtl::bidi_label(ui, &name);
            if ui.small_button("All places").clicked() {
                cmds.push(AppCommand::SetPlaceFilter(None));
            }
        });
    }
    ui.separator();

    let selected_row = input
        .selected
        .and_then(|s| input.filtered.iter().position(|&id| id == s));
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .column(Column::initial(150.0).at_least(90.0))
        .column(Column::initial(95.0).at_least(60.0))
        .column(Column::initial(140.0).at_least(60.0))
        .column(Column::remainder().at_least(120.0).clip(true));
    if let (true, Some(row)) = (input.scroll_to_selected, selected_row) {
        table = table.scroll_to_row(row, Some(egui::Align::Center));
    }
    table
        .header(ROW_HEIGHT, |mut header| {
            header.col(|ui| {
                let arrow = match input.sort {
                    SortOrder::DateAscending => "Date: oldest first",
                    SortOrder::DateDescending => "Date: newest first",
                };
                if ui.button(arrow).on_hover_text("Sort by date").clicked() {
                    cmds.push(AppCommand::SetSort(match input.sort {
                        SortOrder::DateAscending => SortOrder::DateDescending,
                        SortOrder::DateDescending => SortOrder::DateAscending,
                    }));
                }
            });
            header.col(|ui| {
                ui.strong("Kind");
            });
            header.col(|ui| {
                ui.strong("Places");
            });
            header.col(|ui| {
                ui.strong("Sentence");
            });
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, input.filtered.len(), |mut row| {
                let Some(&id) = input.filtered.get(row.index()) else {
                    return;
                };
                let Some(ev) = input.corpus.event(id) else {
                    return;
                };
                row.set_selected(input.selected == Some(id));
                row.col(|ui| {
                    let text = match &ev.date {
                        Some(d) => format_span(d),
                        None => "undated".into(),
                    };
                    let weak = ev
                        .date
                        .as_ref()
                        .is_none_or(|d| d.basis == crate::model::DateBasis::Article);
                    let rt = egui::RichText::new(text);
                    ui.label(if weak { rt.weak() } else { rt })
                        .on_hover_text(ev.date.as_ref().map_or("no date found", |d| &*d.evidence));
                });
                row.col(|ui| {
                    ui.colored_label(kind_color(ev.kind), ev.kind.as_str());
                });
                row.col(|ui| {
                    let names: Vec<&str> = ev
                        .places
                        .iter()
                        .filter_map(|p| input.gazetteer.get(p).map(|p| p.name_en.as_str()))
                        .collect();
                    ui.add(egui::Label::new(names.join(", ")).truncate());
                });
                row.col(|ui| {
                    rtl::bidi_line(ui, &first_words(input.corpus.sentence(ev), 16));
                });
                if row.response().clicked() {
                    cmds.push(AppCommand::Select(Some(id)));
                }
            });
        });
}
