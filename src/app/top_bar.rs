//! The menu bar (folder, view options, loading progress, the warnings
//! badge) and the warnings window.

use super::time_axis::MonthNames;
use super::timeline::LaneMode;
use super::{default_folder, rtl, AppCommand, NewslineApp};

impl NewslineApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<AppCommand>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    cmds.push(AppCommand::PickFolder);
                }
                if ui.button("Open the sample (seeds/)").clicked() {
                    cmds.push(AppCommand::OpenFolder(default_folder()));
                }
                if let Some(last) = self.previous_folder.clone() {
                    if last != self.view.corpus.root
                        && ui.button(format!("Reopen {}", last.display())).clicked()
                    {
                        cmds.push(AppCommand::OpenFolder(last));
                    }
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                ui.label("Timeline lanes");
                ui.radio_value(
                    &mut self.settings.lanes,
                    LaneMode::Kind,
                    "One lane per kind",
                );
                ui.radio_value(
                    &mut self.settings.lanes,
                    LaneMode::Place,
                    "One lane per place",
                );
                ui.separator();
                ui.label("Month names");
                ui.radio_value(
                    &mut self.settings.month_names,
                    MonthNames::English,
                    "English",
                );
                ui.radio_value(&mut self.settings.month_names, MonthNames::Arabic, "Arabic");
                ui.separator();
                ui.checkbox(&mut self.settings.show_places, "Places panel");
                ui.checkbox(&mut self.settings.show_source, "Source panel");
            });
            ui.separator();
            let folder = self.view.corpus.root.display().to_string();
            ui.label(egui::RichText::new(folder).weak());
            if let Some(l) = &self.loading {
                let label = match l.total {
                    Some(n) => format!("Loading {} of {n} files", l.done),
                    None => "Listing files…".to_string(),
                };
                ui.add(
                    egui::ProgressBar::new(l.fraction())
                        .desired_width(160.0)
                        .text(label),
                );
            } else {
                ui.label(format!(
                    "{} articles · {} events",
                    self.view.corpus.articles.len(),
                    self.view.corpus.events.len()
                ));
            }
            if let Some(e) = &self.load_error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            let n = self.view.corpus.warnings.len() + self.view.stale.len() + self.notices.len();
            if n > 0 {
                let badge = egui::Button::new(
                    egui::RichText::new(format!("{n} warnings")).color(ui.visuals().warn_fg_color),
                );
                if ui
                    .add(badge)
                    .on_hover_text("Files that could not be used, or only in part")
                    .clicked()
                {
                    self.show_warnings = !self.show_warnings;
                }
            }
        });
    }

    pub(super) fn warnings_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_warnings;
        egui::Window::new("Warnings")
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for w in &self.view.corpus.warnings {
                        ui.horizontal_wrapped(|ui| {
                            ui.strong(&w.path);
                            ui.label(&w.message);
                        });
                    }
                    if !self.view.stale.is_empty() {
                        ui.separator();
                        ui.strong("Corrections kept but not applied");
                        for s in &self.view.stale {
                            rtl::bidi_label(ui, &s.to_string());
                        }
                    }
                    for n in &self.notices {
                        ui.label(n);
                    }
                });
            });
        self.show_warnings = open;
    }
}
