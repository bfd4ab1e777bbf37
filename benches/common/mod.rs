//! Measuring helpers shared by bench binaries: timing with a median over
//! repetitions, peak memory from `/proc`, a markdown table printer and a
//! description of the machine. No harness crate: criterion takes minutes to
//! build on a 2-core machine and its statistics add nothing to a median of a
//! few second-long runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs `f` `reps` times (at least once) and returns the median duration and
/// the last result.
pub fn median_of<T>(reps: usize, f: impl FnMut() -> T) -> (Duration, T) {
    let (mid, _, last) = median_best_of(reps, || {}, f);
    (mid, last)
}

/// Median and best of `reps` runs of `f`, each after `before` (untimed),
/// and the last result. The best run is the one least disturbed by other
/// tenants of a shared machine.
pub fn median_best_of<T>(
    reps: usize,
    mut before: impl FnMut(),
    mut f: impl FnMut() -> T,
) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(reps.max(1));
    before();
    let start = Instant::now();
    let mut last = f();
    times.push(start.elapsed());
    for _ in 1..reps {
        before();
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        // The previous result is dropped outside the timing: the app keeps
        // what it loads, so freeing it is no part of loading.
        last = out;
    }
    times.sort();
    let mid = times.get(times.len() / 2).copied().unwrap_or_default();
    let best = times.first().copied().unwrap_or_default();
    (mid, best, last)
}

/// Write back dirty pages and drop the page cache, so the next read comes
/// from the disk. Linux, as root; false otherwise.
pub fn drop_page_cache() -> bool {
    let synced = std::process::Command::new("sync")
        .status()
        .is_ok_and(|s| s.success());
    synced && std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

/// A `kB` field of `/proc/self/status` (`VmHWM` = peak resident set,
/// `VmRSS` = current), in bytes. Linux only; None elsewhere.
pub fn proc_status_bytes(field: &str) -> Option<u64> {
    status_field(&std::fs::read_to_string("/proc/self/status").ok()?, field)
}

fn status_field(status: &str, field: &str) -> Option<u64> {
    let line = status
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A rayon pool of `threads` workers.
pub fn pool(threads: usize) -> rayon::ThreadPool {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot build a rayon pool of {threads}: {e}");
            std::process::exit(2);
        }
    }
}

/// Where generated corpora are cached: `$CARGO_TARGET_DIR` or `target/`,
/// under `bench-corpus/`.
pub fn corpus_base() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-corpus")
}

/// CPU model, core count and memory, for the report header.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gb = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("{model}, {cores} cores available, {mem_gb:.1} GiB RAM")
}

/// A markdown table, printed with aligned columns so it reads in a terminal
/// and pastes into `docs/PERFORMANCE.md` as is.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn print(&self) {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|c| {
                std::iter::once(&self.headers)
                    .chain(&self.rows)
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| {
            let padded: Vec<String> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    let s = cells.get(c).map_or("", String::as_str);
                    format!("{s:>w$}")
                })
                .collect();
            println!("| {} |", padded.join(" | "));
        };
        line(&self.headers);
        // Cells are padded with a space each side; the rule spans both.
        let rule: Vec<String> = widths
            .iter()
            .map(|w| format!("{}:", "-".repeat(w + 1)))
            .collect();
        println!("|{}|", rule.join("|"));
        for r in &self.rows {
            line(r);
        }
        println!();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_the_middle_run() {
        let mut n = 0u64;
        let (d, last) = median_of(3, || {
            n += 1;
            std::thread::sleep(Duration::from_millis(10 << (2 * n)));
            n
        });
        assert_eq!(last, 3);
        // Sleeps of 40, 160, 640 ms: the median is the 160 ms one, with room
        // for a loaded machine's oversleeping.
        assert!(
            d >= Duration::from_millis(160) && d < Duration::from_millis(640),
            "{d:?}"
        );
    }

    #[test]
    fn peak_memory_is_read() {
        // One snapshot: tests run in parallel threads that allocate between reads.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let hwm = status_field(&status, "VmHWM").unwrap_or(0);
        let rss = status_field(&status, "VmRSS").unwrap_or(0);
        assert!(rss > 1 << 20 && hwm >= rss, "hwm {hwm} rss {rss}");
        assert_eq!(
            status_field("VmHWM:\t  2048 kB\n", "VmHWM"),
            Some(2048 * 1024)
        );
        assert_eq!(status_field("VmHWMx: 1 kB\n", "VmHWM"), None);
    }
}
