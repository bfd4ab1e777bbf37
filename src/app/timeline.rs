//! The zoomable timeline. egui_plot gives the time axis, grid, pan and
//! zoom; the events are painted by hand on top with one hit-test for the
//! whole canvas (no widget per event), culled to the visible range and binned
//! into per-pixel columns when too dense to draw one by one.

use std::collections::{BTreeSet, HashMap};

use egui::{Color32, Pos2, Rect, Stroke, Vec2};
use egui_plot::{GridMark, Plot};
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Event};
use crate::events::EventKind;
use crate::model::{DateBasis, EventId, Grain, PlaceId};
use crate::places::{Gazetteer, PlaceKind};

use super::filters::EventIndex;
use super::style::{kind_color, swatch, Swatch, BAR_HEIGHT, HOVER_DISTANCE, MARKER_RADIUS};
use super::time_axis::{format_span, grid_marks, mark_label, MonthNames};
use super::{rtl, AppCommand};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LaneMode {
    #[default]
    Kind,
    Place,
}

/// Lanes shown when one lane per place: the most frequent places, the rest
/// share an "other places" lane (more lanes than this stop being readable).
const MAX_PLACE_LANES: usize = 8;

/// Above this many events in view, draw density columns instead of markers:
/// beyond it markers overlap into a solid band anyway, and at 4,000 long bars
/// tessellation alone took 12 ms a frame (ui_frame bench, 175k events).
const MAX_MARKERS: usize = 2000;

/// Below this many events in view, faint bars get dashed outlines.
const MAX_DETAILED: usize = 300;

#[derive(Debug, Default)]
pub struct TimelineState {
    /// What the timeline draws, rebuilt only when the filtered view changes.
    data: Option<TimelineData>,
    fit_requested: bool,
    /// A view asked for (by a command), applied on the next frame.
    requested_view: Option<(f64, f64)>,
    visible: Option<(f64, f64)>,
}

impl TimelineState {
    /// Show the x range `lo..hi` (days since 1970) from the next frame on.
    pub fn set_view(&mut self, lo: f64, hi: f64) {
        if lo.is_finite() && hi.is_finite() && lo < hi {
            self.requested_view = Some((lo, hi));
        }
    }

    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// The visible x range (days since 1970), once drawn.
    pub fn visible_x(&self) -> Option<(f64, f64)> {
        self.visible
    }
}

pub struct TimelineInput<'a> {
    /// Changes whenever `filtered` or the corpus does.
    pub view_version: u64,
    pub corpus: &'a Corpus,
    pub index: &'a [EventIndex],
    pub filtered: &'a [EventId],
    pub gazetteer: &'a Gazetteer,
    pub selected: Option<EventId>,
    pub lanes: LaneMode,
    pub month_names: MonthNames,
    pub hidden_kinds: &'a BTreeSet<EventKind>,
}

/// Lane names and each filtered event's lane, in the filtered order (a
/// list, not a map by id: a map of 100,000 events cost more to build than
/// everything else here).
struct Lanes {
    names: Vec<String>,
    of_filtered: Vec<Option<usize>>,
}

/// The filtered events as the timeline draws them, built once per view
/// change instead of every frame (100,000 events would cost tens of ms).
#[derive(Debug)]
struct TimelineData {
    key: (u64, LaneMode),
    names: Vec<String>,
    /// Dated filtered events as (start x, end x, id, lane), sorted by start,
    /// so the visible ones are a prefix scan.
    dated: Vec<(f64, f64, EventId, usize)>,
    data_range: Option<(f64, f64)>,
    per_kind: Vec<(EventKind, usize)>,
    undated: Vec<EventId>,
}

impl TimelineData {
    fn build(input: &TimelineInput<'_>) -> Self {
        let lanes = lanes(input);
        let mut dated = Vec::with_capacity(input.filtered.len());
        dated.extend(
            input
                .filtered
                .iter()
                .zip(&lanes.of_filtered)
                .filter_map(|(&id, &lane)| {
                    let (s, e) = input.index.get(id)?.x_range?;
                    Some((s, e, id, lane?))
                }),
        );
        // Usually sorted already (the list's order is by date): a sort
        // that needs no scratch memory and takes one pass over sorted or
        // reversed input.
        dated.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        let data_range = dated.iter().fold(None, |acc: Option<(f64, f64)>, d| {
            Some(match acc {
                None => (d.0, d.1),
                Some((a, b)) => (a.min(d.0), b.max(d.1)),
            })
        });
        let mut counts = [0usize; EventKind::ALL.len()];
        for e in &input.corpus.events {
            if let Some(i) = EventKind::ALL.iter().position(|k| *k == e.kind) {
                if let Some(c) = counts.get_mut(i) {
                    *c += 1;
                }
            }
        }
        let per_kind = EventKind::ALL
            .into_iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .collect();
        let undated = input
            .filtered
            .iter()
            .copied()
            .filter(|&id| input.index.get(id).is_some_and(|ix| ix.x_range.is_none()))
            .collect();
        Self {
            key: (input.view_version, input.lanes),
            names: lanes.names,
            dated,
            data_range,
            per_kind,
            undated,
        }
    }
}

/// The place an event is drawn under: its most specific place.
fn primary_place<'a>(e: &'a Event, g: &Gazetteer) -> Option<&'a PlaceId> {
    e.places
        .iter()
        .max_by_key(|p| g.get(p).map_or(0, |p| specificity(p.kind)))
}

fn specificity(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country => 0,
        PlaceKind::Region => 1,
        PlaceKind::Governorate => 2,
        PlaceKind::District => 3,
        PlaceKind::City => 4,
        PlaceKind::Town => 5,
        PlaceKind::Village => 6,
        PlaceKind::Neighbourhood => 7,
    }
}

fn lanes(input: &TimelineInput<'_>) -> Lanes {
    let events = input.filtered.iter().map(|&id| input.corpus.event(id));
    match input.lanes {
        LaneMode::Kind => {
            let present: BTreeSet<EventKind> = input.corpus.events.iter().map(|e| e.kind).collect();
            let kinds: Vec<EventKind> = present
                .into_iter()
                .filter(|k| !input.hidden_kinds.contains(k))
                .collect();
            let of_filtered = events
                .map(|e| {
                    let kind = e?.kind;
                    kinds.iter().position(|k| *k == kind)
                })
                .collect();
            Lanes {
                names: kinds.iter().map(|k| k.to_string()).collect(),
                of_filtered,
            }
        }
        LaneMode::Place => {
            let mut counts: HashMap<&PlaceId, usize> = HashMap::new();
            for e in events.clone().flatten() {
                if let Some(p) = primary_place(e, input.gazetteer) {
                    *counts.entry(p).or_default() += 1;
                }
            }
            let mut top: Vec<(&PlaceId, usize)> = counts.into_iter().collect();
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            top.truncate(MAX_PLACE_LANES);
            let mut names: Vec<String> = top
                .iter()
                .map(|(p, _)| {
                    input
                        .gazetteer
                        .get(p)
                        .map_or_else(|| p.to_string(), |pl| pl.name_en.clone())
                })
                .collect();
            let other = names.len();
            names.push("other / none".into());
            let of_filtered = events
                .map(|e| {
                    let lane = primary_place(e?, input.gazetteer)
                        .and_then(|p| top.iter().position(|(t, _)| *t == p))
                        .unwrap_or(other);
                    Some(lane)
                })
                .collect();
            Lanes { names, of_filtered }
        }
    }
}

/// Lanes are drawn top to bottom: lane 0 at the top.
fn lane_y(lane: usize, n: usize) -> f64 {
    (n.saturating_sub(1) - lane.min(n.saturating_sub(1))) as f64
}

pub fn timeline_ui(
    ui: &mut egui::Ui,
    state: &mut TimelineState,
    input: &TimelineInput<'_>,
    cmds: &mut Vec<AppCommand>,
) {
    let key = (input.view_version, input.lanes);
    let data = match state.data.take() {
        Some(d) if d.key == key => d,
        old => {
            // Gone before the new one is built: at 100,000 events each is
            // several MB.
            drop(old);
            TimelineData::build(input)
        }
    };
    legend_ui(ui, input, &data, cmds);
    let n = data.names.len().max(1);
    let month_names = input.month_names;

    let plot = Plot::new("timeline_plot")
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_drag([true, false])
        .show_x(false)
        .show_y(false)
        .show_grid([true, false])
        .x_grid_spacer(grid_marks)
        .x_axis_formatter(move |m: GridMark, _| mark_label(&m, month_names))
        // Lane names are painted inside the plot (egui_plot thins dense
        // axis labels away).
        .show_axes([true, false]);

    let fit = std::mem::take(&mut state.fit_requested);
    let requested = state.requested_view.take();
    let data_range = data.data_range;
    let ctx = ui.ctx().clone();
    let resp = plot.show(ui, |pui| {
        if fit || !pui.plot_bounds().is_valid_x() {
            let (lo, hi) = data_range.unwrap_or((16000.0, 17500.0));
            // More room on the left, where the lane names are painted.
            let pad = ((hi - lo) * 0.05).max(15.0);
            pui.set_plot_bounds_x(lo - 2.5 * pad..=hi + pad);
        }
        if let Some((lo, hi)) = requested {
            pui.set_plot_bounds_x(lo..=hi);
        }
        pui.set_plot_bounds_y(-0.5..=n as f64 - 0.5);
        if pui.response().hovered() {
            let (scroll, pinch) = ctx.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
            // Scroll up zooms in, around the pointer; 0.003 per point feels
            // like one wheel notch ≈ 20 %.
            let factor = (f64::from(scroll.y + scroll.x) * 0.003).exp() as f32 * pinch;
            if (factor - 1.0).abs() > 1e-4 {
                pui.zoom_bounds_around_hovered(Vec2::new(factor, 1.0));
            }
        }
        let b = pui.plot_bounds();
        (b.min()[0], b.max()[0])
    });
    state.visible = Some(resp.inner);
    if resp.response.double_clicked() {
        state.request_fit();
        ui.ctx().request_repaint();
    }

    let rect = *resp.transform.frame();
    let painter = ui.painter_at(rect);
    let t = &resp.transform;
    let (vis_lo, vis_hi) = resp.inner;
    let lane_px = (t.dpos_dvalue_y().abs() as f32).max(4.0);
    let bar_h = (lane_px * BAR_HEIGHT).clamp(3.0, 18.0);

    let started = data.dated.partition_point(|d| d.0 <= vis_hi);
    let in_view = || {
        data.dated
            .get(..started)
            .unwrap_or(&[])
            .iter()
            .filter(move |d| d.1 >= vis_lo)
    };
    let visible_count = in_view().count();
    let dense = visible_count > MAX_MARKERS;
    let visible: Vec<(EventId, (f64, f64), usize)> = if dense {
        Vec::new()
    } else {
        in_view()
            .map(|&(s, e, id, lane)| (id, (s, e), lane))
            .collect()
    };
    // Outlines of faint bars are dashed only while few are drawn: dashes on
    // thousands of long bars cost more to tessellate than a frame allows.
    let detailed = visible_count <= MAX_DETAILED;

    // Lane names at the left edge, over a faint band so markers behind stay visible.
    let font = egui::FontId::proportional(11.0);
    for (lane, name) in data.names.iter().enumerate() {
        let y = t.position_from_point_y(lane_y(lane, n));
        let color = match input.lanes {
            LaneMode::Kind => EventKind::parse(name).map_or(Color32::GRAY, kind_color),
            LaneMode::Place => ui.visuals().text_color(),
        };
        let galley = painter.layout_no_wrap(name.clone(), font.clone(), color);
        let pos = Pos2::new(rect.left() + 4.0, y - galley.size().y / 2.0);
        painter.rect_filled(
            Rect::from_min_size(pos, galley.size()).expand(1.0),
            2.0,
            ui.visuals().extreme_bg_color.gamma_multiply(0.7),
        );
        painter.galley(pos, galley, color);
    }

    let pointer = resp.response.hover_pos();
    let mut hovered: Option<(EventId, f32)> = None;
    if dense {
        let lane_colors: Vec<Color32> = data
            .names
            .iter()
            .map(|name| match input.lanes {
                LaneMode::Kind => EventKind::parse(name).map_or(Color32::GRAY, kind_color),
                LaneMode::Place => ui.visuals().text_color(),
            })
            .collect();
        paint_density(&painter, t, rect, in_view(), &lane_colors, bar_h);
    } else {
        for &(id, (s, e), lane) in &visible {
            let Some(ev) = input.corpus.event(id) else {
                continue;
            };
            let y = t.position_from_point_y(lane_y(lane, n));
            let color = kind_color(ev.kind);
            let x0 = t.position_from_point_x(s);
            let x1 = t.position_from_point_x(e);
            let kind = date_kind(ev, input.corpus);
            let is_day = ev.date.as_ref().is_some_and(|d| d.grain == Grain::Day)
                || x1 - x0 < 2.0 * MARKER_RADIUS;
            let shape_rect = if is_day {
                let c = Pos2::new((x0 + x1) / 2.0, y);
                paint_marker(&painter, c, MARKER_RADIUS, color, kind);
                Rect::from_center_size(c, Vec2::splat(2.0 * MARKER_RADIUS))
            } else {
                // Month, year or range: a bar over the whole span, fainter
                // the less direct its date.
                let r = Rect::from_min_max(
                    Pos2::new(x0, y - bar_h / 2.0),
                    Pos2::new(x1.max(x0 + 2.0), y + bar_h / 2.0),
                );
                paint_bar(
                    &painter,
                    r.intersect(rect.expand(4.0)),
                    color,
                    kind,
                    detailed,
                );
                r
            };
            if Some(id) == input.selected {
                painter.rect_stroke(
                    shape_rect.expand(3.0),
                    3.0,
                    Stroke::new(2.0, ui.visuals().strong_text_color()),
                    egui::StrokeKind::Outside,
                );
            }
            if let Some(p) = pointer {
                let d = shape_rect.distance_to_pos(p);
                if d <= HOVER_DISTANCE && hovered.is_none_or(|(_, best)| d < best) {
                    hovered = Some((id, d));
                }
            }
        }
    }

    if let Some((id, _)) = hovered {
        if let Some(ev) = input.corpus.event(id) {
            resp.response
                .clone()
                .on_hover_ui_at_pointer(|ui| event_tooltip_ui(ui, ev, input));
        }
        if resp.response.clicked() {
            cmds.push(AppCommand::Select(Some(id)));
        }
    }
    state.data = Some(data);
}

/// Where an event's date comes from, as the timeline tells it at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    Explicit,
    Relative,
    /// Inherited from an article dated by its byline or file name.
    Article,
    /// Estimated (the article's date was inferred).
    Inferred,
    User,
}

pub fn date_kind(ev: &Event, corpus: &Corpus) -> DateKind {
    let Some(d) = &ev.date else {
        return DateKind::Inferred;
    };
    match d.basis {
        DateBasis::Explicit => DateKind::Explicit,
        DateBasis::Relative => DateKind::Relative,
        DateBasis::Inferred => DateKind::Inferred,
        DateBasis::User => DateKind::User,
        // Inherited: what the article's own date is.
        DateBasis::Article => match corpus
            .article(ev.article)
            .and_then(|a| a.date.as_ref())
            .map(|a| a.basis)
        {
            Some(DateBasis::Inferred) => DateKind::Inferred,
            Some(DateBasis::User) => DateKind::User,
            _ => DateKind::Article,
        },
    }
}

/// A day marker: filled circle (explicit), filled square (relative), ring
/// (article's date), dashed ring (inferred), diamond (set by the user).
pub fn paint_marker(p: &egui::Painter, c: Pos2, r: f32, color: Color32, kind: DateKind) {
    match kind {
        DateKind::Explicit => {
            p.circle_filled(c, r, color);
        }
        DateKind::Relative => {
            p.rect_filled(Rect::from_center_size(c, Vec2::splat(1.7 * r)), 1.0, color);
        }
        DateKind::Article => {
            p.circle_stroke(c, r - 0.75, Stroke::new(1.5, color));
        }
        DateKind::Inferred => {
            // Eight dashes round a circle.
            for i in 0..8 {
                let a0 = i as f32 * std::f32::consts::TAU / 8.0;
                let a1 = a0 + std::f32::consts::TAU / 16.0;
                let at = |a: f32| c + Vec2::angled(a) * (r - 0.75);
                p.line_segment([at(a0), at(a1)], Stroke::new(1.5, color));
            }
        }
        DateKind::User => {
            let pts = vec![
                c + Vec2::new(0.0, -r - 1.0),
                c + Vec2::new(r + 1.0, 0.0),
                c + Vec2::new(0.0, r + 1.0),
                c + Vec2::new(-r - 1.0, 0.0),
            ];
            p.add(egui::Shape::convex_polygon(pts, color, Stroke::NONE));
        }
    }
}

/// A month/year/range bar, its fill and outline telling the date's kind.
pub fn paint_bar(p: &egui::Painter, r: Rect, color: Color32, kind: DateKind, detailed: bool) {
    let (alpha, outline) = match kind {
        DateKind::Explicit => (80, Stroke::new(1.0, color)),
        DateKind::Relative => (60, Stroke::new(1.0, color.gamma_multiply(0.8))),
        DateKind::Article => (30, Stroke::new(1.0, color.gamma_multiply(0.7))),
        DateKind::Inferred => (18, Stroke::NONE),
        DateKind::User => (110, Stroke::new(2.0, color)),
    };
    // Square corners: fewer vertices to tessellate for thousands of bars.
    p.rect_filled(r, 0.0, color.gamma_multiply_u8(alpha));
    if !detailed {
        return;
    }
    if outline != Stroke::NONE {
        p.rect_stroke(r, 0.0, outline, egui::StrokeKind::Inside);
    } else {
        // Inferred: a dashed outline.
        let dash = 4.0;
        let mut x = r.left();
        while x < r.right() {
            let x2 = (x + dash).min(r.right());
            for y in [r.top(), r.bottom()] {
                p.line_segment([Pos2::new(x, y), Pos2::new(x2, y)], Stroke::new(1.0, color));
            }
            x += 2.0 * dash;
        }
    }
}

/// Too many events to draw one by one: count them per pixel column and lane
/// and draw each column as a bar whose opacity grows with the count.
fn paint_density<'a>(
    painter: &egui::Painter,
    t: &egui_plot::PlotTransform,
    rect: Rect,
    visible: impl Iterator<Item = &'a (f64, f64, EventId, usize)>,
    lane_colors: &[Color32],
    bar_h: f32,
) {
    let n = lane_colors.len().max(1);
    let cols = rect.width().max(1.0) as usize + 1;
    let mut bins = vec![0u32; cols * n];
    // x of the mid-point, in screen space, is linear in plot x.
    let x0 = t.position_from_point_x(0.0);
    let scale = t.dpos_dvalue_x() as f32;
    for &(s, e, _, lane) in visible {
        let mid = x0 + scale * ((s + e) / 2.0) as f32;
        let col = ((mid - rect.left()).max(0.0) as usize).min(cols - 1);
        if let Some(b) = bins.get_mut(lane * cols + col) {
            *b += 1;
        }
    }
    let lane_color = lane_colors.to_vec();
    let max = bins.iter().copied().max().unwrap_or(1).max(1) as f32;
    for lane in 0..n {
        let y = t.position_from_point_y(lane_y(lane, n));
        let color = lane_color.get(lane).copied().unwrap_or(Color32::GRAY);
        for col in 0..cols {
            let c = bins.get(lane * cols + col).copied().unwrap_or(0);
            if c == 0 {
                continue;
            }
            // Square root so single events stay visible beside dense columns.
            let strength = (c as f32 / max).sqrt().max(0.25);
            let x = rect.left() + col as f32;
            painter.rect_filled(
                Rect::from_min_max(
                    Pos2::new(x, y - bar_h / 2.0),
                    Pos2::new(x + 1.0, y + bar_h / 2.0),
                ),
                0.0,
                color.gamma_multiply(strength),
            );
        }
    }
}

fn event_tooltip_ui(ui: &mut egui::Ui, ev: &Event, input: &TimelineInput<'_>) {
    ui.set_max_width(420.0);
    ui.horizontal(|ui| {
        ui.colored_label(
            kind_color(ev.kind),
            egui::RichText::new(ev.kind.as_str()).strong(),
        );
        match &ev.date {
            Some(d) => ui.label(format!("{} ({:?})", format_span(d), d.basis).to_lowercase()),
            None => ui.label("undated"),
        };
    });
    if let Some(d) = &ev.date {
        rtl::bidi_label(ui, &d.evidence);
    }
    let places: Vec<String> = ev
        .places
        .iter()
        .filter_map(|p| input.gazetteer.get(p))
        .map(|p| format!("{} {}", p.name_en, p.name_ar))
        .collect();
    if !places.is_empty() {
        rtl::bidi_label(ui, &places.join(" · "));
    }
    rtl::bidi_label(ui, &first_words(input.corpus.sentence(ev), 24));
}

/// The first `n` words of a sentence, with an ellipsis when cut.
pub fn first_words(s: &str, n: usize) -> String {
    let mut words = s.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(n).collect();
    let mut out = head.join(" ");
    if words.next().is_some() {
        out.push_str(" …");
    }
    out
}

/// Legend: one toggle per kind (click hides or shows it), the marker key and
/// the undated count.
fn legend_ui(
    ui: &mut egui::Ui,
    input: &TimelineInput<'_>,
    data: &TimelineData,
    cmds: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        for &(kind, count) in &data.per_kind {
            let hidden = input.hidden_kinds.contains(&kind);
            let color = if hidden {
                ui.visuals().weak_text_color()
            } else {
                kind_color(kind)
            };
            swatch(ui, color, Swatch::Dot);
            let text = egui::RichText::new(format!("{kind} {count}")).color(color);
            let text = if hidden { text.strikethrough() } else { text };
            if ui
                .add(egui::Button::new(text).frame(false))
                .on_hover_text("Show or hide this kind")
                .clicked()
            {
                cmds.push(AppCommand::ToggleKind(kind));
            }
        }
        ui.separator();
        ui.weak("date:");
        let weak = ui.visuals().weak_text_color();
        for (kind, name) in [
            (DateKind::Explicit, "explicit"),
            (DateKind::Relative, "relative"),
            (DateKind::Article, "article's"),
            (DateKind::Inferred, "inferred"),
            (DateKind::User, "yours"),
        ] {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 14.0), egui::Sense::hover());
            paint_marker(ui.painter(), rect.center(), MARKER_RADIUS, weak, kind);
            ui.weak(name);
        }
        ui.weak("(bars: month, year or range)");
        let undated = &data.undated;
        ui.separator();
        ui.menu_button(format!("{} undated", undated.len()), |ui| {
            ui.label("Not on the timeline: no date of their own and no article date.");
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for id in undated {
                        let Some(e) = input.corpus.event(*id) else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            if ui.small_button(e.kind.as_str()).clicked() {
                                cmds.push(AppCommand::Select(Some(*id)));
                            }
                            rtl::bidi_label(ui, &first_words(input.corpus.sentence(e), 10));
                        });
                    }
                });
        });
    });
}
