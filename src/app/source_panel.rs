//! The source panel: the selected event's article with its sentence
//! highlighted and scrolled into view, date and place mentions marked.

use std::ops::Range;

use crate::corpus::{Article, Corpus, Event};
use crate::model::{ArticleId, ByteSpan, EventId};
use crate::places::Gazetteer;

use super::corrections::{corrections_ui, Drafts};
use super::rtl;
use super::style::kind_color;
use super::style::{swatch, Swatch, DATE_HIGHLIGHT, PLACE_HIGHLIGHT, SENTENCE_HIGHLIGHT};
use super::time_axis::format_span;
use super::AppCommand;

/// Items of a per-article list (sorted by article id) that belong to `id`.
fn of_article<T>(items: &[T], id: ArticleId, article: impl Fn(&T) -> ArticleId) -> &[T] {
    let lo = items.partition_point(|x| article(x) < id);
    let hi = items.partition_point(|x| article(x) <= id);
    items.get(lo..hi).unwrap_or(&[])
}

/// Paragraphs of `text` as byte ranges (split at line breaks, blank ones dropped).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\r' {
            if text.get(start..i).is_some_and(|p| !p.trim().is_empty()) {
                out.push(start..i);
            }
            start = i + c.len_utf8();
        }
    }
    if text.get(start..).is_some_and(|p| !p.trim().is_empty()) {
        out.push(start..text.len());
    }
    out
}

/// `span` clipped to `para` and made relative to it.
fn clip(span: ByteSpan, para: &Range<usize>) -> Option<Range<usize>> {
    let s = span.start.max(para.start);
    let e = span.end.min(para.end);
    (s < e).then(|| s - para.start..e - para.start)
}

#[allow(clippy::too_many_arguments)]
pub fn source_panel_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    gazetteer: &Gazetteer,
    selected: Option<EventId>,
    scroll: bool,
    drafts: &mut Drafts,
    can_undo: bool,
    cmds: &mut Vec<AppCommand>,
) {
    let Some(event) = selected.and_then(|id| corpus.event(id)) else {
        ui.heading("Source");
        ui.label("Select an event on the timeline or in the list to read its article here.");
        return;
    };
    let Some(article) = corpus.article(event.article) else {
        return;
    };
    header_ui(ui, article, gazetteer);
    event_summary_ui(ui, event, gazetteer);
    corrections_ui(ui, article, event, gazetteer, drafts, can_undo, cmds);
    ui.separator();

    let text = &article.text;
    let dates = of_article(&corpus.dates, article.id, |d| d.article);
    let places = of_article(&corpus.places, article.id, |p| p.article);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for para in paragraphs(text) {
                let Some(para_text) = text.get(para.clone()) else {
                    continue;
                };
                let mut hl: Vec<rtl::Highlight> = Vec::new();
                if let Some(r) = clip(event.span, &para) {
                    hl.push(rtl::Highlight::new(r, SENTENCE_HIGHLIGHT));
                }
                for d in dates {
                    if let Some(r) = clip(d.span, &para) {
                        hl.push(rtl::Highlight::new(r, DATE_HIGHLIGHT));
                    }
                }
                for p in places {
                    if let Some(r) = clip(p.span, &para) {
                        hl.push(rtl::Highlight::new(r, PLACE_HIGHLIGHT));
                    }
                }
                let resp = rtl::bidi_paragraph(ui, para_text, &hl);
                if scroll && para.contains(&event.span.start) {
                    resp.scroll_to_me(Some(egui::Align::Center));
                }
                ui.add_space(4.0);
            }
        });
}

/// The selected event: kind, date with its evidence, places, people, note.
fn event_summary_ui(ui: &mut egui::Ui, event: &Event, gazetteer: &Gazetteer) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            kind_color(event.kind),
            egui::RichText::new(event.kind.as_str()).strong(),
        );
        match &event.date {
            Some(d) => ui.label(format!("{} ({})", format_span(d), basis_name(d.basis))),
            None => ui.label("undated"),
        };
        if let Some(n) = event.people {
            ui.label(format!("{n} people"));
        }
        if event.hidden {
            ui.weak("(hidden)");
        }
    });
    if let Some(d) = &event.date {
        rtl::bidi_label(ui, &d.evidence);
    }
    let places: Vec<String> = event
        .places
        .iter()
        .filter_map(|p| gazetteer.get(p))
        .map(|p| format!("{} {}", p.name_en, p.name_ar))
        .collect();
    if !places.is_empty() {
        rtl::bidi_label(ui, &places.join(" · "));
    }
    if let Some(n) = &event.note {
        rtl::bidi_label(ui, &format!("Note: {n}"));
    }
}

/// The name a date basis has in the export and the legend.
pub fn basis_name(b: crate::model::DateBasis) -> &'static str {
    use crate::model::DateBasis as B;
    match b {
        B::Explicit => "explicit",
        B::Relative => "relative",
        B::Article => "article's date",
        B::Inferred => "inferred",
        B::User => "set by the user",
    }
}

fn header_ui(ui: &mut egui::Ui, article: &Article, gazetteer: &Gazetteer) {
    rtl::bidi_heading(ui, &article.title);
    egui::Grid::new("source_meta")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Date");
            match &article.date {
                Some(d) => {
                    ui.vertical(|ui| {
                        ui.label(format_span(d));
                        rtl::bidi_label(ui, &d.evidence);
                    });
                }
                None => {
                    ui.label("undated: no byline date and none in the file name");
                }
            }
            ui.end_row();
            if let Some(p) = article.main_place.as_ref().and_then(|p| gazetteer.get(p)) {
                ui.label("Mostly about");
                rtl::bidi_label(ui, &format!("{} {}", p.name_en, p.name_ar));
                ui.end_row();
            }
            if let Some(n) = &article.note {
                ui.label("Note");
                rtl::bidi_label(ui, n);
                ui.end_row();
            }
            ui.label("File");
            ui.label(&article.path);
            ui.end_row();
            ui.label("Encoding");
            ui.label(&article.encoding);
            ui.end_row();
        });
    ui.horizontal(|ui| {
        if ui
            .button("Copy text")
            .on_hover_text("Copy the article's original text (logical order)")
            .clicked()
        {
            ui.ctx().copy_text(article.text.to_string());
        }
        for (color, name) in [
            (SENTENCE_HIGHLIGHT, "sentence"),
            (DATE_HIGHLIGHT, "date"),
            (PLACE_HIGHLIGHT, "place"),
        ] {
            swatch(ui, color.to_opaque(), Swatch::Bar);
            ui.label(name);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_blank_lines_and_keep_offsets() {
        let t = "عنوان\r\n\r\nفقرة أولى\n  \nفقرة ثانية";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, ["عنوان", "فقرة أولى", "فقرة ثانية"]);
    }

    #[test]
    fn clip_makes_relative_ranges() {
        assert_eq!(clip(ByteSpan::new(5, 20), &(10..30)), Some(0..10));
        assert_eq!(clip(ByteSpan::new(0, 5), &(10..30)), None);
    }
}
