//! Bytes → text: BOMs, UTF-8, UTF-16 and legacy (mostly Arabic) single-byte
//! encodings, detected rather than assumed, plus the checks that turn binary
//! and empty files into plain-worded problems instead of garbage articles.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line ends exactly as in the file.
    pub text: String,
    /// e.g. "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "windows-1256",
    /// "ISO-8859-6".
    pub encoding: &'static str,
    /// Some byte sequences were invalid and became U+FFFD.
    pub lossy: bool,
    /// How many invalid byte sequences were replaced.
    pub invalid_sequences: usize,
    /// How the encoding was chosen; anything but a BOM or valid UTF-8 is
    /// worth telling the user about.
    pub basis: EncodingBasis,
}

/// Why a particular encoding was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingBasis {
    /// A byte-order mark said so.
    Bom,
    /// The bytes are (almost entirely) valid UTF-8.
    Utf8,
    /// An HTML `<meta charset>` declared it.
    Declared,
    /// Statistical detection (chardetng), or the NUL-byte pattern for
    /// UTF-16 without a BOM.
    Detected,
}

/// Why a file's bytes are not an article.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeProblem {
    #[error("empty file")]
    Empty,
    #[error("empty file (whitespace only)")]
    WhitespaceOnly,
    #[error("binary file ({0})")]
    Binary(&'static str),
}

/// Share of control characters above which decoded "text" is taken to be
/// binary. Real articles have essentially none (tab and line ends are not
/// counted); random bytes give about 11 %, so 5 % separates the two with a
/// wide margin on both sides.
const MAX_CONTROL_RATIO: f64 = 0.05;

/// A file that is not valid UTF-8 is still read as UTF-8 when at most one
/// invalid sequence occurs per this many valid multi-byte characters: a
/// truncated last character or a stray pasted byte should not send a UTF-8
/// article through legacy detection (which would turn all of it into
/// mojibake). Legacy Arabic single-byte text almost never forms valid
/// multi-byte UTF-8 sequences, so it stays far below this ratio.
const UTF8_VALID_PER_INVALID: usize = 20;

/// BOM-less UTF-16 is only guessed when at least this share of the 16-bit
/// units are ASCII (one zero byte each): spaces, digits and line ends give
/// Arabic UTF-16 text well over 10 %, while a binary file rarely puts all its
/// zero bytes on one side and that often.
const MIN_UTF16_ASCII_SHARE: f64 = 1.0 / 16.0;

/// Decodes a file's bytes, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    decode_with_declared(bytes, None)
}

/// Like [`decode`], but with an encoding the document declares for itself
/// (HTML `<meta charset>`). The declaration is only used when the bytes are
/// not UTF-8: re-saved pages often keep a stale declaration, while valid
/// multi-byte UTF-8 practically never happens by accident.
pub fn decode_with_declared(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, DecodeProblem> {
    if bytes.is_empty() {
        return Err(DecodeProblem::Empty);
    }
    let decoded = decode_inner(bytes, declared)?;
    if decoded.text.trim().is_empty() {
        return Err(DecodeProblem::WhitespaceOnly);
    }
    if control_ratio(&decoded.text) > MAX_CONTROL_RATIO {
        return Err(DecodeProblem::Binary("mostly control characters"));
    }
    Ok(decoded)
}

fn decode_inner(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, DecodeProblem> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let name = if encoding == UTF_8 {
            "UTF-8 (BOM)"
        } else {
            encoding.name()
        };
        return Ok(decode_as(encoding, body, name, EncodingBasis::Bom));
    }
    let has_nul = memchr::memchr(0, bytes).is_some();
    // The common case, valid UTF-8, in one validating pass and one copy.
    if !has_nul {
        // SIMD validation: std's is byte by byte for non-ASCII text, a
        // twentieth of the whole extraction of Arabic articles.
        if let Ok(valid) = simdutf8::basic::from_utf8(bytes) {
            return Ok(Decoded {
                text: valid.to_owned(),
                encoding: "UTF-8",
                lossy: false,
                invalid_sequences: 0,
                basis: EncodingBasis::Utf8,
            });
        }
    }
    if has_nul {
        if let Some(encoding) = bomless_utf16(bytes) {
            let decoded = decode_as(encoding, bytes, encoding.name(), EncodingBasis::Detected);
            if !decoded.lossy {
                return Ok(decoded);
            }
        }
        return Err(DecodeProblem::Binary("contains NUL bytes"));
    }
    let quality = utf8_quality(bytes);
    // A file cut off mid-character is UTF-8 however short it is.
    let truncated = quality.invalid == 1 && quality.truncated_end && quality.multibyte > 0;
    if quality.invalid == 0
        || truncated
        || quality.invalid.saturating_mul(UTF8_VALID_PER_INVALID) <= quality.multibyte
    {
        return Ok(decode_as(UTF_8, bytes, "UTF-8", EncodingBasis::Utf8));
    }
    // A declaration of UTF-8 or UTF-16 on bytes that are not UTF-8 is wrong
    // (the HTML standard ignores UTF-16 declarations too), and the
    // "replacement" encoding would discard the whole file: detect instead.
    let usable = |e: &&'static Encoding| ![UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT].contains(e);
    if let Some(encoding) = declared.filter(usable) {
        return Ok(decode_as(
            encoding,
            bytes,
            encoding.name(),
            EncodingBasis::Declared,
        ));
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Deny);
    Ok(decode_as(
        encoding,
        bytes,
        encoding.name(),
        EncodingBasis::Detected,
    ))
}

/// Decodes with `encoding`, replacing and counting invalid sequences.
fn decode_as(
    encoding: &'static Encoding,
    bytes: &[u8],
    name: &'static str,
    basis: EncodingBasis,
) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, len: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(len)
            .unwrap_or(len)
            .max(16)
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let mut rest = bytes;
    let mut invalid = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(room(&decoder, rest.len())),
            DecoderResult::Malformed(_, _) => {
                invalid += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    Decoded {
        text,
        encoding: name,
        lossy: invalid > 0,
        invalid_sequences: invalid,
        basis,
    }
}

/// How UTF-8-like some bytes are.
struct Utf8Quality {
    /// Valid multi-byte characters.
    multibyte: usize,
    /// Invalid sequences.
    invalid: usize,
    /// The last invalid sequence is an incomplete character at the very end.
    truncated_end: bool,
}

fn utf8_quality(bytes: &[u8]) -> Utf8Quality {
    let count_multibyte = |valid: &[u8]| valid.iter().filter(|b| **b >= 0xC0).count();
    let mut quality = Utf8Quality {
        multibyte: 0,
        invalid: 0,
        truncated_end: false,
    };
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                quality.multibyte += count_multibyte(valid.as_bytes());
                return quality;
            }
            Err(err) => {
                let good = err.valid_up_to();
                quality.multibyte += count_multibyte(rest.get(..good).unwrap_or_default());
                quality.invalid += 1;
                match err.error_len() {
                    Some(bad) => rest = rest.get(good + bad..).unwrap_or_default(),
                    None => {
                        quality.truncated_end = true;
                        return quality;
                    }
                }
            }
        }
    }
}

/// UTF-16 without a BOM shows itself by zero bytes on one side only (the
/// high byte of ASCII characters): odd offsets for LE, even for BE.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = bytes.len() / 2;
    let enough = |zeros: usize| zeros as f64 >= units as f64 * MIN_UTF16_ASCII_SHARE;
    match (even, odd) {
        (0, odd) if enough(odd) => Some(UTF_16LE),
        (even, 0) if enough(even) => Some(UTF_16BE),
        _ => None,
    }
}

/// Share of characters that are control characters other than tab, line
/// feed, carriage return and form feed.
fn control_ratio(text: &str) -> f64 {
    // Byte-wise (this runs over every file): chars are the bytes that do
    // not continue a sequence; controls are C0 (but tab, line ends and form
    // feed), DEL, and C1 (U+0080..U+009F, encoded C2 80..C2 9F).
    let bytes = text.as_bytes();
    let c0 = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F;
    let c1 = |a: u8, b: u8| a == 0xC2 && (0x80..=0x9F).contains(&b);
    let pairs = || bytes.iter().zip(bytes.iter().skip(1));
    // Nearly every text has no control char: two passes the compiler
    // vectorises (folds, no early exit) answer 0 without counting.
    let any = bytes.iter().fold(false, |any, &b| any | c0(b))
        | pairs().fold(false, |any, (&a, &b)| any | c1(a, b));
    if !any {
        return 0.0;
    }
    let control =
        bytes.iter().filter(|&&b| c0(b)).count() + pairs().filter(|&(&a, &b)| c1(a, b)).count();
    let total = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ratio_counts_chars_and_controls() {
        for t in [
            "",
            "نص عربي\n\tمع سطر",
            "\x00\x01 abc \x7f",
            "\u{0080}\u{009F}\u{00A0}ÿ€ \u{0085}x",
            "\x0c\r\n",
        ] {
            assert_eq!(control_ratio(t), control_ratio_reference(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn control_ratio_equals_the_char_count(t in "[\\x00-\\x20\\x7e-\\u{00a2}ab عر]{0,600}") {
            proptest::prop_assert_eq!(control_ratio(&t), control_ratio_reference(&t));
        }
    }

    fn control_ratio_reference(t: &str) -> f64 {
        let total = t.chars().count();
        let control = t
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            .count();
        if total == 0 {
            0.0
        } else {
            control as f64 / total as f64
        }
    }
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const ARABIC: &str = "مع بدء معركة الرقة، الانشقاقات تسقط \"داعش\" في الأيام الأخيرة\r\nسطر ثان";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (if bom { Some('\u{FEFF}') } else { None })
            .into_iter()
            .chain(text.chars())
            .collect::<String>();
        for unit in units.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    #[test]
    fn encodings_round_trip_with_names() {
        let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), ARABIC.as_bytes()].concat();
        let cases: Vec<(&str, Vec<u8>, &str, EncodingBasis)> = vec![
            (
                "utf8",
                ARABIC.as_bytes().to_vec(),
                "UTF-8",
                EncodingBasis::Utf8,
            ),
            ("utf8 bom", utf8_bom, "UTF-8 (BOM)", EncodingBasis::Bom),
            (
                "utf16le bom",
                utf16(ARABIC, false, true),
                "UTF-16LE",
                EncodingBasis::Bom,
            ),
            (
                "utf16be bom",
                utf16(ARABIC, true, true),
                "UTF-16BE",
                EncodingBasis::Bom,
            ),
            (
                "utf16le bare",
                utf16(ARABIC, false, false),
                "UTF-16LE",
                EncodingBasis::Detected,
            ),
            (
                "utf16be bare",
                utf16(ARABIC, true, false),
                "UTF-16BE",
                EncodingBasis::Detected,
            ),
            (
                "1256",
                WINDOWS_1256.encode(ARABIC).0.into_owned(),
                "windows-1256",
                EncodingBasis::Detected,
            ),
            (
                "8859-6",
                ISO_8859_6.encode(ARABIC).0.into_owned(),
                "ISO-8859-6",
                EncodingBasis::Detected,
            ),
        ];
        for (label, bytes, name, basis) in cases {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert_eq!(decoded.text, ARABIC, "{label}");
            assert_eq!(decoded.encoding, name, "{label}");
            assert_eq!(decoded.basis, basis, "{label}");
            assert!(!decoded.lossy, "{label}");
        }
    }

    #[test]
    fn declared_charset_used_only_when_not_utf8() {
        let legacy = WINDOWS_1256.encode(ARABIC).0.into_owned();
        let decoded =
            decode_with_declared(&legacy, Some(WINDOWS_1256)).map(|d| (d.encoding, d.basis));
        assert_eq!(decoded, Ok(("windows-1256", EncodingBasis::Declared)));
        // A stale declaration on a UTF-8 file loses to the bytes.
        let decoded = decode_with_declared(ARABIC.as_bytes(), Some(WINDOWS_1256));
        assert_eq!(decoded.map(|d| d.text), Ok(ARABIC.to_string()));
    }

    #[test]
    fn truncated_utf8_stays_utf8_with_one_replacement() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.extend_from_slice("ع".as_bytes().get(..1).unwrap_or_default());
        let decoded = decode(&bytes).map(|d| (d.text, d.encoding, d.lossy, d.invalid_sequences));
        assert_eq!(decoded, Ok((format!("{ARABIC}\u{FFFD}"), "UTF-8", true, 1)));
        // Short text: the truncation alone decides.
        let decoded = decode(b"\xD8\xB9 \xD8").map(|d| (d.text, d.encoding));
        assert_eq!(decoded, Ok(("ع \u{FFFD}".to_string(), "UTF-8")));
        // ASCII with one high byte at the end is not truncated UTF-8.
        let decoded = decode(b"caf\xE9").map(|d| d.encoding);
        assert_ne!(decoded, Ok("UTF-8"));
    }

    #[test]
    fn unmapped_bytes_are_counted() {
        let mut bytes = ISO_8859_6.encode(ARABIC).0.into_owned();
        // 0xA1 and 0xFF are unassigned in ISO-8859-6. (chardetng rules out an
        // encoding that cannot decode the bytes, so a declaration is needed
        // to get here.)
        bytes.extend_from_slice(b" \xA1 \xFF");
        let decoded = decode_with_declared(&bytes, Some(ISO_8859_6));
        assert_eq!(
            decoded.map(|d| (d.text, d.encoding, d.lossy, d.invalid_sequences)),
            Ok((format!("{ARABIC} \u{FFFD} \u{FFFD}"), "ISO-8859-6", true, 2))
        );
    }

    #[test]
    fn every_prefix_decodes_without_panic() {
        // Files cut anywhere, in every encoding: a result, never a panic, and
        // a non-empty prefix of the text whenever the result is text.
        let samples = [
            ARABIC.as_bytes().to_vec(),
            utf16(ARABIC, false, true),
            utf16(ARABIC, true, false),
            WINDOWS_1256.encode(ARABIC).0.into_owned(),
        ];
        for sample in &samples {
            for end in 0..=sample.len() {
                let prefix = sample.get(..end).unwrap_or_default();
                if let Ok(decoded) = decode(prefix) {
                    assert!(!decoded.text.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn problems() {
        let cases: [(&[u8], DecodeProblem); 5] = [
            (b"", DecodeProblem::Empty),
            (b" \r\n\t \n", DecodeProblem::WhitespaceOnly),
            (b"\xEF\xBB\xBF  \n", DecodeProblem::WhitespaceOnly),
            (
                b"PK\x03\x04\x00\x00\x08\x00abc\x00",
                DecodeProblem::Binary("contains NUL bytes"),
            ),
            (
                b"\x01\x02\x03abc\x1b\x1b",
                DecodeProblem::Binary("mostly control characters"),
            ),
        ];
        for (bytes, problem) in cases {
            assert_eq!(decode(bytes), Err(problem.clone()), "{problem}");
        }
        assert_eq!(
            DecodeProblem::Binary("contains NUL bytes").to_string(),
            "binary file (contains NUL bytes)"
        );
    }
}
