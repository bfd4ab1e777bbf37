//! Loading a folder of articles: walk it in a deterministic order, read and
//! decode the files in parallel, and turn every file that cannot be an
//! article into a plain-worded warning (never a panic, never silence).
//!
//! Spans downstream are byte offsets into [`LoadedArticle::text`], which is
//! the decoded file exactly (line ends kept), or for HTML the extracted
//! visible text.

mod decode;
mod entities;
mod html;
mod read_ahead;
mod walk;

pub use decode::{decode, decode_with_declared, DecodeProblem, Decoded, EncodingBasis};
pub use html::{extract as extract_html, looks_like_html, HtmlText};
pub use walk::{is_article_file, scan, FileList};

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

/// Largest file read. Bounds memory (files are read whole, several at once
/// on different threads); a news article is a few tens of KB, and even a
/// saved page with inline scripts stays far below this, so bigger files are
/// dumps or mistakes.
pub use read_ahead::{with_read_ahead, Progress as ReadProgress};

pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// One article read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedArticle {
    /// Relative to the loaded root, '/' separators.
    pub path: String,
    /// First non-empty line, trimmed; for HTML `<title>` or the first `<h1>`.
    pub title: String,
    /// The decoded text (HTML: its visible text).
    pub text: String,
    /// The encoding the file was read in, e.g. "UTF-8", "windows-1256".
    pub encoding: String,
    /// File size in bytes.
    pub bytes: u64,
    /// Things worth knowing about this file (guessed encoding, replaced
    /// bytes); the article is loaded nonetheless.
    pub warnings: Vec<String>,
}

#[cfg(test)]
impl LoadedArticle {
    /// `text` as a UTF-8 file `a.txt` (unit tests of the later stages).
    pub(crate) fn from_text(text: &str) -> Self {
        Self {
            path: "a.txt".into(),
            title: String::new(),
            text: text.into(),
            encoding: "UTF-8".into(),
            bytes: text.len() as u64,
            warnings: Vec::new(),
        }
    }
}

/// A file (or folder) that was skipped or loaded with caveats, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileWarning {
    /// Relative to the loaded root, '/' separators ("." for the root).
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for FileWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything loaded from a folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadedFolder {
    /// In walk order (sorted by relative path).
    pub articles: Vec<LoadedArticle>,
    /// Sorted by path: folders that could not be read and files skipped.
    /// Caveats of files that did load are in each article's own `warnings`
    /// only (not repeated here, so a caller merging both sees each once).
    pub warnings: Vec<FileWarning>,
    /// Files with other extensions, not loaded and not warned about.
    pub skipped_other: usize,
}

/// Why a folder could not be loaded at all. Problems with single files are
/// [`FileWarning`]s instead.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0} does not exist")]
    NotFound(PathBuf),
    #[error("{0} is neither a folder nor a file")]
    NotAFolder(PathBuf),
    #[error("cannot open {path}: {reason}")]
    Inaccessible { path: PathBuf, reason: String },
}

/// Lists the article files under `root` (sorted) and the warnings met on the
/// way. A file given as `root` is a folder of one.
pub fn list_files(root: &Path) -> (Vec<PathBuf>, Vec<FileWarning>) {
    let list = list(root);
    (list.files, list.warnings)
}

fn list(root: &Path) -> FileList {
    if root.is_file() {
        FileList {
            files: vec![root.to_path_buf()],
            ..FileList::default()
        }
    } else {
        scan(root)
    }
}

/// Loads every article under `root` in parallel. `on_progress(done, total)`
/// is called once with `done == 0` and then after each file, from worker
/// threads and in no particular order of files.
pub fn load_folder(
    root: &Path,
    on_progress: impl Fn(usize, usize) + Sync,
) -> Result<LoadedFolder, LoadError> {
    check_root(root)?;
    let list = list(root);
    let total = list.files.len();
    on_progress(0, total);
    let done = AtomicUsize::new(0);
    let results: Vec<Result<LoadedArticle, FileWarning>> = list
        .files
        .par_iter()
        .map(|path| {
            let result = load_file(root, path);
            on_progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();

    let mut folder = LoadedFolder {
        warnings: list.warnings,
        skipped_other: list.skipped_other,
        ..LoadedFolder::default()
    };
    for result in results {
        match result {
            Ok(article) => folder.articles.push(article),
            Err(warning) => folder.warnings.push(warning),
        }
    }
    folder.warnings.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(folder)
}

fn check_root(root: &Path) -> Result<(), LoadError> {
    match fs::metadata(root) {
        Ok(meta) if meta.is_dir() || meta.is_file() => Ok(()),
        Ok(_) => Err(LoadError::NotAFolder(root.to_path_buf())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            Err(LoadError::NotFound(root.to_path_buf()))
        }
        Err(err) => Err(LoadError::Inaccessible {
            path: root.to_path_buf(),
            reason: io_reason(&err),
        }),
    }
}

/// Reads and decodes one file. `root` only serves to name the file in the
/// result (relative path); it may be the file itself.
pub fn load_file(root: &Path, path: &Path) -> Result<LoadedArticle, FileWarning> {
    let rel = relative_path(root, path);
    let warn = |message: String| FileWarning {
        path: rel.clone(),
        message,
    };
    let cannot_read = |err: io::Error| warn(format!("cannot read: {}", io_reason(&err)));
    let meta = fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(warn("skipped: not a regular file".to_string()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(warn(too_big(meta.len())));
    }
    // Read through take(): the file may have grown since the metadata.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot_read)?;
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(warn(too_big(size)));
    }

    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let html_named = matches!(extension.as_str(), "html" | "htm");
    let declared = if html_named
        || html::looks_like_html(&String::from_utf8_lossy(bytes.get(..256).unwrap_or(&bytes)))
    {
        html::declared_charset(&bytes)
    } else {
        None
    };
    let decoded = decode::decode_with_declared(&bytes, declared)
        .map_err(|p| warn(format!("skipped: {p}")))?;
    let warnings = encoding_notes(&decoded).into_iter().collect();

    let (text, title) = if html_named || html::looks_like_html(&decoded.text) {
        let page = html::extract(&decoded.text);
        if page.text.trim().is_empty() {
            return Err(warn(
                "skipped: empty file (no visible text in the HTML)".to_string(),
            ));
        }
        let title = page
            .title
            .unwrap_or_else(|| first_line(&page.text).to_string());
        (page.text, title)
    } else {
        let mut title = first_line(&decoded.text);
        if matches!(extension.as_str(), "md" | "markdown") {
            // "# Heading" → "Heading".
            title = title.trim_start_matches('#').trim_start();
        }
        let title = title.to_string();
        (decoded.text, title)
    };
    Ok(LoadedArticle {
        path: rel,
        title,
        text,
        encoding: decoded.encoding.to_string(),
        bytes: size,
        warnings,
    })
}

/// What the user should know about how a file was decoded, if anything.
fn encoding_notes(decoded: &Decoded) -> Option<String> {
    let how = match decoded.basis {
        EncodingBasis::Detected => Some("detected"),
        EncodingBasis::Declared => Some("declared in the page"),
        EncodingBasis::Bom | EncodingBasis::Utf8 => None,
    };
    let replaced = match decoded.invalid_sequences {
        0 => None,
        1 => Some("1 invalid byte sequence replaced".to_string()),
        n => Some(format!("{n} invalid byte sequences replaced")),
    };
    match (how, replaced) {
        (None, None) => None,
        (Some(how), None) => Some(format!("decoded as {} ({how})", decoded.encoding)),
        (Some(how), Some(r)) => Some(format!("decoded as {} ({how}); {r}", decoded.encoding)),
        (None, Some(r)) => Some(format!("decoded as {}; {r}", decoded.encoding)),
    }
}

fn too_big(bytes: u64) -> String {
    let limit = megabytes(MAX_FILE_BYTES);
    let mut size = megabytes(bytes);
    if size == limit {
        // Just over the limit: "(20 MB)" would read as a contradiction.
        size = format!("{bytes} bytes");
    }
    format!("skipped: larger than the {limit} limit ({size})")
}

/// "20 MB", "53.4 MB": one decimal only where it carries information.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let text = format!("{mb:.1}");
    format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
}

fn first_line(text: &str) -> &str {
    text.split(['\n', '\r'])
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default()
}

/// `path` relative to `root` with '/' separators; the file name when `root`
/// is the file itself; "." for the root folder.
fn relative_path(root: &Path, path: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() && path.is_file() => {
            return path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(rel) => rel,
        Err(_) => path,
    };
    let joined = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

/// An I/O error in plain words, without the "(os error 13)" noise.
fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::InvalidData => "invalid data".to_string(),
        _ => {
            let text = err.to_string();
            let plain = text
                .find(" (os error")
                .map_or(text.as_str(), |i| text.get(..i).unwrap_or(&text));
            plain.to_lowercase()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_notes() {
        assert_eq!(megabytes(MAX_FILE_BYTES), "20 MB");
        assert_eq!(megabytes(53 * 1024 * 1024 + 400 * 1024), "53.4 MB");
        assert_eq!(
            too_big(MAX_FILE_BYTES + 1024 * 1024),
            "skipped: larger than the 20 MB limit (21 MB)"
        );
        let decoded = |basis, encoding, invalid_sequences| Decoded {
            text: String::new(),
            encoding,
            lossy: invalid_sequences > 0,
            invalid_sequences,
            basis,
        };
        let cases = [
            (decoded(EncodingBasis::Utf8, "UTF-8", 0), None),
            (decoded(EncodingBasis::Bom, "UTF-16LE", 0), None),
            (
                decoded(EncodingBasis::Utf8, "UTF-8", 1),
                Some("decoded as UTF-8; 1 invalid byte sequence replaced"),
            ),
            (
                decoded(EncodingBasis::Detected, "windows-1256", 0),
                Some("decoded as windows-1256 (detected)"),
            ),
            (
                decoded(EncodingBasis::Detected, "ISO-8859-6", 3),
                Some("decoded as ISO-8859-6 (detected); 3 invalid byte sequences replaced"),
            ),
            (
                decoded(EncodingBasis::Declared, "windows-1256", 0),
                Some("decoded as windows-1256 (declared in the page)"),
            ),
        ];
        for (d, want) in cases {
            assert_eq!(encoding_notes(&d).as_deref(), want);
        }
    }

    #[test]
    fn first_lines_and_paths() {
        assert_eq!(first_line("\r\n  \r  عنوان الخبر  \r\nنص"), "عنوان الخبر");
        assert_eq!(first_line(" \n\t"), "");
        let root = Path::new("/news");
        assert_eq!(relative_path(root, Path::new("/news/أ/ب.txt")), "أ/ب.txt");
        assert_eq!(relative_path(root, root), ".");
    }
}
