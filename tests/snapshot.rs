//! A rendered snapshot of Arabic text through egui's real renderer (wgpu,
//! headless with Mesa's lavapipe), so an egui upgrade that changes shaping or
//! bidi is caught. The reference image is `tests/snapshots/arabic_paragraph.png`;
//! regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test snapshot` and look at it.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use newsline::app::fonts;
use newsline::app::rtl::{self, Highlight};

const TEXT: &str = "قال \"محمد عدنان\" إن 200 جثة عثر عليها قرب Kobani في 29/6/2017، \
و على صعيد متصل تحتفل الأحزاب الكردية وعدد من فصائل الجيش الحر بتحرير مدينة عين عرب (كوباني) من تنظيم داعش.";

#[test]
fn arabic_paragraph_snapshot() {
    let place = TEXT.find("كوباني").unwrap();
    let highlights = [Highlight::new(
        place..place + "كوباني".len(),
        egui::Color32::DARK_GREEN,
    )];
    let mut harness = Harness::builder()
        .with_size(egui::vec2(460.0, 200.0))
        .wgpu()
        .with_context_setup(fonts::install_fonts)
        .build_ui(move |ui| {
            ui.set_width(440.0);
            rtl::bidi_heading(ui, "انشقاقات واغتيالات يشهدها تنظيم داعش");
            rtl::bidi_paragraph(ui, TEXT, &highlights);
        });
    harness.run();
    harness.snapshot("arabic_paragraph");
}

/// egui's harness panics on a glyph no font has; the layout shows a
/// stand-in instead («⇒» → «=>»), so such text never reaches the shaper.
#[test]
fn characters_no_font_has_get_stand_ins() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(400.0, 120.0))
        .with_context_setup(fonts::install_fonts)
        .build_ui(|ui| {
            rtl::bidi_label(ui, "«قبل أيام» ⇒ 2014-04-16 → 2014-04-23 ✓");
        });
    harness.run();
    harness.get_by_label("«قبل أيام» ⇒ 2014-04-16 → 2014-04-23 ✓");
}
