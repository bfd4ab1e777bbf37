//! HTML character references: `&amp;`, `&#1575;`, `&#x627;` and the named
//! ones that actually occur in news pages.

use std::borrow::Cow;

/// Named references decoded. The full HTML list has over 2000 names, almost
/// all mathematical or for Latin letters with diacritics; these are the ones
/// news pages use. Unknown names are kept as written, so nothing is lost.
const NAMED: &[(&str, &str)] = &[
    ("nbsp", "\u{A0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("bdquo", "\u{201E}"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("minus", "−"),
    ("hyphen", "‐"),
    ("shy", "\u{AD}"),
    ("zwnj", "\u{200C}"),
    ("zwj", "\u{200D}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("percnt", "%"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("sect", "§"),
    ("para", "¶"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
];

/// Names browsers also accept without the closing ';' (old pages rely on it).
const LEGACY_NO_SEMICOLON: &[&str] = &["amp", "lt", "gt", "quot", "nbsp"];

/// Longest name looked up; longer runs cannot be a reference in the table.
const MAX_NAME_LEN: usize = 8;

/// Decodes character references; anything that is not one stays as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        match reference(after) {
            Some((text, used)) => {
                out.push_str(&text);
                rest = after.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text a reference after '&' stands for, and the bytes it used.
fn reference(after: &str) -> Option<(Cow<'static, str>, usize)> {
    if let Some(num) = after.strip_prefix('#') {
        let (digits_at, radix) = match num.get(..1) {
            Some("x" | "X") => (2, 16),
            _ => (1, 10),
        };
        let digits = after.get(digits_at..)?;
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let value = digits
            .get(..len)
            .and_then(|d| u32::from_str_radix(d, radix).ok())
            .unwrap_or(u32::MAX);
        let used = digits_at + len + usize::from(digits.get(len..)?.starts_with(';'));
        return Some((Cow::Owned(numeric(value).to_string()), used));
    }
    let len = after
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    if len == 0 || len > MAX_NAME_LEN {
        return None;
    }
    let name = after.get(..len)?;
    let text = NAMED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)?;
    if after.get(len..)?.starts_with(';') {
        Some((Cow::Borrowed(text), len + 1))
    } else if LEGACY_NO_SEMICOLON.contains(&name) {
        Some((Cow::Borrowed(text), len))
    } else {
        None
    }
}

/// A numeric reference's character, with the HTML standard's fixes: 0x80–0x9F
/// mean windows-1252 (pages saved from Windows editors), and NUL, surrogates
/// and values beyond Unicode become U+FFFD.
fn numeric(value: u32) -> char {
    if (0x80..=0x9F).contains(&value) {
        let byte = [value as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    }
    match value {
        0 => char::REPLACEMENT_CHARACTER,
        v => char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn references() {
        let cases = [
            ("&#1575;&#x644;&#X631;", "الر"),
            ("a&nbsp;b", "a\u{A0}b"),
            ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
            ("&laquo;خبر&raquo; &hellip;", "«خبر» …"),
            ("AT&T &amp rest", "AT&T & rest"),
            ("&copy &unknown; &;", "&copy &unknown; &;"),
            ("&#150;&#0;&#xD800;&#1114112;", "–\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&#1575 x", "ا x"),
            ("&#; &#x; &", "&#; &#x; &"),
            ("&#99999999999999999999;", "\u{FFFD}"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input}");
        }
    }
}
