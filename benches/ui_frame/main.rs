//! The window with a large corpus, headless (no GPU): CPU time of one frame
//! of the real app (egui layout of every panel, then tessellation), and the
//! load as the user sees it.
//!
//!     cargo bench --bench ui_frame
//!     cargo bench --bench ui_frame -- --articles 10000 --frames 60 --load-reps 3
//!
//! Views: everything visible (timeline fitted), zoomed in to a month, panning
//! (the view moves every frame), and a filter change (the text filter's
//! recomputation of the list). Target: ≤ 4 ms a frame at 100,000 events, a
//! filter change ≤ 16 ms. Then the window's own load of the folder
//! (`window_load`): first events, all events, its longest frame, a
//! correction and its undo, and the window's peak memory. Uses the corpus
//! of `benches/gen/` (cached under `target/bench-corpus/`).

// `cargo bench` builds with cfg(test) but, harness off, drops #[test]
// functions: the generator's test helpers would warn as unused.
#[cfg_attr(test, allow(unused_imports, dead_code))]
#[path = "../common/mod.rs"]
mod common;
#[allow(dead_code)]
#[cfg_attr(test, allow(unused_imports))]
#[path = "../gen/mod.rs"]
mod generator;
mod window_load;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsline::app::{AppCommand, NewslineApp};
use newsline::corpus::{Corpus, Extractor};
use newsline::places::Gazetteer;

struct Args {
    articles: usize,
    frames: usize,
    /// Window loads to time (the median is reported); 0 skips them.
    load_reps: usize,
    /// Internal: load this folder in the window, print the peak memory.
    child_window: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        articles: 10_000,
        frames: 40,
        load_reps: 3,
        child_window: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--articles" => {
                a.articles = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.articles)
            }
            "--frames" => a.frames = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.frames),
            "--load-reps" => {
                a.load_reps = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(a.load_reps)
            }
            "--child-window" => a.child_window = it.next().map(PathBuf::from),
            _ => {} // cargo bench passes --bench
        }
    }
    a
}

fn raw_input(size: egui::Vec2, t: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        time: Some(t),
        ..Default::default()
    }
}

/// CPU time of one frame: logic + layout (ui) + tessellation.
pub(crate) struct FrameCost {
    pub layout: Duration,
    pub tessellate: Duration,
}

pub(crate) fn frame(
    app: &mut NewslineApp,
    ctx: &egui::Context,
    frame: &mut eframe::Frame,
    t: f64,
) -> (FrameCost, Duration) {
    let size = egui::vec2(1400.0, 860.0);
    let start = Instant::now();
    let output = ctx.run_ui(raw_input(size, t), |ui| {
        app.step_logic(ui.ctx());
        eframe::App::ui(app, ui, frame);
    });
    let layout = start.elapsed();
    let start = Instant::now();
    let repaint = output
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(Duration::MAX, |v| v.repaint_delay);
    let prims = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(prims);
    (
        FrameCost {
            layout,
            tessellate: start.elapsed(),
        },
        repaint,
    )
}

pub(crate) fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let a = args();
    if let Some(dir) = &a.child_window {
        window_load::child(dir);
        return;
    }
    println!("machine: {}", common::machine());
    let dir = common::corpus_base().join(a.articles.to_string());
    let pool = generator::Pool::builtin().expect("seeds readable");
    let gen = generator::ensure(&pool, &dir, a.articles, 1).expect("corpus written");
    let t = Instant::now();
    let corpus = Corpus::load(&gen.dir, &Extractor::builtin()).expect("corpus loads");
    println!(
        "corpus: {} articles, {:.1} MB, {} events (loaded in {:.2} s)",
        corpus.articles.len(),
        gen.bytes as f64 / 1e6,
        corpus.events.len(),
        t.elapsed().as_secs_f64()
    );
    let (lo, hi) = corpus
        .events
        .iter()
        .filter_map(|e| e.date.as_ref())
        .map(|d| {
            (
                newsline::app::time_axis::x_from_date(d.start),
                newsline::app::time_axis::x_from_date(d.end),
            )
        })
        .fold((f64::MAX, f64::MIN), |(a, b), (s, e)| (a.min(s), b.max(e)));

    let ctx = egui::Context::default();
    let mut fr = eframe::Frame::_new_kittest();
    let mut app = NewslineApp::from_corpus(&ctx, corpus, Gazetteer::builtin());
    // Warm up: fonts, galley caches, the first filtered list.
    for i in 0..5 {
        frame(&mut app, &ctx, &mut fr, i as f64 * 0.016);
    }
    let mut t = 1.0;
    let mut run =
        |app: &mut NewslineApp, name: &str, per_frame: &mut dyn FnMut(&mut NewslineApp, usize)| {
            let mut layout = Vec::new();
            let mut tess = Vec::new();
            let mut total = Vec::new();
            for i in 0..a.frames {
                per_frame(app, i);
                t += 0.016;
                let (c, _) = frame(app, &ctx, &mut fr, t);
                total.push(c.layout + c.tessellate);
                layout.push(c.layout);
                tess.push(c.tessellate);
            }
            println!(
                "| {name} | {} | {} | {} | {} |",
                ms(median(layout)),
                ms(median(tess)),
                ms(median(total.clone())),
                ms(total.iter().copied().max().unwrap_or_default())
            );
        };
    println!();
    println!("| view ({} events) | layout ms (median) | tessellate ms | frame ms (median) | frame ms (max) |", app.view.corpus.events.len());
    println!("|---|---|---|---|---|");
    run(&mut app, "everything visible", &mut |_, _| {});
    let month = lo + (hi - lo) / 2.0;
    app.apply(AppCommand::SetTimeView(month, month + 30.0), &ctx);
    run(&mut app, "zoomed in (30 days)", &mut |_, _| {});
    let width = (hi - lo) / 4.0;
    run(
        &mut app,
        "panning (view moves every frame)",
        &mut |app, i| {
            let x = lo + (i as f64 * width / 20.0) % (hi - lo - width).max(1.0);
            app.apply(AppCommand::SetTimeView(x, x + width), &ctx);
        },
    );
    app.apply(AppCommand::SetTimeView(lo, hi), &ctx);

    // A filter change: the list and counts recomputed from every event,
    // for each kind of filter the window has.
    use newsline::events::EventKind;
    use newsline::model::PlaceId;
    let place = |id: &str| AppCommand::SetPlaceFilter(Some(PlaceId(id.into())));
    let changes: [(&str, Vec<AppCommand>); 3] = [
        (
            "text search",
            ["انشقاق", "الرقة", "اعدام", "غارة", ""]
                .iter()
                .map(|q| AppCommand::SetSearch((*q).to_string()))
                .collect(),
        ),
        (
            "place",
            vec![
                place("syria"),
                place("raqqa"),
                place("iraq"),
                AppCommand::SetPlaceFilter(None),
            ],
        ),
        (
            "kind",
            vec![
                AppCommand::ToggleKind(EventKind::Defection),
                AppCommand::ToggleKind(EventKind::Airstrike),
                AppCommand::ToggleKind(EventKind::Defection),
                AppCommand::ToggleKind(EventKind::Airstrike),
            ],
        ),
    ];
    println!();
    println!(
        "| filter change ({} events) | median ms | max ms |",
        app.view.corpus.events.len()
    );
    println!("|---|---|---|");
    for (name, cmds) in changes {
        let mut times = Vec::new();
        for cmd in cmds.iter().cycle().take(20) {
            app.apply(cmd.clone(), &ctx);
            let start = Instant::now();
            app.step_logic(&ctx);
            times.push(start.elapsed());
        }
        println!(
            "| {name} | {} | {} |",
            ms(median(times.clone())),
            ms(times.iter().copied().max().unwrap_or_default())
        );
    }

    drop(app);
    if a.load_reps > 0 {
        // The folder the frames above were measured on, loaded by the window.
        window_load::report(&gen.dir, gen.bytes, a.load_reps);
    }
}
