//! Reading a folder's files ahead of the workers that extract them.
//!
//! Extraction keeps every core busy, so while a worker waits for the disk a
//! core idles: from a cold page cache, loading took the time to read plus the
//! time to extract. Helper threads ask for the files a little ahead of the
//! workers, in the order the workers take them, so the disk and the cores
//! work at once. On Linux a helper asks the kernel to fetch a file
//! (`posix_fadvise(WILLNEED)`) and moves on: nothing is copied and no
//! thread waits for the data. Elsewhere it reads the file and throws it
//! away. Either way the worker's own read then comes from memory.
//!
//! When the files are already cached the helpers would only repeat the
//! workers' work, so each helper stops as soon as it meets a run of files
//! already in memory.

use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Helper threads: the disk serves a few reads at once.
const HELPERS: usize = 2;

/// Reads faster than this came from the page cache, not the disk.
#[cfg(not(target_os = "linux"))]
const CACHED_READ: Duration = Duration::from_micros(40);

/// After this many reads in a row at memory speed a helper stops.
const CACHED_STREAK: usize = 32;

/// How far the workers have got, for the helpers to stay ahead of.
pub struct Progress {
    done: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// `n` more files are done (read by a worker).
    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
}

/// Runs `body` while helper threads read `files` (in order, at most
/// `window` files past those `body` reports done) into the page cache.
pub fn with_read_ahead<R>(
    files: &[PathBuf],
    window: usize,
    body: impl FnOnce(&Progress) -> R,
) -> R {
    let progress = Progress {
        done: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    };
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for k in 0..HELPERS {
            // No helper (the OS refused a thread) only means no read-ahead.
            let _ = std::thread::Builder::new()
                .name(format!("newsline-read-ahead-{k}"))
                .spawn_scoped(scope, || warm(files, &next, &progress, window));
        }
        let out = body(&progress);
        progress.stop.store(true, Ordering::Relaxed);
        out
    })
}

/// One helper: take the next file, wait until it is within the window,
/// fetch it, until the files run out, the body ends or the files are
/// found already in memory.
fn warm(files: &[PathBuf], next: &AtomicUsize, progress: &Progress, window: usize) {
    let mut cached_streak = 0;
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = files.get(i) else { return };
        while i >= progress.done.load(Ordering::Relaxed) + window {
            if progress.stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::park_timeout(Duration::from_millis(1));
        }
        if progress.stop.load(Ordering::Relaxed) {
            return;
        }
        if fetch(path) == Fetch::Cached {
            cached_streak += 1;
            if cached_streak >= CACHED_STREAK {
                return;
            }
        } else {
            cached_streak = 0;
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Fetch {
    /// The file was already in memory.
    Cached,
    /// The file is on its way (or could not be opened: the worker reports that).
    Asked,
}

/// Asks the kernel to bring `path` into the page cache without waiting for
/// it and without copying it out: a non-blocking one-byte read tells
/// whether it is cached already, `posix_fadvise(WILLNEED)` starts the read.
#[cfg(target_os = "linux")]
fn fetch(path: &std::path::Path) -> Fetch {
    use rustix::fs::{fadvise, Advice};
    let Ok(file) = File::open(path) else {
        return Fetch::Asked;
    };
    if in_memory(&file).is_ok() {
        return Fetch::Cached;
    }
    let _ = fadvise(&file, 0, None, Advice::WillNeed);
    Fetch::Asked
}

/// A one-byte read that succeeds only if the file's start is in memory
/// (an error also where the file system cannot answer without waiting).
#[cfg(target_os = "linux")]
fn in_memory(file: &File) -> rustix::io::Result<usize> {
    use rustix::io::{preadv2, ReadWriteFlags};
    let mut byte = [0u8; 1];
    preadv2(
        file,
        &mut [std::io::IoSliceMut::new(&mut byte)],
        0,
        ReadWriteFlags::NOWAIT,
    )
}

/// Elsewhere: read the file and throw it away; a read at memory speed means
/// it was cached.
#[cfg(not(target_os = "linux"))]
fn fetch(path: &std::path::Path) -> Fetch {
    use std::io::Read;
    let start = std::time::Instant::now();
    let mut buf = Vec::new();
    // Errors are the worker's to report.
    let _ = File::open(path).and_then(|f| f.take(super::MAX_FILE_BYTES + 1).read_to_end(&mut buf));
    if start.elapsed() < CACHED_READ {
        Fetch::Cached
    } else {
        Fetch::Asked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_result_comes_back_and_helpers_stop_with_it() {
        let dir = crate::test_common::TempDir::new("read-ahead", "helpers");
        let files: Vec<PathBuf> = (0..200)
            .map(|i| dir.write(&format!("{i}.txt"), "نص".as_bytes()))
            .collect();
        // The body never reports progress: helpers must not read past the
        // window, and must still end when the body does.
        let out = with_read_ahead(&files, 4, |_| 7);
        assert_eq!(out, 7);
        let read: usize = with_read_ahead(&files, 8, |p| {
            for f in &files {
                let n = std::fs::read(f).unwrap().len();
                p.advance(1);
                assert_eq!(n, "نص".len());
            }
            files.len()
        });
        assert_eq!(read, 200);
    }

    /// A file just written is in memory; one that is not there is left to
    /// the worker (which reports it).
    #[cfg(target_os = "linux")]
    #[test]
    fn fetch_tells_cached_files() {
        let dir = crate::test_common::TempDir::new("read-ahead", "fetch");
        let p = dir.write("a.txt", "نص قصير".as_bytes());
        // Where the file system cannot answer a non-blocking read (the
        // helpers then fetch every file), there is nothing more to check.
        if in_memory(&File::open(&p).unwrap()).is_ok() {
            assert_eq!(fetch(&p), Fetch::Cached);
        }
        assert_eq!(fetch(&dir.0.join("missing.txt")), Fetch::Asked);
    }
}
