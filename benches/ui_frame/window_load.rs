//! The load as the user sees it: the window opens a folder and draws frames
//! while the loader streams results in, until every event is in.
//! `Corpus::load` (the extraction bench) is the same work without a window;
//! this shows what the window adds on top: its frames during the load, the
//! ordering and indexing of what arrives, the corrections applied at the
//! end. Then one correction and its undo on the loaded folder, and the
//! window's peak memory (a child process, as the extraction bench does).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsline::app::corrections::Correction;
use newsline::app::{AppCommand, NewslineApp};
use newsline::corpus::{Corpus, Extractor};
use newsline::places::Gazetteer;

use crate::common::{mb, proc_status_bytes};
use crate::{frame, median, ms};

/// One frame at 60 Hz: what a display with vsync gives the window.
const TICK: Duration = Duration::from_micros(16_667);

/// The memory target: peak resident memory ≤ 3 × the corpus bytes.
const MEMORY_TARGET: f64 = 3.0;

struct LoadRun {
    /// From opening the folder to the first frame that shows an event.
    first_events: Option<Duration>,
    /// From opening the folder to the frame after which nothing is loading.
    done: Duration,
    frames: usize,
    longest_frame: Duration,
    /// The frame in which the load finished.
    last_frame: Duration,
    /// Frames over one 60 Hz tick.
    slow_frames: usize,
    events: usize,
    app: NewslineApp,
}

/// Opens `dir` in a headless window and draws frames as eframe would, until
/// the load has finished: when the app or egui asks for one (at once, or
/// after a delay; the loader's thread wakes it too), never two within one
/// 60 Hz tick.
fn load_in_window(dir: &Path) -> LoadRun {
    let ctx = egui::Context::default();
    let woken = Arc::new(AtomicBool::new(false));
    let wake = woken.clone();
    ctx.set_request_repaint_callback(move |info| {
        if info.delay.is_zero() {
            wake.store(true, Ordering::Relaxed);
        }
    });
    let mut fr = eframe::Frame::_new_kittest();
    let start = Instant::now();
    let mut app = NewslineApp::loading_folder(&ctx, dir.to_path_buf(), Gazetteer::builtin());
    let (mut frames, mut slow_frames) = (0, 0);
    let (mut first_events, mut longest_frame) = (None, Duration::ZERO);
    loop {
        let frame_start = Instant::now();
        woken.store(false, Ordering::Relaxed);
        let (c, delay) = frame(&mut app, &ctx, &mut fr, start.elapsed().as_secs_f64());
        let cost = c.layout + c.tessellate;
        frames += 1;
        longest_frame = longest_frame.max(cost);
        slow_frames += usize::from(cost > TICK);
        if first_events.is_none() && !app.filtered.is_empty() {
            first_events = Some(start.elapsed());
        }
        if !app.is_loading() {
            return LoadRun {
                first_events,
                done: start.elapsed(),
                frames,
                longest_frame,
                last_frame: cost,
                slow_frames,
                events: app.view.corpus.events.len(),
                app,
            };
        }
        if start.elapsed() > Duration::from_secs(600) {
            eprintln!("the window load did not finish in 10 minutes");
            std::process::exit(1);
        }
        // Wait for the next frame: egui's delay, or a wake-up from the
        // loader, whichever comes first, but not before the next tick.
        let due = frame_start + delay.max(TICK);
        let tick = frame_start + TICK;
        loop {
            let now = Instant::now();
            if now >= due || (woken.load(Ordering::Relaxed) && now >= tick) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1).min(due - now));
        }
    }
}

/// Times the window's load of `dir` `reps` times, then a correction and its
/// undo, then the window's peak memory in a child process.
pub fn report(dir: &Path, corpus_bytes: u64, reps: usize) {
    let (headless, _) = crate::common::median_of(reps, || {
        Corpus::load(dir, &Extractor::builtin()).map(|c| c.events.len())
    });
    let (mut done, mut first, mut longest, mut finishing) = (vec![], vec![], vec![], vec![]);
    let mut last: Option<LoadRun> = None;
    println!();
    for _ in 0..reps.max(1) {
        // The previous run's window is dropped before the next opens.
        drop(last.take());
        let r = load_in_window(dir);
        println!(
            "window load: {} events, first shown after {} ms, all after {} ms, {} frames, \
             longest {} ms, finishing frame {} ms, {} over 16.7 ms",
            r.events,
            r.first_events.map_or("-".into(), ms),
            ms(r.done),
            r.frames,
            ms(r.longest_frame),
            ms(r.last_frame),
            r.slow_frames,
        );
        done.push(r.done);
        first.push(r.first_events.unwrap_or(r.done));
        longest.push(r.longest_frame);
        finishing.push(r.last_frame);
        last = Some(r);
    }
    let Some(mut last) = last else {
        return;
    };
    println!();
    println!(
        "| the window, {} events (median of {reps}) | ms | |",
        last.events
    );
    println!("|---|---:|---|");
    println!(
        "| `Corpus::load` (no window), same folder | {} | |",
        ms(headless)
    );
    println!(
        "| the window's load, every event in | {} | first events after {} ms |",
        ms(median(done)),
        ms(median(first))
    );
    println!(
        "| its longest frame during the load | {} | the finishing frame {} ms |",
        ms(median(longest)),
        ms(median(finishing))
    );
    let (correct, undo) = correction_latency(&mut last.app, dir);
    println!(
        "| a correction (hide an event), applied and shown | {} | undo {} ms |",
        ms(correct),
        ms(undo)
    );
    drop(last);
    match child_peak(dir) {
        Some(peak) => {
            let ratio = peak as f64 / corpus_bytes.max(1) as f64;
            let verdict = if ratio <= MEMORY_TARGET {
                "met"
            } else {
                "MISS"
            };
            println!(
                "| the window's peak memory (a fresh process), MB | {:.1} | {ratio:.2} × the corpus ({:.1} MB): {verdict} (≤ {MEMORY_TARGET} ×) |",
                mb(peak),
                mb(corpus_bytes)
            );
        }
        None => println!("| the window's peak memory | - | not measured (Linux only) |"),
    }
}

/// Hides the first listed event, then undoes it: each from the command to
/// the views refreshed (the next frame's bookkeeping), median of 5. The
/// corrections are saved in `dir/.newsline/`, removed afterwards.
fn correction_latency(app: &mut NewslineApp, dir: &Path) -> (Duration, Duration) {
    let ctx = egui::Context::default();
    let mut correct = Vec::new();
    let mut undo = Vec::new();
    for i in 0..5 {
        let Some(&id) = app.filtered.get(i) else {
            break;
        };
        let start = Instant::now();
        app.apply(AppCommand::Correct(Correction::EventHidden(id, true)), &ctx);
        app.step_logic(&ctx);
        correct.push(start.elapsed());
        let start = Instant::now();
        app.apply(AppCommand::Undo, &ctx);
        app.step_logic(&ctx);
        undo.push(start.elapsed());
    }
    let _ = std::fs::remove_dir_all(dir.join(".newsline"));
    (median(correct), median(undo))
}

/// Runs in the child: loads `dir` in the window, prints its peak memory.
pub fn child(dir: &Path) {
    let run = load_in_window(dir);
    println!("events={}", run.events);
    if let Some(peak) = proc_status_bytes("VmHWM") {
        println!("peak={peak}");
    }
    std::hint::black_box(&run.app);
}

fn child_peak(dir: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .arg("--child-window")
        .arg(dir)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("peak=")?.parse().ok())
}
