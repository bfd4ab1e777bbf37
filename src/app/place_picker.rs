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
    if tree.is_empty() {
        ui.label(egui::RichText::new("No places found yet.").weak());
        return;
    }
    // The tree as the rows it shows (its open branches), so only the rows
    // in view are laid out: a large folder names hundreds of places, and
    // laying out every header every frame was a third of a frame.
    let rows = visible_rows(ui.ctx(), tree);
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink([true, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in rows.get(range).unwrap_or(&[]) {
                row_ui(ui, row, gazetteer, selected, cmds);
            }
        });
}

/// One row of the picker: a place at its depth in the tree.
struct Row<'a> {
    node: &'a PlaceNode,
    depth: usize,
}

/// Where a place's open/closed state is kept.
fn state_id(node: &PlaceNode) -> egui::Id {
    egui::Id::unique(("place-picker", node.id.as_str()))
}

fn is_open(ctx: &egui::Context, node: &PlaceNode, depth: usize) -> bool {
    CollapsingState::load_with_default_open(ctx, state_id(node), depth < OPEN_DEPTH).is_open()
}

/// The rows shown: every place whose ancestors are all open, in tree order.
fn visible_rows<'a>(ctx: &egui::Context, tree: &'a [PlaceNode]) -> Vec<Row<'a>> {
    fn walk<'a>(ctx: &egui::Context, nodes: &'a [PlaceNode], depth: usize, out: &mut Vec<Row<'a>>) {
        for node in nodes {
            out.push(Row { node, depth });
            // Depth guard, as in `place_tree`.
            if !node.children.is_empty() && depth < 16 && is_open(ctx, node, depth) {
                walk(ctx, &node.children, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(ctx, tree, 0, &mut out);
    out
}

fn row_ui(
    ui: &mut egui::Ui,
    row: &Row<'_>,
    gazetteer: &Gazetteer,
    selected: Option<&PlaceId>,
    cmds: &mut Vec<AppCommand>,
) {
    let node = row.node;
    let place = gazetteer.get(&node.id);
    let name_en = place.map_or(node.id.as_str(), |p| p.name_en.as_str());
    let name_ar = place.map_or("", |p| p.name_ar.as_str());
    let is_selected = selected == Some(&node.id);
    ui.horizontal(|ui| {
        ui.add_space(ui.spacing().indent * row.depth as f32);
        if node.children.is_empty() {
            // Line up leaves with the branches' names.
            ui.add_space(ui.spacing().indent);
        } else {
            let mut state = CollapsingState::load_with_default_open(
                ui.ctx(),
                state_id(node),
                row.depth < OPEN_DEPTH,
            );
            state.show_toggle_button(ui, egui::collapsing_header::paint_default_icon);
            state.store(ui.ctx());
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, children: Vec<PlaceNode>) -> PlaceNode {
        PlaceNode {
            id: PlaceId(id.into()),
            count: 1,
            children,
        }
    }

    fn ids(rows: &[Row<'_>]) -> Vec<(String, usize)> {
        rows.iter()
            .map(|r| (r.node.id.as_str().to_string(), r.depth))
            .collect()
    }

    /// Countries and governorates start open, so cities show, but not what
    /// lies below a city; closing a branch hides its rows, opening shows them.
    #[test]
    fn rows_follow_the_open_branches() {
        let tree = vec![
            node(
                "syria",
                vec![node(
                    "raqqa-governorate",
                    vec![node("raqqa", vec![node("hay-rumaila", vec![])])],
                )],
            ),
            node("iraq", vec![]),
        ];
        let ctx = egui::Context::default();
        let rows = visible_rows(&ctx, &tree);
        assert_eq!(
            ids(&rows),
            [
                ("syria".to_string(), 0),
                ("raqqa-governorate".to_string(), 1),
                ("raqqa".to_string(), 2),
                ("iraq".to_string(), 0),
            ]
        );
        let mut gov =
            CollapsingState::load_with_default_open(&ctx, state_id(&tree[0].children[0]), true);
        gov.set_open(false);
        gov.store(&ctx);
        let raqqa = &tree[0].children[0].children[0];
        let mut city = CollapsingState::load_with_default_open(&ctx, state_id(raqqa), false);
        city.set_open(true);
        city.store(&ctx);
        assert_eq!(
            ids(&visible_rows(&ctx, &tree)).len(),
            3,
            "governorate closed"
        );
        gov.set_open(true);
        gov.store(&ctx);
        assert_eq!(
            ids(&visible_rows(&ctx, &tree)).get(3),
            Some(&("hay-rumaila".to_string(), 3))
        );
    }
}
