//! Peak memory of loading a corpus, measured in child processes (this
//! binary re-run with `--child`), each reading its own `VmHWM` (peak
//! resident set) at the end: a fresh process per figure, so earlier runs'
//! allocations do not inflate it.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use newsline::corpus::{Corpus, Extractor};
use newsline::loader;

use crate::common::{mb, proc_status_bytes, Table};
use crate::generator::Generated;
use crate::throughput::pass;

/// The target: peak resident memory ≤ 3 × the corpus bytes.
const TARGET_RATIO: f64 = 3.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ChildMode {
    /// Nothing: the process's own floor (binary, libc, allocator).
    Baseline,
    /// Build the extractor only (gazetteer, lexicons, matchers).
    Extractor,
    /// Read and decode every file (`loader::load_folder`), no extraction.
    Read,
    /// `Corpus::load`, the app's path from disk to events.
    Load,
}

/// Runs in the child: does the work, then prints `key=value` lines.
pub fn child(mode: ChildMode, dir: Option<&Path>) {
    let dir = dir.unwrap_or(Path::new("."));
    match mode {
        ChildMode::Baseline => {}
        ChildMode::Extractor => {
            black_box(Extractor::builtin());
        }
        ChildMode::Read => match loader::load_folder(dir, |_, _| {}) {
            Ok(folder) => {
                println!("articles={}", folder.articles.len());
                report_peak();
                black_box(&folder);
                return;
            }
            Err(e) => eprintln!("{e}"),
        },
        ChildMode::Load => {
            let extractor = Extractor::builtin();
            match Corpus::load(dir, &extractor) {
                Ok(corpus) => {
                    println!("articles={}", corpus.articles.len());
                    println!("events={}", corpus.events.len());
                    report_peak();
                    for (part, bytes) in accounting(&corpus) {
                        println!("part:{part}={bytes}");
                    }
                    // Keep the corpus alive past the reading, as the app does.
                    black_box(&corpus);
                    return;
                }
                Err(e) => eprintln!("{e}"),
            }
        }
    }
    report_peak();
}

/// Bytes glibc's malloc takes for a request of `n` (a chunk holds an
/// 8-byte header, is 16-byte aligned and at least 32 bytes); 0 for none.
fn chunk(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (n + 8).div_ceil(16).max(2) * 16
    }
}

/// Estimated heap bytes of what a loaded corpus holds, by part: where the
/// memory goes, to aim reductions at the right fields. Shared strings
/// (`Arc<str>`: place ids, date evidence) count once, where first met.
fn accounting(c: &Corpus) -> Vec<(&'static str, usize)> {
    use newsline::corpus::{Article, DateMention, Event, PlaceMention};
    use std::collections::HashSet;
    use std::mem::size_of;
    use std::sync::Arc;
    let s = |x: &String| chunk(x.capacity());
    // An Arc<str> allocation: two counters, then the bytes.
    let seen = std::cell::RefCell::new(HashSet::<*const u8>::new());
    let arc = |x: &Arc<str>| {
        if seen.borrow_mut().insert(x.as_ptr()) {
            chunk(16 + x.len())
        } else {
            0
        }
    };
    let ev = |d: &Option<newsline::model::DateSpan>| d.as_ref().map_or(0, |d| arc(&d.evidence));
    let place_ids = |ids: &Vec<newsline::model::PlaceId>| {
        chunk(ids.capacity() * size_of::<newsline::model::PlaceId>())
            + ids.iter().map(|p| arc(&p.0)).sum::<usize>()
    };
    vec![
        (
            "article texts",
            c.articles.iter().map(|a| arc(&a.text)).sum(),
        ),
        (
            "articles: structs, paths, titles, dates",
            chunk(c.articles.capacity() * size_of::<Article>())
                + c.articles
                    .iter()
                    .map(|a| s(&a.path) + s(&a.title) + s(&a.encoding) + ev(&a.date))
                    .sum::<usize>(),
        ),
        (
            "events: structs",
            chunk(c.events.capacity() * size_of::<Event>()),
        ),
        (
            "events: date evidence (shared)",
            c.events.iter().map(|e| ev(&e.date)).sum(),
        ),
        (
            "events: place id lists",
            c.events.iter().map(|e| place_ids(&e.places)).sum(),
        ),
        (
            "date mentions: structs",
            chunk(c.dates.capacity() * size_of::<DateMention>()),
        ),
        (
            "date mentions: evidence",
            c.dates.iter().map(|d| arc(&d.value.evidence)).sum(),
        ),
        (
            "place mentions: structs",
            chunk(c.places.capacity() * size_of::<PlaceMention>()),
        ),
        (
            "place mentions: place ids (shared)",
            c.places.iter().map(|p| arc(&p.place.0)).sum(),
        ),
    ]
}

fn report_peak() {
    println!("hwm={}", proc_status_bytes("VmHWM").unwrap_or(0));
    println!("rss={}", proc_status_bytes("VmRSS").unwrap_or(0));
}

/// Re-runs this binary in `mode`; the child's `key=value` lines.
fn spawn(mode: ChildMode, dir: &Path) -> Option<Vec<(String, u64)>> {
    let exe = std::env::current_exe().ok()?;
    let name = match mode {
        ChildMode::Baseline => "baseline",
        ChildMode::Extractor => "extractor",
        ChildMode::Read => "read",
        ChildMode::Load => "load",
    };
    let out = Command::new(exe)
        .args(["--child", name, "--child-dir"])
        .arg(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "memory child {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once('=')?;
                Some((k.to_string(), v.trim().parse().ok()?))
            })
            .collect(),
    )
}

fn get(kv: &[(String, u64)], key: &str) -> u64 {
    kv.iter().find(|(k, _)| k == key).map_or(0, |(_, v)| *v)
}

pub fn run(g: &Generated) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "## Peak memory, {} articles ({:.1} MB on disk), {cores} threads\n",
        g.files,
        mb(g.bytes)
    );
    let corpus = g.bytes.max(1) as f64;
    let mut table = Table::new(&[
        "child process",
        "peak RSS MB",
        "× corpus",
        "above extractor, × corpus",
    ]);
    let mut extractor_floor = 0;
    let mut verdict = None;
    let mut parts = None;
    for (mode, label) in [
        (ChildMode::Baseline, "empty (binary + allocator)"),
        (ChildMode::Extractor, "Extractor::builtin()"),
        (ChildMode::Read, "loader::load_folder (texts only)"),
        (ChildMode::Load, "Corpus::load (disk → events)"),
    ] {
        let Some(kv) = spawn(mode, &g.dir) else {
            continue;
        };
        let hwm = get(&kv, "hwm");
        if mode == ChildMode::Extractor {
            extractor_floor = hwm;
        }
        let above = if mode == ChildMode::Baseline || mode == ChildMode::Extractor {
            String::new()
        } else {
            format!("{:.2}", hwm.saturating_sub(extractor_floor) as f64 / corpus)
        };
        table.row(vec![
            label.to_string(),
            format!("{:.1}", mb(hwm)),
            format!("{:.2}", hwm as f64 / corpus),
            above,
        ]);
        if mode == ChildMode::Load {
            println!(
                "(Corpus::load child: resident {:.1} MB once loaded)\n",
                mb(get(&kv, "rss"))
            );
            parts = Some(kv.clone());
            let ratio = hwm as f64 / corpus;
            verdict = Some(format!(
                "- peak {:.2}× the corpus bytes (target ≤ {TARGET_RATIO}×): {}; {} events",
                ratio,
                pass(ratio <= TARGET_RATIO),
                get(&kv, "events")
            ));
        }
    }
    table.print();
    if let Some(v) = verdict {
        println!("{v}\n");
    }
    if let Some(kv) = parts {
        let mut t = Table::new(&[
            "what the loaded corpus holds (estimated heap)",
            "MB",
            "× corpus",
        ]);
        let mut total = 0;
        for (k, v) in kv
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("part:")?, *v)))
        {
            total += v;
            t.row(vec![
                k.to_string(),
                format!("{:.1}", mb(v)),
                format!("{:.2}", v as f64 / corpus),
            ]);
        }
        t.row(vec![
            "total".to_string(),
            format!("{:.1}", mb(total)),
            format!("{:.2}", total as f64 / corpus),
        ]);
        t.print();
    }
}
