//! The folder walk: which files are articles, in a deterministic order.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{io_reason, relative_path, FileWarning};

/// Extensions (lower case) of files loaded as articles.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// What a walk found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileList {
    /// Article files, sorted by their path relative to the root.
    pub files: Vec<PathBuf>,
    /// Folders that could not be read, broken links, symlink loops.
    pub warnings: Vec<FileWarning>,
    /// Regular files with other extensions (not articles; not warned about).
    pub skipped_other: usize,
}

/// Whether the file name has an article extension (any case).
pub fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// Names starting with '.' are hidden (and include newsline's own
/// `.newsline/` state folder); they are skipped without a word.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Walks `root` recursively. Hidden entries are skipped; symlinked folders
/// are followed once each, so a link back up the tree cannot loop.
pub fn scan(root: &Path) -> FileList {
    let mut list = FileList::default();
    let warn = |list: &mut FileList, path: &Path, message: String| {
        list.warnings.push(FileWarning {
            path: relative_path(root, path),
            message,
        });
    };
    let root_canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut visited: HashSet<PathBuf> = HashSet::from([root_canonical.clone()]);
    let mut stack = vec![(root.to_path_buf(), root_canonical)];

    while let Some((dir, dir_canonical)) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                warn(
                    &mut list,
                    &dir,
                    format!("cannot read folder: {}", io_reason(&err)),
                );
                continue;
            }
        };
        let mut entries: Vec<_> = entries
            .filter_map(|entry| match entry {
                Ok(entry) => Some(entry),
                Err(err) => {
                    warn(
                        &mut list,
                        &dir,
                        format!("cannot read folder entry: {}", io_reason(&err)),
                    );
                    None
                }
            })
            .filter(|entry| !is_hidden(&entry.file_name()))
            .collect();
        // Sorted, and pushed in reverse, so sub-folders are visited in name
        // order: which of two links to one folder wins is then deterministic.
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                warn(
                    &mut list,
                    &path,
                    "cannot read: file type unknown".to_string(),
                );
                continue;
            };
            let (is_dir, is_file) = if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(meta) => (meta.is_dir(), meta.is_file()),
                    Err(err) => {
                        warn(
                            &mut list,
                            &path,
                            format!("skipped: broken link ({})", io_reason(&err)),
                        );
                        continue;
                    }
                }
            } else {
                (kind.is_dir(), kind.is_file())
            };
            if is_dir {
                let canonical = match fs::canonicalize(&path) {
                    Ok(c) => c,
                    Err(err) => {
                        warn(
                            &mut list,
                            &path,
                            format!("cannot read folder: {}", io_reason(&err)),
                        );
                        continue;
                    }
                };
                if visited.insert(canonical.clone()) {
                    subdirs.push((path, canonical));
                } else if dir_canonical.starts_with(&canonical) {
                    warn(
                        &mut list,
                        &path,
                        "skipped: symlink loop (links to a folder that contains it)".to_string(),
                    );
                } else {
                    warn(
                        &mut list,
                        &path,
                        "skipped: links to a folder that is already loaded".to_string(),
                    );
                }
            } else if is_file && is_article_file(&path) {
                list.files.push(path);
            } else if is_file {
                list.skipped_other += 1;
            }
            // Sockets, pipes and devices are never articles; reading a pipe
            // could block forever, so they are not even counted.
        }
        stack.extend(subdirs.into_iter().rev());
    }

    let mut keyed: Vec<(String, PathBuf)> = list
        .files
        .drain(..)
        .map(|p| (relative_path(root, &p), p))
        .collect();
    keyed.sort();
    list.files = keyed.into_iter().map(|(_, p)| p).collect();
    list.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    list
}
