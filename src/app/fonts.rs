//! Fonts for the window: egui's defaults plus an embedded Arabic face.
//!
//! egui's default fonts cover Latin and Cyrillic only. Noto Naskh Arabic
//! (SIL Open Font License, `assets/fonts/OFL.txt`) is added *after* the
//! default text fonts, so Latin keeps egui's look and only characters those
//! fonts lack (Arabic letters, marks, Arabic-Indic digits, Arabic
//! punctuation) fall back to Noto. Before it, a subset of Noto Sans with
//! the Latin letters of transliterated place names egui's font lacks
//! («Ḩarastā», «Ḑuraytān», combining marks). It goes *before* egui's icon and emoji
//! fonts, which egui itself lists as the last resort; they stay in place.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Name under which the Arabic face is registered in [`FontDefinitions`].
pub const ARABIC_FONT: &str = "NotoNaskhArabic-Regular";

static ARABIC_FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf");

/// Name of the Latin Extended face (Noto Sans, U+0100–024F, U+0300–036F,
/// U+1E00–1EFF only: 84 KB instead of 600).
pub const LATIN_EXTENDED_FONT: &str = "NotoSans-LatinExtended";

static LATIN_EXTENDED_FONT_BYTES: &[u8] =
    include_bytes!("../../assets/fonts/NotoSans-LatinExtended.ttf");

/// egui's last-resort fonts (icons, emoji). Noto Naskh goes in front of the
/// first of these, so a char both have (the emoji fonts carry digits and
/// some punctuation) keeps resolving as before for Latin text while Arabic
/// text never lands in an emoji face.
const LAST_RESORT: [&str; 3] = ["egui-icons", "NotoEmoji-Regular", "emoji-icon-font"];

/// egui's default fonts with the Latin Extended subset and Noto Naskh Arabic
/// added to the Proportional and Monospace families, right after their text
/// fonts.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        ARABIC_FONT.to_owned(),
        Arc::new(FontData::from_static(ARABIC_FONT_BYTES)),
    );
    defs.font_data.insert(
        LATIN_EXTENDED_FONT.to_owned(),
        Arc::new(FontData::from_static(LATIN_EXTENDED_FONT_BYTES)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let names = defs.families.entry(family).or_default();
        if names.iter().any(|n| n == ARABIC_FONT) {
            continue;
        }
        let at = names
            .iter()
            .position(|n| LAST_RESORT.contains(&n.as_str()))
            .unwrap_or(names.len());
        names.insert(at, ARABIC_FONT.to_owned());
        names.insert(at, LATIN_EXTENDED_FONT.to_owned());
    }
    defs
}

/// Install [`font_definitions`] on `ctx`. Call once at start-up (calling it
/// again is cheap: egui ignores identical definitions).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_face_follows_text_fonts_and_precedes_emoji() {
        let defs = font_definitions();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let names = defs.families.get(&family).cloned().unwrap_or_default();
            let arabic = names.iter().position(|n| n == ARABIC_FONT);
            let text_font = if family == FontFamily::Proportional {
                "Ubuntu-Light"
            } else {
                "Hack"
            };
            let latin = names.iter().position(|n| n == text_font);
            assert!(latin.is_some() && arabic.is_some(), "{family:?}: {names:?}");
            assert!(latin < arabic, "{family:?}: {names:?}");
            // The icon font stays, after the Arabic face.
            let icons = names.iter().position(|n| n == "egui-icons");
            assert!(icons.is_some() && arabic < icons, "{family:?}: {names:?}");
        }
    }

    fn started(ctx: &egui::Context) {
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
    }

    fn width(ctx: &egui::Context, text: &str) -> f32 {
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
                .size()
                .x
        })
    }

    #[test]
    fn installed_fonts_cover_arabic_and_keep_latin_in_default_font() {
        let plain = egui::Context::default();
        started(&plain);
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        started(&ctx);
        let font = egui::FontId::proportional(14.0);
        let arabic = "عثر عليها قرب الرقة ٢٠١٧ ،؟ مُحَمَّد";
        assert!(!plain.fonts_mut(|f| f.has_glyphs(&font, "عثر")));
        assert!(ctx.fonts_mut(|f| f.has_glyphs(&font, arabic)));
        // Latin, digits and punctuation still come from egui's own font:
        // same advance as without the Arabic face.
        let latin = "Kobani, 29/6/2017 (Syria) «quote»";
        assert_eq!(width(&plain, latin), width(&ctx, latin));
        // Every letter of the gazetteer's names has a glyph («Ḑuraytān»,
        // «Ḩarastā», «Şūrān»): egui's own font lacks some.
        let names: String = crate::places::Gazetteer::builtin()
            .places()
            .iter()
            .map(|p| p.name_en.as_str())
            .collect();
        let missing: std::collections::BTreeSet<char> = names
            .chars()
            .filter(|&c| !ctx.fonts_mut(|f| f.has_glyphs(&font, &c.to_string())))
            .collect();
        assert!(missing.is_empty(), "{missing:?}");
        assert!(!plain.fonts_mut(|f| f.has_glyphs(&font, "Ḑ")));
        // Idempotent: the face is listed once per family.
        install_fonts(&ctx);
        let defs = font_definitions();
        let n = defs
            .families
            .get(&FontFamily::Proportional)
            .map_or(0, |v| v.iter().filter(|n| *n == ARABIC_FONT).count());
        assert_eq!(n, 1);
    }
}
