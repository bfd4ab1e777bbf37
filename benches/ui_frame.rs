//! UI frame cost with a large corpus: CPU time of one frame of the real app
//! (egui layout of every panel, then tessellation), headless, no GPU.
//!
//!     cargo bench --bench ui_frame
//!     cargo bench --bench ui_frame -- --articles 10000 --frames 60
//!
//! Views: everything visible (timeline fitted), zoomed in to a month, panning
//! (the view moves every frame), and a filter change (the text filter's
//! recomputation of the list). Target: ≤ 4 ms a frame at 100,000 events, a
//! filter change ≤ 16 ms. Uses the corpus of `benches/gen/` (cached under
//! `target/bench-corpus/`).

// `cargo bench` builds with cfg(test) but, harness off, drops #[test]
// functions: the generator's test helpers would warn as unused.
#[allow(dead_code)]
#[cfg_attr(test, allow(unused_imports))]
#[path = "gen/mod.rs"]
mod generator;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsline::app::{AppCommand, NewslineApp};
use newsline::corpus::{Corpus, Extractor};
use newsline::places::Gazetteer;

struct Args {
    articles: usize,
    frames: usize,
}

fn args() -> Args {
    let mut a = Args {
        articles: 10_000,
        frames: 40,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--articles" => {
                a.articles = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.articles)
            }
            "--frames" => a.frames = it.next().and_then(|v| v.parse().ok()).unwrap_or(a.frames),
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
struct FrameCost {
    layout: Duration,
    tessellate: Duration,
}

fn frame(
    app: &mut NewslineApp,
    ctx: &egui::Context,
    frame: &mut eframe::Frame,
    t: f64,
) -> FrameCost {
    let size = egui::vec2(1400.0, 860.0);
    let start = Instant::now();
    let output = ctx.run_ui(raw_input(size, t), |ui| {
        app.step_logic(ui.ctx());
        eframe::App::ui(app, ui, frame);
    });
    let layout = start.elapsed();
    let start = Instant::now();
    let prims = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(prims);
    FrameCost {
        layout,
        tessellate: start.elapsed(),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let a = args();
    let dir: PathBuf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus")
        .join(a.articles.to_string());
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
                let c = frame(app, &ctx, &mut fr, t);
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
    println!("| view ({} events) | layout ms (median) | tessellate ms | frame ms (median) | frame ms (max) |", app.corpus.events.len());
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

    // A filter change: the list and counts recomputed from 100,000 events.
    let mut filter_times = Vec::new();
    for (i, q) in ["انشقاق", "الرقة", "اعدام", "غارة", ""]
        .iter()
        .cycle()
        .take(20)
        .enumerate()
    {
        app.apply(AppCommand::SetSearch((*q).to_string()), &ctx);
        let start = Instant::now();
        app.step_logic(&ctx);
        filter_times.push(start.elapsed());
        std::hint::black_box(i);
    }
    println!();
    println!(
        "filter change (text search over {} events): median {} ms, max {} ms",
        app.corpus.events.len(),
        ms(median(filter_times.clone())),
        ms(filter_times.iter().copied().max().unwrap_or_default())
    );
}
