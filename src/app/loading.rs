//! Loading a folder off the UI thread. Results stream back over a bounded
//! channel so the first events show while a large folder is still loading;
//! the UI drains the channel with a time budget each frame.
//!
//! The files come in folder order, a chunk at a time, each article already
//! made ready for the window ([`Prepared`]: its events' filter data), so the
//! window thread only appends and ids are final as they arrive.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::{Extractor, EXTRACT_BATCH};
use crate::loader::{self, FileWarning};

use super::folder_view::Prepared;

/// What the loader thread says.
pub enum LoadMsg {
    /// The folder holds this many article files.
    Total(usize),
    /// The next files in folder order: each one's extraction, or why it
    /// could not be used.
    Files(Vec<Result<Prepared, FileWarning>>),
    /// A problem that is not about one article file (an unreadable sub-folder).
    Warning(FileWarning),
    /// The folder itself could not be read.
    Failed(String),
    Done,
}

/// Chunks of files waiting for the window: a few frames' worth, without
/// letting a slow window make the loader buffer a whole folder.
const CHANNEL_CAPACITY: usize = 4;

/// Files extracted in parallel, then sent in order, at a time: ~30 ms of
/// work on two 2 GHz cores, so the first events show at once.
const CHUNK: usize = 256;

/// A load in progress. Dropping it cancels the load.
pub struct Loading {
    pub folder: PathBuf,
    rx: Receiver<LoadMsg>,
    cancel: Arc<AtomicBool>,
    pub total: Option<usize>,
    pub done: usize,
    pub started: Instant,
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Loading {
    pub fn start(
        folder: PathBuf,
        extractor: Arc<Extractor>,
        repaint: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let (tx, rx) = sync_channel(CHANNEL_CAPACITY);
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = cancel.clone();
        let thread_folder = folder.clone();
        let spawned = std::thread::Builder::new()
            .name("newsline-loader".into())
            .spawn(move || run(&thread_folder, &extractor, &tx, &thread_cancel, &repaint));
        let (fail_tx, fail_rx) = sync_channel(1);
        let rx = match spawned {
            Ok(_) => rx,
            Err(e) => {
                let _ = fail_tx.send(LoadMsg::Failed(format!("cannot start loader: {e}")));
                fail_rx
            }
        };
        Self {
            folder,
            rx,
            cancel,
            total: None,
            done: 0,
            started: Instant::now(),
        }
    }

    /// Messages received within `budget`; stops early when the channel is
    /// empty. Returns them and whether the load has finished.
    pub fn drain(&mut self, budget: Duration) -> (Vec<LoadMsg>, bool) {
        let until = Instant::now() + budget;
        let mut out = Vec::new();
        let mut finished = false;
        while Instant::now() < until {
            match self.rx.try_recv() {
                Ok(msg) => {
                    match &msg {
                        LoadMsg::Total(n) => self.total = Some(*n),
                        LoadMsg::Files(f) => self.done += f.len(),
                        LoadMsg::Done | LoadMsg::Failed(_) => finished = true,
                        LoadMsg::Warning(_) => {}
                    }
                    out.push(msg);
                    if finished {
                        break;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    finished = true;
                    break;
                }
            }
        }
        (out, finished)
    }

    pub fn fraction(&self) -> f32 {
        match self.total {
            Some(0) => 1.0,
            Some(n) => self.done as f32 / n as f32,
            None => 0.0,
        }
    }
}

fn run(
    folder: &Path,
    extractor: &Extractor,
    tx: &SyncSender<LoadMsg>,
    cancel: &AtomicBool,
    repaint: &(dyn Fn() + Send + Sync),
) {
    // The window redraws on its own while loading (`LOADING_REPAINT`); it
    // is woken for the first files and for what ends the load.
    let first_files = AtomicBool::new(true);
    let send = |m: LoadMsg| {
        let wake = !matches!(m, LoadMsg::Files(_)) || first_files.swap(false, Ordering::Relaxed);
        let ok = tx.send(m).is_ok();
        if wake {
            repaint();
        }
        ok
    };
    if !folder.exists() {
        send(LoadMsg::Failed(format!(
            "{} does not exist",
            folder.display()
        )));
        return;
    }
    // The loader's own workers: they wait when the window falls behind
    // (the channel is bounded), and the window's own parallel work
    // (filtering) runs on rayon's global pool, which must never wait on them.
    let pool = match rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("newsline-extract-{i}"))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            send(LoadMsg::Failed(format!("cannot start loader threads: {e}")));
            return;
        }
    };
    let (files, warnings) = loader::list_files(folder);
    for w in warnings {
        send(LoadMsg::Warning(w));
    }
    send(LoadMsg::Total(files.len()));
    // In chunks, so files are taken roughly in order and the read-ahead
    // helpers (see `loader::with_read_ahead`) stay just in front.
    pool.install(|| extract_all(folder, extractor, &files, cancel, &send));
    send(LoadMsg::Done);
}

/// Reads and extracts `files` on the current pool, sending each chunk's
/// results in order; a chunk is sent while the next one is extracted.
fn extract_all(
    folder: &Path,
    extractor: &Extractor,
    files: &[PathBuf],
    cancel: &AtomicBool,
    send: &(dyn Fn(LoadMsg) -> bool + Sync),
) {
    let gazetteer = extractor.gazetteer();
    loader::with_read_ahead(files, 2 * CHUNK, |progress| {
        let mut pending: Vec<Result<Prepared, FileWarning>> = Vec::new();
        for chunk in files.chunks(CHUNK) {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let ready = std::mem::take(&mut pending);
            let (results, sent) = rayon::join(
                || {
                    chunk
                        .par_chunks(EXTRACT_BATCH)
                        .flat_map_iter(|paths| {
                            if cancel.load(Ordering::Relaxed) {
                                return Vec::new();
                            }
                            let loaded = paths.iter().map(|path| {
                                let loaded = loader::load_file(folder, path);
                                progress.advance(1);
                                loaded
                            });
                            extractor
                                .extract_loaded(loaded.collect())
                                .into_iter()
                                .map(|r| r.map(|ex| Prepared::new(ex, gazetteer)))
                                .collect()
                        })
                        .collect::<Vec<_>>()
                },
                || ready.is_empty() || send(LoadMsg::Files(ready)),
            );
            if !sent {
                cancel.store(true, Ordering::Relaxed);
                return;
            }
            pending = results;
        }
        if !pending.is_empty() && !send(LoadMsg::Files(pending)) {
            cancel.store(true, Ordering::Relaxed);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// While the window is not draining, the loader's workers wait on the
    /// full channel; the window's own parallel work (rayon's global pool)
    /// must still run. It used to share the pool with them and hang.
    #[test]
    fn a_full_channel_does_not_block_the_windows_parallel_work() {
        let dir = crate::test_common::TempDir::new("loading", "full-channel");
        let files = CHANNEL_CAPACITY * CHUNK * 2 + 50;
        for i in 0..files {
            dir.write(
                &format!("{i:04}.txt"),
                "قتل ثلاثة مدنيين في الرقة.".as_bytes(),
            );
        }
        let mut loading = Loading::start(dir.0.clone(), Arc::new(Extractor::builtin()), || {});
        // Let the workers fill the channel, take some (the window draining
        // a frame's worth), and let them fill it again: both now wait.
        let deadline = Instant::now() + Duration::from_secs(60);
        std::thread::sleep(Duration::from_millis(1000));
        let mut taken = Vec::new();
        while taken.len() < CHANNEL_CAPACITY / 2 {
            match loading.rx.try_recv() {
                Ok(m) => taken.push(m),
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_millis(1000));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let sum: usize = (0..1000usize).into_par_iter().sum();
            let _ = tx.send(sum);
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(499_500));
        let ok_files = |m: &LoadMsg| match m {
            LoadMsg::Files(f) => f.iter().filter(|r| r.is_ok()).count(),
            _ => 0,
        };
        let taken_files: usize = taken.iter().map(ok_files).sum();
        let mut extracted = taken_files;
        loop {
            let (msgs, finished) = loading.drain(Duration::from_millis(50));
            extracted += msgs.iter().map(ok_files).sum::<usize>();
            if finished || Instant::now() > deadline {
                break;
            }
        }
        assert_eq!(extracted, files);
        assert_eq!(loading.done, files - taken_files);
    }
}
