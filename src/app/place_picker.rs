//! The place picker: the hierarchy of places that have events, with counts
//! that include everything below (choosing Syria includes Raqqa).

use egui::collapsing_header::CollapsingState;

use crate::model::PlaceId;
use crate::places::Gazetteer;

use super::filters::PlaceNode;
use super::{rtl, AppCommand};

/// Levels open by default: countries and governorates, so their cities show.
const OPEN_DEPTH: usize = 2;

pub fn place_picker_ui(
    ui: &mut egui::Ui,
    tree: &[PlaceNode],
    gazetteer: &Gazetteer,
    selected: Option<&PlaceId>,
    total_events: usize,
    cmds: &mut Vec<AppCommand>,
) {
    ui.heading("Places");
    if ui
        .selectable_label(selected.is_none(), format!("All places ({total_events})"))
        .clicked()
    {
        cmds.push(AppCommand::SetPlaceFilter(None));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([true, false])
        .show(ui, |ui| {
            for node in tree {
                node_ui(ui, node, gazetteer, selected, 0, cmds);
            }
            if tree.is_empty() {
                ui.label(egui::RichText::new("No places found yet.").weak());
            }
        });
}

fn node_ui(
    ui: &mut egui::Ui,
    node: &PlaceNode,
    gazetteer: &Gazetteer,
    selected: Option<&PlaceId>,
    depth: usize,
    cmds: &mut Vec<AppCommand>,
) {
    let place = gazetteer.get(&node.id);
    let name_en = place.map_or(node.id.as_str(), |p| p.name_en.as_str());
    let name_ar = place.map_or("", |p| p.name_ar.as_str());
    let is_selected = selected == Some(&node.id);
    let mut header = |ui: &mut egui::Ui| {
        ui.horizontal(|ui| {
            let r = ui.selectable_label(is_selected, name_en);
            if r.clicked() {
                cmds.push(AppCommand::SetPlaceFilter(if is_selected {
                    None
                } else {
                    Some(node.id.clone())
                }));
            }
            if !name_ar.is_empty() {
                rtl::bidi_line(ui, name_ar);
            }
            ui.label(egui::RichText::new(format!("{}", node.count)).weak());
        });
    };
    if node.children.is_empty() {
        // Off-screen leaves only take their room: a folder naming hundreds of
        // places would otherwise lay out every row every frame.
        let row = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
        if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, row)) {
            ui.allocate_space(row);
            return;
        }
        ui.horizontal(|ui| {
            // Line up leaves with the headers' text.
            ui.add_space(ui.spacing().indent);
            header(ui);
        });
        return;
    }
    let id = ui.make_persistent_id(("place", node.id.as_str()));
    CollapsingState::load_with_default_open(ui.ctx(), id, depth < OPEN_DEPTH)
        .show_header(ui, |ui| header(ui))
        .body(|ui| {
            for child in &node.children {
                node_ui(ui, child, gazetteer, selected, depth + 1, cmds);
            }
        });
}
