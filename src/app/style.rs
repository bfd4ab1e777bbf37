//! Colours and sizes in one place.

use egui::Color32;

use crate::events::EventKind;

/// One distinct colour per event kind (Tableau-like palette, readable on the
/// dark and the light theme).
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Defection => Color32::from_rgb(0x4e, 0x9a, 0xe6),
        EventKind::Assassination => Color32::from_rgb(0xe1, 0x57, 0x59),
        EventKind::Execution => Color32::from_rgb(0xb0, 0x3a, 0x8a),
        EventKind::Infighting => Color32::from_rgb(0xf2, 0x8e, 0x2b),
        EventKind::Battle => Color32::from_rgb(0xed, 0xc9, 0x48),
        EventKind::Airstrike => Color32::from_rgb(0x76, 0xb7, 0xb2),
        EventKind::Bombing => Color32::from_rgb(0xff, 0x5c, 0x33),
        EventKind::Capture => Color32::from_rgb(0x59, 0xa1, 0x4f),
        EventKind::Withdrawal => Color32::from_rgb(0x9c, 0x75, 0x5f),
        EventKind::Arrest => Color32::from_rgb(0xaf, 0x7a, 0xa1),
        EventKind::Displacement => Color32::from_rgb(0x86, 0xbc, 0xb6),
        EventKind::Other => Color32::from_rgb(0xba, 0xb0, 0xac),
    }
}

/// Background of the selected event's sentence in the source panel.
pub const SENTENCE_HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(0x6a, 0x55, 0x00, 0x90);
/// Background of date mentions.
pub const DATE_HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(0x1f, 0x4e, 0x79, 0xa0);
/// Background of place mentions.
pub const PLACE_HIGHLIGHT: Color32 = Color32::from_rgba_premultiplied(0x23, 0x5e, 0x2a, 0xa0);

/// Radius of a day-grain marker on the timeline, in points.
pub const MARKER_RADIUS: f32 = 4.5;
/// How close the pointer must be to an event to hover it, in points.
pub const HOVER_DISTANCE: f32 = 8.0;
/// Height of one timeline lane relative to the lane spacing.
pub const BAR_HEIGHT: f32 = 0.5;

/// A small coloured dot (filled or hollow) or bar, as a legend swatch. Drawn
/// rather than written: the bundled fonts have no ● ○ ▬ glyphs.
pub fn swatch(ui: &mut egui::Ui, color: Color32, shape: Swatch) -> egui::Response {
    let size = egui::vec2(12.0, ui.spacing().interact_size.y.min(16.0));
    let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::hover());
    let c = rect.center();
    let p = ui.painter();
    match shape {
        Swatch::Dot => {
            p.circle_filled(c, MARKER_RADIUS, color);
        }
        Swatch::Ring => {
            p.circle_stroke(c, MARKER_RADIUS - 0.75, egui::Stroke::new(1.5, color));
        }
        Swatch::Bar => {
            let r = egui::Rect::from_center_size(c, egui::vec2(12.0, 6.0));
            p.rect_filled(r, 1.0, color.gamma_multiply(0.5));
        }
    }
    resp
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Dot,
    Ring,
    Bar,
}
