//! The loader on real files in temporary folders: encodings, HTML, bad files,
//! walk order, limits and the seeds.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use encoding_rs::{ISO_8859_6, WINDOWS_1256};
use newsline::loader::{
    list_files, load_file, load_folder, FileWarning, LoadError, LoadedFolder, MAX_FILE_BYTES,
};

mod common;
use common::TempDir;

/// Loads the temp folder.
fn load_dir(dir: &TempDir) -> LoadedFolder {
    load_folder(&dir.0, |_, _| {}).expect("load folder")
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Title line plus the first two long paragraphs of seeds/001, "\n" line ends.
fn arabic_article() -> String {
    let seed = fs::read_to_string(seeds_dir().join("001_2d1c5e011f2ea13a.txt")).expect("seed 001");
    let title = seed.lines().next().unwrap_or_default().trim().to_string();
    let paragraphs: Vec<&str> = seed
        .lines()
        .filter(|l| l.chars().count() > 100)
        .take(2)
        .collect();
    assert_eq!(paragraphs.len(), 2, "seed 001 has two long paragraphs");
    format!("{title}\n\n{}\n{}\n", paragraphs[0], paragraphs[1])
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    std::iter::once(0xFEFF_u16)
        .chain(text.encode_utf16())
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

fn legacy(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} can encode the article", encoding.name());
    bytes.into_owned()
}

/// Skipped files plus the caveats of loaded ones, sorted by path: what a
/// caller shows the user.
fn all_warnings(folder: &LoadedFolder) -> Vec<FileWarning> {
    let mut all = folder.warnings.clone();
    for article in &folder.articles {
        all.extend(article.warnings.iter().map(|m| warning(&article.path, m)));
    }
    all.sort();
    all
}

fn warning(path: &str, message: &str) -> FileWarning {
    FileWarning {
        path: path.to_string(),
        message: message.to_string(),
    }
}

#[test]
fn every_encoding_decodes_to_the_same_text() {
    let article = arabic_article();
    let title = article.lines().next().unwrap_or_default().to_string();
    let crlf = article.replace('\n', "\r\n");
    let dir = TempDir::new("loader", "encodings");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("1-utf8.txt", article.as_bytes().to_vec(), "UTF-8"),
        (
            "2-utf8-bom-crlf.txt",
            [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
            "UTF-8 (BOM)",
        ),
        ("3-utf16le.txt", utf16(&article, false), "UTF-16LE"),
        ("4-utf16be.txt", utf16(&crlf, true), "UTF-16BE"),
        (
            "5-windows-1256.txt",
            legacy(WINDOWS_1256, &article),
            "windows-1256",
        ),
        ("6-iso-8859-6.txt", legacy(ISO_8859_6, &crlf), "ISO-8859-6"),
    ];
    for (name, bytes, _) in &cases {
        dir.write(name, bytes);
    }
    let folder = load_dir(&dir);
    assert_eq!(folder.articles.len(), cases.len());
    for ((name, bytes, encoding), got) in cases.iter().zip(&folder.articles) {
        assert_eq!(got.path, *name);
        assert_eq!(got.encoding, *encoding, "{name}");
        assert_eq!(got.text.replace("\r\n", "\n"), article, "{name}");
        assert_eq!(got.title, title, "{name}");
        assert_eq!(got.bytes, bytes.len() as u64, "{name}");
    }
    // Line ends are kept as in the file: spans are offsets into this text.
    assert_eq!(folder.articles[1].text, crlf);
    assert_eq!(folder.articles[5].text, crlf);
    assert!(folder.articles[1].text.starts_with(&title), "BOM removed");
    // Only the guessed encodings are worth a note, on the article itself.
    assert!(folder.warnings.is_empty());
    assert_eq!(
        all_warnings(&folder),
        vec![
            warning("5-windows-1256.txt", "decoded as windows-1256 (detected)"),
            warning("6-iso-8859-6.txt", "decoded as ISO-8859-6 (detected)"),
        ]
    );
    assert_eq!(
        folder.articles[4].warnings,
        vec!["decoded as windows-1256 (detected)".to_string()]
    );
}

#[test]
fn html_gives_visible_text_and_title() {
    let dir = TempDir::new("loader", "html");
    let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
        <title>معركة&nbsp;الرقة &amp; الانشقاقات</title>\
        <style>body { font: 12px }</style><script>document.write('<p>مخفي</p>')</script></head>\
        <body><!-- إعلان --><h1>خبر عاجل</h1>\
        <p>دخلت القوات مدينة &#1575;&#x644;رقة&nbsp;&nbsp; يوم   الخميس.</p>\
        <div>سطر أول<br>سطر ثان</div><noscript>فعّل</noscript></body></html>";
    dir.write("page.html", page.as_bytes());
    // Same page under an upper-case extension, and sniffed in a .txt file.
    dir.write("PAGE2.HTM", page.as_bytes());
    dir.write("saved.txt", page.as_bytes());
    // A charset declared in the page is used when the bytes are not UTF-8.
    let legacy_page = page.replace("utf-8", "windows-1256");
    dir.write("legacy.htm", &legacy(WINDOWS_1256, &legacy_page));
    // No <title>: the first <h1> is the title.
    dir.write(
        "untitled.html",
        "<body><h1>قادة <b>داعش</b></h1><p>نص الخبر</p></body>".as_bytes(),
    );

    let folder = load_dir(&dir);
    let want_text = "خبر عاجل\n\nدخلت القوات مدينة الرقة يوم الخميس.\n\nسطر أول\nسطر ثان";
    let paths: Vec<&str> = folder.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "PAGE2.HTM",
            "legacy.htm",
            "page.html",
            "saved.txt",
            "untitled.html"
        ]
    );
    for article in folder.articles.iter().take(4) {
        assert_eq!(article.text, want_text, "{}", article.path);
        assert_eq!(article.title, "معركة الرقة & الانشقاقات", "{}", article.path);
    }
    assert_eq!(folder.articles[1].encoding, "windows-1256");
    assert_eq!(
        all_warnings(&folder),
        vec![warning(
            "legacy.htm",
            "decoded as windows-1256 (declared in the page)"
        )]
    );
    assert_eq!(folder.articles[4].title, "قادة داعش");
    assert_eq!(folder.articles[4].text, "قادة داعش\n\nنص الخبر");
}

#[test]
fn bad_files_become_warnings_and_the_rest_loads() {
    let dir = TempDir::new("loader", "bad");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as u8
        })
        .collect();
    assert!(random.contains(&0));
    dir.write("a-empty.txt", b"");
    dir.write("b-blank.md", b"  \r\n\t\n  ");
    dir.write("c-random.txt", &random);
    dir.write(
        "d-scripts-only.html",
        b"<html><script>var x = 1;</script></html>",
    );
    dir.write("e-good.txt", "خبر سليم\n".as_bytes());
    let mut truncated = "خبر مقطوع".as_bytes().to_vec();
    truncated.push(0xD8); // first byte of a two-byte Arabic letter
    dir.write("f-truncated.txt", &truncated);

    let folder = load_dir(&dir);
    let paths: Vec<&str> = folder.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["e-good.txt", "f-truncated.txt"]);
    assert_eq!(folder.warnings.len(), 4, "the truncated file loaded");
    assert_eq!(
        all_warnings(&folder),
        vec![
            warning("a-empty.txt", "skipped: empty file"),
            warning("b-blank.md", "skipped: empty file (whitespace only)"),
            warning("c-random.txt", "skipped: binary file (contains NUL bytes)"),
            warning(
                "d-scripts-only.html",
                "skipped: empty file (no visible text in the HTML)"
            ),
            warning(
                "f-truncated.txt",
                "decoded as UTF-8; 1 invalid byte sequence replaced"
            ),
        ]
    );
    let truncated = &folder.articles[1];
    assert_eq!(truncated.encoding, "UTF-8");
    assert_eq!(truncated.text, "خبر مقطوع\u{FFFD}");
    assert_eq!(
        truncated.warnings,
        vec!["decoded as UTF-8; 1 invalid byte sequence replaced".to_string()]
    );
}

#[test]
fn walk_is_sorted_recursive_and_skips_hidden_and_other_files() {
    let dir = TempDir::new("loader", "walk");
    for rel in [
        "b/z.txt",
        "a.txt",
        "a/c/d.md",
        "a/b.TXT",
        "أخبار/خبر.htm",
        "ملف عربي.markdown",
        ".newsline/state.txt",
        ".hidden.txt",
        "a/.draft.txt",
        "notes.pdf",
        "a/c/image.png",
    ] {
        dir.write(rel, format!("# عنوان {rel}\nنص").as_bytes());
    }
    let want = [
        "a.txt",
        "a/b.TXT",
        "a/c/d.md",
        "b/z.txt",
        "أخبار/خبر.htm",
        "ملف عربي.markdown",
    ];

    let (files, warnings) = list_files(&dir.0);
    assert!(warnings.is_empty());
    let listed: Vec<PathBuf> = want.iter().map(|rel| dir.0.join(rel)).collect();
    assert_eq!(files, listed);

    let folder = load_dir(&dir);
    let paths: Vec<&str> = folder.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, want);
    assert_eq!(folder.skipped_other, 2);
    assert!(folder.warnings.is_empty());
    // Markdown headings lose their '#'; a .txt title is the line as written.
    assert_eq!(folder.articles[2].title, "عنوان a/c/d.md");
    assert_eq!(folder.articles[0].title, "# عنوان a.txt");
    // A .htm file is read as HTML even without tags: line breaks collapse.
    assert_eq!(folder.articles[4].text, "# عنوان أخبار/خبر.htm نص");

    // Streaming one file gives the same article.
    let single = load_file(&dir.0, &files[5]).expect("load one file");
    assert_eq!(single, folder.articles[5]);
}

#[test]
fn oversized_file_is_skipped_with_the_cap_named() {
    let dir = TempDir::new("loader", "big");
    dir.write("small.txt", "خبر".as_bytes());
    let big = dir.write("big.txt", b"");
    let file = fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .expect("open big");
    file.set_len(MAX_FILE_BYTES + 5 * 1024 * 1024)
        .expect("sparse file");
    let folder = load_dir(&dir);
    assert_eq!(folder.articles.len(), 1);
    assert_eq!(
        folder.warnings,
        vec![warning(
            "big.txt",
            "skipped: larger than the 20 MB limit (25 MB)"
        )]
    );
}

#[test]
fn seeds_load_with_their_first_lines_as_titles() {
    let calls = Mutex::new(Vec::new());
    let folder = load_folder(&seeds_dir(), |done, total| {
        if let Ok(mut calls) = calls.lock() {
            calls.push((done, total));
        }
    })
    .expect("seeds load");
    assert_eq!(folder.articles.len(), 5);
    assert!(folder.warnings.is_empty());
    let mut names: Vec<String> = fs::read_dir(seeds_dir())
        .expect("seeds dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    for (name, article) in names.iter().zip(&folder.articles) {
        let raw = fs::read_to_string(seeds_dir().join(name)).expect("seed");
        assert_eq!(&article.path, name);
        assert_eq!(article.text, raw, "{name}: text kept byte for byte");
        assert_eq!(
            article.title,
            raw.lines().next().unwrap_or_default().trim(),
            "{name}"
        );
        assert_eq!(article.encoding, "UTF-8");
        assert!(article.warnings.is_empty());
    }
    assert_eq!(
        folder.articles[0].title,
        "انشقاقات واغتيالات يشهدها تنظيم داعش"
    );
    // Progress: a start call, then one call per file, ending at 5 of 5.
    let mut calls = calls.into_inner().expect("progress calls");
    calls.sort();
    assert_eq!(calls, [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
}

#[test]
fn root_errors_and_single_file_root() {
    let dir = TempDir::new("loader", "root");
    let missing = dir.0.join("missing");
    assert!(
        matches!(load_folder(&missing, |_, _| {}), Err(LoadError::NotFound(p)) if p == missing)
    );
    let file = dir.write("وحيد.txt", "عنوان\nنص".as_bytes());
    let folder = load_folder(&file, |_, _| {}).expect("single file");
    assert_eq!(folder.articles.len(), 1);
    assert_eq!(folder.articles[0].path, "وحيد.txt");
    assert_eq!(folder.articles[0].title, "عنوان");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_broken_links_are_warnings() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("loader", "links");
    dir.write("a/x.txt", "خبر".as_bytes());
    symlink(dir.0.join("a"), dir.0.join("a/loop")).expect("loop link");
    symlink(dir.0.join("a"), dir.0.join("b")).expect("duplicate link");
    symlink(dir.0.join("nowhere.txt"), dir.0.join("broken.txt")).expect("broken link");
    dir.write("c/y.txt", "خبر".as_bytes());
    symlink(dir.0.join("c/y.txt"), dir.0.join("z-link.txt")).expect("file link");

    let folder = load_dir(&dir);
    let paths: Vec<&str> = folder.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["a/x.txt", "c/y.txt", "z-link.txt"]);
    assert_eq!(
        folder.warnings,
        vec![
            warning(
                "a/loop",
                "skipped: symlink loop (links to a folder that contains it)"
            ),
            warning("b", "skipped: links to a folder that is already loaded"),
            warning("broken.txt", "skipped: broken link (not found)"),
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("loader", "perm");
    let path = dir.write("locked.txt", "خبر".as_bytes());
    dir.write("open.txt", "خبر".as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::File::open(&path).is_ok() {
        // Running as root: permissions are not enforced, nothing to test.
        return;
    }
    let folder = load_dir(&dir);
    assert_eq!(folder.articles.len(), 1);
    assert_eq!(
        folder.warnings,
        vec![warning("locked.txt", "cannot read: permission denied")]
    );
}
