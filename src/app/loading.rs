//! Loading a folder off the UI thread. Results stream back over a bounded
//! channel so the first events show while a large folder is still loading;
//! the UI drains the channel with a time budget each frame.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::{ArticleExtraction, Extractor, EXTRACT_BATCH};
use crate::loader::{self, FileWarning};

/// What the loader thread says.
pub enum LoadMsg {
    /// The folder holds this many article files.
    Total(usize),
    /// One file done: its extraction, or why it could not be used.
    File(Box<Result<ArticleExtraction, FileWarning>>),
    /// A problem that is not about one article file (an unreadable sub-folder).
    Warning(FileWarning),
    /// The folder itself could not be read.
    Failed(String),
    Done,
}

/// Enough to hold a few frames' worth of articles without letting a slow UI
/// make the loader buffer a whole folder.
const CHANNEL_CAPACITY: usize = 256;

/// Files extracted in parallel at a time (see `run`).
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
                        LoadMsg::File(_) => self.done += 1,
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
    let send = |m: LoadMsg| {
        let ok = tx.send(m).is_ok();
        repaint();
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

/// Reads and extracts `files` on the current pool, sending each result.
fn extract_all(
    folder: &Path,
    extractor: &Extractor,
    files: &[PathBuf],
    cancel: &AtomicBool,
    send: &(dyn Fn(LoadMsg) -> bool + Sync),
) {
    loader::with_read_ahead(files, 2 * CHUNK, |progress| {
        for chunk in files.chunks(CHUNK) {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            chunk.par_chunks(EXTRACT_BATCH).for_each(|paths| {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                let loaded = paths.iter().map(|path| {
                    let loaded = loader::load_file(folder, path);
                    progress.advance(1);
                    loaded
                });
                for result in extractor.extract_loaded(loaded.collect()) {
                    if !send(LoadMsg::File(Box::new(result))) {
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                }
            });
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
        let files = CHANNEL_CAPACITY * 2 + 50;
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
        let taken_files = taken
            .iter()
            .filter(|m| matches!(m, LoadMsg::File(r) if r.is_ok()))
            .count();
        let mut extracted = taken_files;
        loop {
            let (msgs, finished) = loading.drain(Duration::from_millis(50));
            extracted += msgs
                .iter()
                .filter(|m| matches!(m, LoadMsg::File(r) if r.is_ok()))
                .count();
            if finished || Instant::now() > deadline {
                break;
            }
        }
        assert_eq!(extracted, files);
        assert_eq!(loading.done, files - taken_files);
    }
}
