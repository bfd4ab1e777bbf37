//! Watching the open folder: files added, edited or removed while the window
//! is open trigger a reload (the old view stays until the new one is ready).

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// Editors save in bursts (temp file, rename, touch): wait for the folder to
/// be quiet this long before reloading.
const QUIET: Duration = Duration::from_millis(400);

pub struct FolderWatcher {
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<()>,
    pending_since: Option<Instant>,
}

/// True for changes newsline should react to: not in hidden files or folders
/// (its own `.newsline/` state among them).
fn relevant(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    !rel.components().any(|c| match c {
        Component::Normal(n) => n.to_string_lossy().starts_with('.'),
        _ => false,
    })
}

impl FolderWatcher {
    /// Watch `root` recursively; `None` when the platform refuses (the app
    /// then works without live updates).
    pub fn new(root: &Path, repaint: impl Fn() + Send + 'static) -> Option<Self> {
        let (tx, rx) = channel();
        let base: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(ev) = res else { return };
            if ev.kind.is_access() {
                return;
            }
            if ev.paths.iter().any(|p| relevant(&base, p)) {
                let _ = tx.send(());
                repaint();
            }
        })
        .ok()?;
        watcher.watch(root, RecursiveMode::Recursive).ok()?;
        Some(Self {
            _watcher: watcher,
            rx,
            pending_since: None,
        })
    }

    /// True once changes have been seen and the folder has been quiet for
    /// [`QUIET`]; then the caller reloads.
    pub fn poll(&mut self) -> bool {
        while self.rx.try_recv().is_ok() {
            self.pending_since = Some(Instant::now());
        }
        match self.pending_since {
            Some(t) if t.elapsed() >= QUIET => {
                self.pending_since = None;
                true
            }
            _ => false,
        }
    }

    /// Whether a reload is waiting for the folder to be quiet.
    pub fn is_pending(&self) -> bool {
        self.pending_since.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_state_and_hidden_files_are_ignored() {
        let root = Path::new("/data/news");
        assert!(relevant(root, Path::new("/data/news/2017/a.txt")));
        assert!(!relevant(
            root,
            Path::new("/data/news/.newsline/annotations.json")
        ));
        assert!(!relevant(root, Path::new("/data/news/.a.txt.swp")));
    }

    #[test]
    fn a_new_file_is_seen() {
        let dir = crate::test_common::TempDir::new("watch", "new-file");
        let mut w = FolderWatcher::new(&dir.0, || {}).expect("inotify works here");
        dir.write("new.txt", "مقال جديد".as_bytes());
        let until = Instant::now() + Duration::from_secs(5);
        let mut seen = false;
        while Instant::now() < until && !seen {
            std::thread::sleep(Duration::from_millis(50));
            seen = w.poll();
        }
        assert!(seen, "no change seen within 5 s");
    }
}
