//! Visible text from HTML, by a small hand-written tag scanner.
//!
//! News pages are often broken HTML, so the scanner never fails: anything it
//! cannot read as a tag is kept as text, and an unterminated construct simply
//! ends the document. Paragraph-like elements become blank-line-separated
//! lines, matching how plain-text articles are laid out.

use super::entities::decode_entities;

/// The visible text of an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// `<title>`, else the first `<h1>`, whitespace collapsed.
    pub title: Option<String>,
    /// Paragraphs separated by blank lines, `<br>` as a single line break.
    pub text: String,
}

/// Elements whose content is never visible text (or is fallback content
/// shown only when something else fails).
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "object", "select",
];

/// Elements that start a new paragraph (a blank line in the output).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "article",
    "section",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "form",
    "address",
    "caption",
    "body",
    "html",
    "center",
    "fieldset",
    "legend",
    "details",
    "summary",
];

/// Whether decoded text looks like an HTML document (for files that are
/// HTML without the extension). Only the start is checked: a plain article
/// that merely mentions a tag must stay plain text.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let head: String = start
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// The encoding a page declares in `<meta charset=…>` or
/// `<meta http-equiv content="…; charset=…">`, looked for (like browsers do)
/// in the first 1024 bytes only.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find_bytes(head.get(from..)?, b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while head
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = head
            .get(i..)?
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(head.len(), |n| i + n);
        if let Some(encoding) = encoding_rs::Encoding::for_label(head.get(i..end)?) {
            return Some(encoding);
        }
    }
    None
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Extracts the visible text (and title) of an HTML document.
pub fn extract(html: &str) -> HtmlText {
    let mut out = Output::default();
    let mut title: Option<String> = None;
    let mut h1: Option<String> = None;
    let mut h1_open: Option<String> = None;
    let mut in_head = false;
    let mut rest = html;

    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if !in_head {
                out.text(rest, &mut h1_open);
            }
            break;
        };
        if !in_head {
            out.text(rest.get(..lt).unwrap_or_default(), &mut h1_open);
        }
        let at = rest.get(lt..).unwrap_or_default();
        let Some(tag) = scan_tag(at) else {
            // A lone '<' (e.g. "a < b"): it is text.
            if !in_head {
                out.text("<", &mut h1_open);
            }
            rest = at.get(1..).unwrap_or_default();
            continue;
        };
        rest = at.get(tag.len..).unwrap_or_default();
        let Some(name) = tag.name else {
            continue; // comment, doctype, processing instruction
        };
        match (name.as_str(), tag.closing) {
            ("head", false) => in_head = true,
            ("head", true) => in_head = false,
            ("body", false) => in_head = false,
            ("title", false) => {
                let (content, after) = raw_text(rest, "title");
                let text = collapse(&decode_entities(content));
                if title.is_none() && !text.is_empty() {
                    title = Some(text);
                }
                rest = after;
            }
            (skipped, false) if SKIPPED.contains(&skipped) && !tag.self_closing => {
                rest = raw_text(rest, skipped).1;
            }
            ("br", _) => out.brk(1),
            ("h1", false) => {
                out.brk(2);
                h1_open = Some(String::new());
            }
            ("h1", true) => {
                out.brk(2);
                if let Some(text) = h1_open.take() {
                    let text = collapse(&text);
                    if h1.is_none() && !text.is_empty() {
                        h1 = Some(text);
                    }
                }
            }
            ("td" | "th", _) => out.space(),
            (block, _) if BLOCKS.contains(&block) => out.brk(2),
            _ => {}
        }
    }
    HtmlText {
        title: title.or(h1),
        text: out.finish(),
    }
}

/// A scanned tag: its length in bytes and its lower-case name (None for
/// comments, doctypes and the like).
struct Tag {
    len: usize,
    name: Option<String>,
    closing: bool,
    self_closing: bool,
}

/// Reads one tag at the start of `s` (which starts with '<'). Returns None
/// when the '<' does not start a tag and is to be read as text.
fn scan_tag(s: &str) -> Option<Tag> {
    let after = s.get(1..)?;
    if let Some(body) = after.strip_prefix("!--") {
        // Comment: to "-->", or to the end of an unterminated document.
        let len = body.find("-->").map_or(s.len(), |i| 4 + i + 3);
        return Some(Tag {
            len,
            name: None,
            closing: false,
            self_closing: false,
        });
    }
    if after.starts_with('!') || after.starts_with('?') {
        let len = after.find('>').map_or(s.len(), |i| 1 + i + 1);
        return Some(Tag {
            len,
            name: None,
            closing: false,
            self_closing: false,
        });
    }
    let (closing, name_at) = match after.strip_prefix('/') {
        Some(n) => (true, n),
        None => (false, after),
    };
    if !name_at.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = name_at
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(name_at.len());
    let name = name_at.get(..name_len)?.to_ascii_lowercase();
    // Attributes: find the closing '>' outside quoted values.
    let attrs_from = s.len() - name_at.len() + name_len;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in s.get(attrs_from..)?.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if prev == '=' || prev.is_whitespace() => quote = Some(c),
            (None, '>') => {
                return Some(Tag {
                    len: attrs_from + i + 1,
                    name: Some(name),
                    closing,
                    self_closing: prev == '/',
                });
            }
            _ => {}
        }
        if !(quote.is_none() && c.is_whitespace() && prev == '=') {
            prev = c;
        }
    }
    // An unclosed quote would swallow the rest of the page: end the tag at
    // the first '>' instead. No '>' at all: the rest is inside the tag.
    if let Some(i) = s.get(attrs_from..).and_then(|t| t.find('>')) {
        return Some(Tag {
            len: attrs_from + i + 1,
            name: Some(name),
            closing,
            self_closing: false,
        });
    }
    Some(Tag {
        len: s.len(),
        name: Some(name),
        closing,
        self_closing: false,
    })
}

/// Content of a raw-text element up to its end tag, and what follows the end
/// tag. Without an end tag the element runs to the end of the document.
fn raw_text<'a>(s: &'a str, name: &str) -> (&'a str, &'a str) {
    let mut from = 0;
    while let Some(i) = s.get(from..).and_then(|t| t.find("</")) {
        let start = from + i;
        let name_end = start + 2 + name.len();
        let same_name = s
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        // "</scripts" is not "</script".
        let boundary = s
            .get(name_end..)
            .and_then(|t| t.chars().next())
            .is_none_or(|c| c == '>' || c == '/' || c.is_whitespace());
        if same_name && boundary {
            let end = s
                .get(name_end..)
                .and_then(|t| t.find('>'))
                .map_or(s.len(), |j| name_end + j + 1);
            return (
                s.get(..start).unwrap_or_default(),
                s.get(end..).unwrap_or_default(),
            );
        }
        from = start + 2;
    }
    (s, "")
}

/// Collapses whitespace runs (including no-break spaces) to one space.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{A0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the output text: words joined by single spaces, breaks between
/// non-empty content only.
#[derive(Default)]
struct Output {
    text: String,
    /// Strongest break requested since the last word: 0 none, 1 line, 2
    /// paragraph.
    pending_break: u8,
    pending_space: bool,
}

impl Output {
    fn text(&mut self, raw: &str, h1: &mut Option<String>) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if let Some(h1) = h1.as_mut() {
            h1.push_str(&decoded);
            h1.push(' ');
        }
        let mut words = decoded
            .split(|c: char| c.is_whitespace() || c == '\u{A0}')
            .peekable();
        let mut first = true;
        while let Some(word) = words.next() {
            if word.is_empty() {
                // Whitespace at the start, end or in a run.
                if !first || words.peek().is_some() {
                    self.pending_space = true;
                }
            } else {
                if !first {
                    self.pending_space = true;
                }
                self.word(word);
            }
            first = false;
        }
    }

    fn word(&mut self, word: &str) {
        if !self.text.is_empty() {
            if self.pending_break > 0 {
                self.text
                    .push_str(if self.pending_break > 1 { "\n\n" } else { "\n" });
            } else if self.pending_space {
                self.text.push(' ');
            }
        }
        self.pending_break = 0;
        self.pending_space = false;
        self.text.push_str(word);
    }

    fn brk(&mut self, strength: u8) {
        self.pending_break = self.pending_break.max(strength);
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only() {
        let html = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title> عنوان &amp; الخبر </title>
<style>p { color: red; }</style><script>var a = "<p>لا</p>";</script></head>
<body><!-- تعليق <p>مخفي</p> -->
<h1>العنوان   الرئيسي</h1>
<p>دخلت&nbsp;القوات <b>مدينة</b> &#1575;&#x644;رقة.</p><p>سطر<br>ثان</p>
<noscript>فعّل جافاسكربت</noscript>
<ul><li>أول</li><li>ثاني</li></ul>
</body></html>"#;
        let got = extract(html);
        assert_eq!(got.title.as_deref(), Some("عنوان & الخبر"));
        assert_eq!(
            got.text,
            "العنوان الرئيسي\n\nدخلت القوات مدينة الرقة.\n\nسطر\nثان\n\nأول\n\nثاني"
        );
    }

    #[test]
    fn title_falls_back_to_h1() {
        let got = extract("<body><h1> <i>خبر</i> عاجل </h1><p>نص</p>");
        assert_eq!(got.title.as_deref(), Some("خبر عاجل"));
        assert_eq!(got.text, "خبر عاجل\n\nنص");
        assert_eq!(extract("<p>بلا عنوان</p>").title, None);
    }

    #[test]
    fn broken_html_never_panics_and_keeps_text() {
        let cases = [
            ("a < b and c > d", "a < b and c > d"),
            ("<p>نص <b", "نص"),
            ("<p>نص<!-- بلا نهاية", "نص"),
            ("<script>x = 1", ""),
            ("<p title='a>b'>داخل</p>", "داخل"),
            ("<a href=\"x>نص</a> بعد", "نص بعد"),
            ("<div class=\"x\" data-y=\"<p>\">ع</div>", "ع"),
            ("</scripts>ظاهر <script>خفي</script >ظاهر", "ظاهر ظاهر"),
            ("<<<>>>", "<<<>>>"),
            ("&#xZZ; &#99999999; &bogus; &", "&#xZZ; \u{FFFD} &bogus; &"),
            ("<", "<"),
            ("<p", ""),
            ("é<br/>ü", "é\nü"),
            ("<td>a</td><td>b</td>", "a b"),
        ];
        for (html, text) in cases {
            assert_eq!(extract(html).text, text, "{html}");
        }
    }

    #[test]
    fn every_prefix_of_a_page_is_safe() {
        // Cutting a page anywhere (mid-tag, mid-entity, mid-character of the
        // original bytes) must neither panic nor leak hidden content.
        let page = "<html><head><title>ع&amp;ن</title><script>var s='<p>مخفي</p>'</script></head>\
            <body><p class=\"a\" title='b>c'>نص&#1575;&nbsp;ظاهر<br/>سطر</p><!-- مخفي --></body>";
        for (i, _) in page.char_indices() {
            let prefix = page.get(..i).unwrap_or_default();
            let got = extract(prefix);
            assert!(!got.text.contains("مخفي"), "prefix {i}: {}", got.text);
            assert!(!got.text.contains("var s"), "prefix {i}: {}", got.text);
        }
        assert_eq!(extract(page).text, "نصا ظاهر\nسطر");
    }

    #[test]
    fn sniffing_and_charset() {
        assert!(looks_like_html("\u{FEFF}\n  <!DOCTYPE HTML><p>x"));
        assert!(looks_like_html("<html lang=ar>"));
        assert!(!looks_like_html("خبر عن <html> في النص"));
        let cases: [(&[u8], Option<&str>); 5] = [
            (b"<meta charset=\"windows-1256\">", Some("windows-1256")),
            (
                b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-6'>",
                Some("ISO-8859-6"),
            ),
            (b"<meta charset = cp1256 >", Some("windows-1256")),
            (b"<meta charset=bogus>", None),
            (b"charset", None),
        ];
        for (bytes, name) in cases {
            assert_eq!(declared_charset(bytes).map(|e| e.name()), name);
        }
    }
}
