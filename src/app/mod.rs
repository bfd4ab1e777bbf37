//! The egui viewer. It reads the model the library builds; the panels push
//! [`AppCommand`]s and [`NewslineApp::apply`] carries them out in one place.

pub mod corrections;
pub mod event_list;
pub mod filters;
pub mod folder_view;
pub mod fonts;
pub mod loading;
pub mod place_picker;
pub mod rtl;
mod screenshot;
pub mod search_text;
pub mod source_panel;
pub mod style;
pub mod time_axis;
pub mod timeline;
mod top_bar;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::annotations::Annotations;
use crate::corpus::{Corpus, Extractor};
use crate::events::EventKind;
use crate::loader::FileWarning;
use crate::model::{EventId, PlaceId};
use crate::places::Gazetteer;

use filters::{Filters, PlaceNode, SortOrder};
use folder_view::FolderView;
use loading::{LoadMsg, Loading};
use screenshot::ScreenshotJob;
use time_axis::MonthNames;
use timeline::{LaneMode, TimelineState};

/// Everything the filtered list depends on: filters, the visible range (whole
/// days, when that filter is on), the corpus generation and the sort.
type FilterKey = (Filters, Option<(i64, i64)>, u64, SortOrder);

/// How the binary starts the window.
pub struct Options {
    /// Folder to open; `None`: the bundled `seeds/`.
    pub folder: Option<PathBuf>,
    /// Save a screenshot here once loaded, then exit.
    pub screenshot: Option<PathBuf>,
    pub gazetteer: Gazetteer,
}

/// What the user asked for; applied in [`NewslineApp::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    Select(Option<EventId>),
    /// Move the selection within the filtered list (↑/↓).
    SelectRelative(isize),
    SetPlaceFilter(Option<PlaceId>),
    ToggleKind(EventKind),
    SetSearch(String),
    ClearFilters,
    OpenFolder(PathBuf),
    PickFolder,
    SetSort(SortOrder),
    /// A user correction, stored and applied at once.
    Correct(corrections::Correction),
    /// Take back the last correction.
    Undo,
    /// Show this x range (days since 1970) on the timeline.
    SetTimeView(f64, f64),
}

/// What persists between runs (eframe storage).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub last_folder: Option<PathBuf>,
    pub lanes: LaneMode,
    pub month_names: MonthNames,
    pub sort: SortOrder,
    pub show_source: bool,
    pub show_places: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            last_folder: None,
            lanes: LaneMode::Kind,
            month_names: MonthNames::English,
            sort: SortOrder::DateAscending,
            show_source: true,
            show_places: true,
        }
    }
}

const SETTINGS_KEY: &str = "newsline-settings";

/// While a folder loads, the list, timeline and place counts catch up with
/// the new articles this often (a refresh sorts and filters all of them:
/// ~30 ms at 100,000 events on a 2 GHz core).
const LOADING_REFRESH: Duration = Duration::from_millis(250);

/// While a folder loads, the window redraws this often (the progress bar,
/// the refreshed views); input still redraws at once.
const LOADING_REPAINT: Duration = Duration::from_millis(100);

/// Per frame, at most this much time goes to taking in loaded articles, so
/// the window stays responsive while a large folder streams in.
const DRAIN_BUDGET: Duration = Duration::from_millis(8);

pub struct NewslineApp {
    extractor: Arc<Extractor>,
    /// The open folder, corrections applied: what every view shows.
    pub view: FolderView,
    /// Where corrections were saved, or why they could not be.
    notices: Vec<String>,
    drafts: corrections::Drafts,
    /// Live updates of the open folder.
    watcher: Option<watch::FolderWatcher>,
    /// While a reload runs, new results gather here and the old view stays.
    incoming: Option<FolderView>,
    loading: Option<Loading>,
    /// When the filtered views were last recomputed while a folder loads.
    refreshed_at: Option<Instant>,
    load_error: Option<String>,
    pub filters: Filters,
    pub settings: Settings,
    /// Filtered, sorted event ids; recomputed only when `filtered_key` changes.
    pub filtered: Vec<EventId>,
    filtered_key: Option<FilterKey>,
    place_tree: Vec<PlaceNode>,
    /// Bumped whenever the corpus changes.
    generation: u64,
    /// Bumped whenever `filtered` is recomputed (views cache on it).
    view_version: u64,
    tree_generation: u64,
    pub selected: Option<EventId>,
    scroll_to_selected: bool,
    pub timeline: TimelineState,
    show_warnings: bool,
    focus_search: bool,
    folder_dialog: Option<std::sync::mpsc::Receiver<Option<PathBuf>>>,
    /// The folder open when newsline last closed (offered in File).
    previous_folder: Option<PathBuf>,
    screenshot: Option<ScreenshotJob>,
    /// Set when the screenshot is saved or failed; the binary exits with it.
    pub screenshot_result: Arc<Mutex<Option<Result<(), String>>>>,
}

/// The bundled sample: `seeds/` in the working directory, else beside the
/// crate (for `cargo run` from elsewhere).
pub fn default_folder() -> PathBuf {
    let here = PathBuf::from("seeds");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

impl NewslineApp {
    pub fn new(cc: &eframe::CreationContext<'_>, opts: Options) -> Self {
        fonts::install_fonts(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(opts.gazetteer, settings, opts.screenshot);
        app.open(opts.folder.unwrap_or_else(default_folder), &cc.egui_ctx);
        app
    }

    fn with_settings(
        gazetteer: Gazetteer,
        settings: Settings,
        screenshot: Option<PathBuf>,
    ) -> Self {
        Self {
            previous_folder: settings.last_folder.clone(),
            extractor: Arc::new(Extractor::new(gazetteer)),
            view: FolderView::default(),
            notices: Vec::new(),
            drafts: corrections::Drafts::default(),
            watcher: None,
            incoming: None,
            loading: None,
            refreshed_at: None,
            load_error: None,
            filters: Filters::default(),
            settings,
            filtered: Vec::new(),
            filtered_key: None,
            place_tree: Vec::new(),
            generation: 0,
            view_version: 0,
            tree_generation: u64::MAX,
            selected: None,
            scroll_to_selected: false,
            timeline: TimelineState::default(),
            show_warnings: false,
            focus_search: false,
            folder_dialog: None,
            screenshot: screenshot.map(|out| ScreenshotJob {
                out,
                frames_after_select: 0,
                requested: false,
                image: Arc::default(),
            }),
            screenshot_result: Arc::default(),
        }
    }

    /// An app showing an already extracted corpus: no loader thread, no
    /// folder watcher (benchmarks and tests of the views).
    pub fn from_corpus(ctx: &egui::Context, corpus: Corpus, gazetteer: Gazetteer) -> Self {
        fonts::install_fonts(ctx);
        let mut app = Self::with_settings(gazetteer, Settings::default(), None);
        app.view = FolderView::from_corpus(corpus, Annotations::new(), app.extractor.gazetteer());
        app.generation += 1;
        app.timeline.request_fit();
        app
    }

    /// An app loading `folder` in the background, as the window does, but
    /// without eframe's creation context (benchmarks of the load as the
    /// user sees it, and tests).
    pub fn loading_folder(ctx: &egui::Context, folder: PathBuf, gazetteer: Gazetteer) -> Self {
        fonts::install_fonts(ctx);
        let mut app = Self::with_settings(gazetteer, Settings::default(), None);
        app.open(folder, ctx);
        app
    }

    /// One frame's bookkeeping without drawing (what `App::logic` does):
    /// take in loaded files, apply commands, refresh the filtered views.
    pub fn step_logic(&mut self, ctx: &egui::Context) {
        self.receive();
        if let Some(rx) = &self.folder_dialog {
            if let Ok(picked) = rx.try_recv() {
                self.folder_dialog = None;
                if let Some(p) = picked {
                    self.open(p, ctx);
                }
            }
        }
        if self.loading.is_none() && self.watcher.as_mut().is_some_and(|w| w.poll()) {
            self.reload(ctx);
        }
        if self.watcher.as_ref().is_some_and(|w| w.is_pending()) {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        let mut cmds = Vec::new();
        self.keyboard(ctx, &mut cmds);
        self.dropped(ctx, &mut cmds);
        for c in cmds {
            self.apply(c, ctx);
        }
        self.refresh_views();
        self.screenshot_step(ctx);
        if self.loading.is_some() {
            ctx.request_repaint_after(LOADING_REPAINT);
        }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.extractor.gazetteer()
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Start loading `folder`, replacing what is shown.
    pub fn open(&mut self, folder: PathBuf, ctx: &egui::Context) {
        let repaint_ctx = ctx.clone();
        // Corrections are read first, so each article shows corrected as
        // it arrives.
        let (annotations, notices) = Annotations::load(&folder);
        self.view = FolderView::new(folder.clone(), annotations);
        self.notices = notices;
        self.selected = None;
        self.load_error = None;
        self.generation += 1;
        self.timeline.request_fit();
        self.settings.last_folder = Some(folder.clone());
        self.incoming = None;
        let watch_ctx = ctx.clone();
        self.watcher = watch::FolderWatcher::new(&folder, move || watch_ctx.request_repaint());
        self.loading = Some(Loading::start(folder, self.extractor.clone(), move || {
            repaint_ctx.request_repaint()
        }));
    }

    /// Load the open folder again after it changed on disk, keeping the
    /// current view (and selection, where its event still exists) until the
    /// new one is ready.
    fn reload(&mut self, ctx: &egui::Context) {
        let folder = self.view.corpus.root.clone();
        if folder.as_os_str().is_empty() {
            return;
        }
        let repaint_ctx = ctx.clone();
        // Corrections made while this runs are taken over when it ends.
        let annotations = self.view.annotations.clone();
        self.incoming = Some(FolderView::new(folder.clone(), annotations));
        self.loading = Some(Loading::start(folder, self.extractor.clone(), move || {
            repaint_ctx.request_repaint()
        }));
    }

    /// Take in what the loader has sent, within the frame's time budget.
    fn receive(&mut self) {
        let Some(loading) = &mut self.loading else {
            return;
        };
        let (msgs, finished) = loading.drain(DRAIN_BUDGET);
        let changed = !msgs.is_empty();
        let extractor = Arc::clone(&self.extractor);
        let gazetteer = extractor.gazetteer();
        let target = self.incoming.as_mut().unwrap_or(&mut self.view);
        for msg in msgs {
            match msg {
                LoadMsg::Files(files) => {
                    for file in files {
                        match file {
                            Ok(p) => target.push(p, gazetteer),
                            Err(w) => target.push_warning(w),
                        }
                    }
                }
                LoadMsg::Warning(w) => target.push_warning(w),
                LoadMsg::Failed(e) => self.load_error = Some(e),
                LoadMsg::Total(n) => target.expect_articles(n),
                LoadMsg::Done => {}
            }
        }
        if finished {
            self.loading = None;
            self.finish_load();
        }
        if changed || finished {
            self.generation += 1;
        }
    }

    /// Every file is in (in folder order, so ids are the same on every
    /// run). A reload takes over the corrections made meanwhile, and the
    /// selection where its event still exists.
    fn finish_load(&mut self) {
        let extractor = Arc::clone(&self.extractor);
        let gazetteer = extractor.gazetteer();
        let Some(mut incoming) = self.incoming.take() else {
            self.view.finish();
            // Fitted to the first articles so far: now to all of them.
            self.timeline.request_fit();
            return;
        };
        let selected_key = self.selected.and_then(|id| {
            let c = &self.view.corpus;
            let e = c.event(id)?;
            Some((c.article(e.article)?.path.clone(), e.span, e.kind))
        });
        incoming.adopt(std::mem::take(&mut self.view.annotations), gazetteer);
        incoming.finish();
        self.view = incoming;
        self.selected =
            selected_key.and_then(|(path, span, kind)| self.view.find_event(&path, span, kind));
    }

    /// Store one correction, save the store, and show the result.
    fn correct(&mut self, c: corrections::Correction) {
        let extractor = Arc::clone(&self.extractor);
        let gazetteer = extractor.gazetteer();
        self.view.correct(c, gazetteer);
        self.save_annotations();
        self.generation += 1;
    }

    fn save_annotations(&mut self) {
        match self.view.annotations.save(&self.view.corpus.root) {
            Ok(saved) => {
                if let Some(n) = saved.notice {
                    self.notices.push(n);
                }
            }
            Err(e) => self
                .notices
                .push(format!("corrections could not be saved: {e}")),
        }
    }

    /// Recompute the filtered list and place tree if an input changed.
    fn refresh_views(&mut self) {
        // The visible range matters only when that filter is on; quantised to
        // whole days so sub-pixel pans don't refilter.
        let visible = self.timeline.visible_x();
        let range_key = if self.filters.only_visible_range {
            visible.map(|(a, b)| (a.floor() as i64, b.ceil() as i64))
        } else {
            None
        };
        let key = (
            self.filters.clone(),
            range_key,
            self.generation,
            self.settings.sort,
        );
        // While a folder streams in, new articles alone refresh the views a
        // few times a second, not every frame: each refresh sorts and
        // filters everything loaded so far, on cores the loader needs.
        let only_new_articles = self
            .filtered_key
            .as_ref()
            .is_some_and(|(f, r, _, s)| (f, r, s) == (&key.0, &key.1, &key.3));
        if self.loading.is_some()
            && only_new_articles
            && !self.filtered.is_empty()
            && self
                .refreshed_at
                .is_some_and(|t| t.elapsed() < LOADING_REFRESH)
        {
            return;
        }
        if self.filtered_key.as_ref() != Some(&key) {
            self.refreshed_at = Some(Instant::now());
            self.view.merge_order();
            self.filtered = filters::filter_events(
                &self.view.corpus,
                &self.view.index,
                &self.view.search,
                self.view.order(),
                &self.filters,
                visible,
                self.settings.sort,
            );
            self.filtered_key = Some(key);
            self.view_version += 1;
        }
        if self.tree_generation != self.generation {
            self.place_tree =
                filters::place_tree(self.extractor.gazetteer(), &self.view.place_counts);
            self.tree_generation = self.generation;
        }
    }

    pub fn apply(&mut self, cmd: AppCommand, ctx: &egui::Context) {
        match cmd {
            AppCommand::Select(id) => {
                self.selected = id;
                self.scroll_to_selected = true;
            }
            AppCommand::SelectRelative(delta) => {
                let pos = self
                    .selected
                    .and_then(|s| self.filtered.iter().position(|&id| id == s));
                let next = match pos {
                    Some(p) => p
                        .saturating_add_signed(delta)
                        .min(self.filtered.len().saturating_sub(1)),
                    None => 0,
                };
                if let Some(&id) = self.filtered.get(next) {
                    self.selected = Some(id);
                    self.scroll_to_selected = true;
                }
            }
            AppCommand::SetPlaceFilter(p) => self.filters.place = p,
            AppCommand::ToggleKind(k) => {
                if !self.filters.hidden_kinds.remove(&k) {
                    self.filters.hidden_kinds.insert(k);
                }
            }
            AppCommand::SetSearch(s) => self.filters.text = s,
            AppCommand::ClearFilters => self.filters = Filters::default(),
            AppCommand::OpenFolder(p) => self.open(p, ctx),
            AppCommand::PickFolder => {
                if self.folder_dialog.is_none() {
                    let (tx, rx) = std::sync::mpsc::channel();
                    let start = self.view.corpus.root.clone();
                    // The dialog blocks: keep it off the UI thread.
                    let spawned = std::thread::Builder::new()
                        .name("newsline-folder-dialog".into())
                        .spawn(move || {
                            let picked = rfd::FileDialog::new().set_directory(start).pick_folder();
                            let _ = tx.send(picked);
                        });
                    if spawned.is_ok() {
                        self.folder_dialog = Some(rx);
                    }
                }
            }
            AppCommand::SetSort(s) => self.settings.sort = s,
            AppCommand::Correct(c) => {
                self.correct(c);
                // Drafts show the corrected values.
                self.drafts = corrections::Drafts::default();
            }
            AppCommand::SetTimeView(lo, hi) => self.timeline.set_view(lo, hi),
            AppCommand::Undo => {
                let extractor = Arc::clone(&self.extractor);
                let gazetteer = extractor.gazetteer();
                if self.view.undo(gazetteer) {
                    self.save_annotations();
                    self.generation += 1;
                    self.drafts = corrections::Drafts::default();
                }
            }
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context, cmds: &mut Vec<AppCommand>) {
        use egui::{Key, Modifiers};
        let text_focus = ctx.memory(|m| m.focused().is_some());
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::O) {
                cmds.push(AppCommand::PickFolder);
            }
            if i.consume_key(Modifiers::COMMAND, Key::F) {
                self.focus_search = true;
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                cmds.push(AppCommand::ClearFilters);
            }
            if !text_focus {
                if i.consume_key(Modifiers::COMMAND, Key::Z) {
                    cmds.push(AppCommand::Undo);
                }
                if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                    cmds.push(AppCommand::SelectRelative(1));
                }
                if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                    cmds.push(AppCommand::SelectRelative(-1));
                }
            }
        });
    }

    /// Dropped folders open; dropped files open their folder.
    fn dropped(&self, ctx: &egui::Context, cmds: &mut Vec<AppCommand>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            let folder = if p.is_dir() {
                Some(p)
            } else {
                p.parent().map(Path::to_path_buf)
            };
            if let Some(f) = folder {
                cmds.push(AppCommand::OpenFolder(f));
            }
        }
    }

    pub fn warnings(&self) -> &[FileWarning] {
        &self.view.corpus.warnings
    }
}

impl eframe::App for NewslineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.step_logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut cmds: Vec<AppCommand> = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar(ui, &mut cmds));
        if self.settings.show_places {
            egui::Panel::left("places")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    place_picker::place_picker_ui(
                        ui,
                        &self.place_tree,
                        self.extractor.gazetteer(),
                        self.filters.place.as_ref(),
                        self.view.index.len(),
                        &mut cmds,
                    );
                });
        }
        if self.settings.show_source {
            egui::Panel::right("source")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    source_panel::source_panel_ui(
                        ui,
                        &self.view.corpus,
                        self.extractor.gazetteer(),
                        self.selected,
                        std::mem::take(&mut self.scroll_to_selected) || self.screenshot.is_some(),
                        &mut self.drafts,
                        self.view.annotations.can_undo(),
                        &mut cmds,
                    );
                });
        }
        egui::Panel::top("timeline")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                timeline::timeline_ui(
                    ui,
                    &mut self.timeline,
                    &timeline::TimelineInput {
                        view_version: self.view_version,
                        corpus: &self.view.corpus,
                        index: &self.view.index,
                        filtered: &self.filtered,
                        gazetteer: self.extractor.gazetteer(),
                        selected: self.selected,
                        lanes: self.settings.lanes,
                        month_names: self.settings.month_names,
                        hidden_kinds: &self.filters.hidden_kinds,
                    },
                    &mut cmds,
                );
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            event_list::event_list_ui(
                ui,
                &event_list::ListInput {
                    corpus: &self.view.corpus,
                    gazetteer: self.extractor.gazetteer(),
                    filtered: &self.filtered,
                    selected: self.selected,
                    sort: self.settings.sort,
                    scroll_to_selected: self.scroll_to_selected,
                },
                &mut self.filters,
                &mut self.focus_search,
                &mut cmds,
            );
        });
        self.warnings_window(&ctx);
        for c in cmds {
            self.apply(c, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Open the window. Returns an error when the screenshot could not be saved.
pub fn run(opts: Options) -> anyhow::Result<()> {
    let screenshot = opts.screenshot.is_some();
    let throwaway_state = screenshot
        .then(|| std::env::temp_dir().join(format!("newsline-screenshot-{}", std::process::id())));
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("newsline")
            .with_inner_size([1400.0, 860.0])
            .with_drag_and_drop(true),
        // A screenshot run must neither read nor change the user's saved
        // layout: it keeps its state in a throwaway folder.
        // Glow (OpenGL) works under Xvfb and on older GPUs; test builds also
        // compile wgpu (for snapshots), so say which one the window uses.
        renderer: eframe::Renderer::Glow,
        persist_window: !screenshot,
        persistence_path: throwaway_state.clone(),
        ..Default::default()
    };
    let result: Arc<Mutex<Option<Result<(), String>>>> = Arc::default();
    let result_slot = result.clone();
    let result_run = eframe::run_native(
        "newsline",
        native,
        Box::new(move |cc| {
            let mut app = NewslineApp::new(cc, opts);
            app.screenshot_result = result_slot;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"));
    if let Some(p) = &throwaway_state {
        let _ = std::fs::remove_file(p);
    }
    result_run?;
    if screenshot {
        let outcome = result.lock().ok().and_then(|g| g.clone());
        match outcome {
            Some(Ok(())) => {}
            Some(Err(e)) => anyhow::bail!("screenshot failed: {e}"),
            None => anyhow::bail!("the window closed before the screenshot was taken"),
        }
    }
    Ok(())
}
