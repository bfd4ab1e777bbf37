//! Disk → events throughput per corpus size and thread count, beside the
//! floor: the time merely to list and read the same files on the same pool.

use std::fs;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use newsline::corpus::{Corpus, Extractor};
use newsline::loader;

use crate::common::{drop_page_cache, mb, median_best_of, median_of, ms, pool, Table};
use crate::generator::Generated;

/// The targets for 10,000 articles with all cores.
const TARGET_ARTICLES: usize = 10_000;
const TARGET_WALL: Duration = Duration::from_secs(1);
const TARGET_READ_RATIO: f64 = 4.0;

/// Lists and reads every article file, in parallel on the current pool:
/// what loading costs before any decoding or extraction.
fn read_all(dir: &std::path::Path) -> u64 {
    let (files, _) = loader::list_files(dir);
    files
        .par_iter()
        .map(|p| fs::read(p).map_or(0, |b| b.len() as u64))
        .sum()
}

pub fn run(corpora: &[&Generated], threads: &[usize], reps: usize, cold: bool) {
    let start = Instant::now();
    let extractor = Extractor::builtin();
    println!("## Extraction throughput (Corpus::load: list, read, decode, extract, merge)\n");
    println!(
        "Extractor::builtin() (gazetteer, lexicons, matchers; once per run): {:.1} ms\n",
        ms(start.elapsed())
    );

    let mut table = Table::new(&[
        "articles",
        "MB",
        "threads",
        "read ms",
        "read MB/s",
        "load ms",
        "best ms",
        "load MB/s",
        "articles/s",
        "µs/article/thread",
        "× read",
        "speed-up",
        "events",
        "dates",
        "places",
    ]);
    let mut verdicts = Vec::new();
    for g in corpora {
        let mut one_thread: Option<Duration> = None;
        for &t in threads {
            let pool = pool(t);
            // Warm the page cache (and the pool) so every run reads from memory.
            pool.install(|| read_all(&g.dir));
            let (read, bytes) = median_of(reps, || pool.install(|| read_all(&g.dir)));
            let (load, best, corpus) = median_best_of(
                reps,
                || {},
                || pool.install(|| Corpus::load(&g.dir, &extractor)),
            );
            let corpus = match corpus {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("loading {} failed: {e}", g.dir.display());
                    continue;
                }
            };
            if t == 1 {
                one_thread = Some(load);
            }
            let secs = load.as_secs_f64().max(1e-9);
            let ratio = load.as_secs_f64() / read.as_secs_f64().max(1e-9);
            let speedup = one_thread.map_or("".to_string(), |one| {
                format!("{:.2}", one.as_secs_f64() / secs)
            });
            table.row(vec![
                corpus.articles.len().to_string(),
                format!("{:.1}", mb(bytes)),
                t.to_string(),
                format!("{:.1}", ms(read)),
                format!("{:.0}", mb(bytes) / read.as_secs_f64().max(1e-9)),
                format!("{:.1}", ms(load)),
                format!("{:.1}", ms(best)),
                format!("{:.1}", mb(bytes) / secs),
                format!("{:.0}", corpus.articles.len() as f64 / secs),
                format!(
                    "{:.0}",
                    secs * 1e6 * t as f64 / corpus.articles.len().max(1) as f64
                ),
                format!("{ratio:.1}"),
                speedup,
                corpus.events.len().to_string(),
                corpus.dates.len().to_string(),
                corpus.places.len().to_string(),
            ]);
            if g.files == TARGET_ARTICLES && Some(&t) == threads.iter().max() {
                verdicts.push(format!(
                    "- {TARGET_ARTICLES} articles, {t} threads, warm page cache: {:.2} s wall \
                     median, {:.2} s best (target ≤ {} s): {}; {ratio:.1}× the read floor \
                     (target ≤ {TARGET_READ_RATIO}×): {}",
                    secs,
                    best.as_secs_f64(),
                    TARGET_WALL.as_secs(),
                    pass(load <= TARGET_WALL),
                    pass(ratio <= TARGET_READ_RATIO),
                ));
                if cold {
                    verdicts.push(cold_verdict(g, &pool, &extractor, reps));
                }
            }
        }
    }
    table.print();
    println!(
        "µs/article/thread constant across sizes = linear scaling; speed-up is \
         against the 1-thread row of the same size.\n"
    );
    for v in verdicts {
        println!("{v}");
    }
    println!();
}

/// The same load and read from the disk: the page cache dropped before
/// each run (needs root).
fn cold_verdict(
    g: &Generated,
    pool: &rayon::ThreadPool,
    extractor: &Extractor,
    reps: usize,
) -> String {
    if !drop_page_cache() {
        return "- cold page cache: skipped (dropping the page cache needs root)".to_string();
    }
    let drop = || {
        drop_page_cache();
    };
    let (read, _, _) = median_best_of(reps, drop, || pool.install(|| read_all(&g.dir)));
    let (load, best, _) = median_best_of(reps, drop, || {
        pool.install(|| Corpus::load(&g.dir, extractor))
    });
    let ratio = load.as_secs_f64() / read.as_secs_f64().max(1e-9);
    format!(
        "- {} articles from a cold page cache (dropped before each run): read {:.0} ms, \
         load {:.2} s median, {:.2} s best (target ≤ {} s): {}; {ratio:.1}× the read \
         (target ≤ {TARGET_READ_RATIO}×): {}",
        g.files,
        ms(read),
        load.as_secs_f64(),
        best.as_secs_f64(),
        TARGET_WALL.as_secs(),
        pass(load <= TARGET_WALL),
        pass(ratio <= TARGET_READ_RATIO),
    )
}

pub fn pass(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
    }
}
