//! Arabic text normalisation for matching, with a map back to the original;
//! `matcher` holds the clitic-aware multi-phrase matcher built on it.
//!
//! Matching runs on the normalised text; every hit is mapped back to byte
//! offsets of the original text, which is what the model stores.

pub(crate) mod charset;
mod matcher;
pub(crate) mod word_filter;

pub use matcher::{is_proclitic, PhraseHit, PhraseMatcher, Suffix};

use crate::model::ByteSpan;

/// What a single original char becomes after normalisation.
const fn normalize_char(c: char) -> Option<char> {
    Some(match c {
        // Harakat, tanween, shadda, sukun, superscript alef, Quranic marks,
        // tatweel and invisible direction/joiner marks carry no meaning for matching.
        '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{061C}'
        | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' => (b'0' + (c as u32 - 0x0660) as u8) as char,
        '۰'..='۹' => (b'0' + (c as u32 - 0x06F0) as u8) as char,
        'A'..='Z' => c.to_ascii_lowercase(),
        // Non-breaking and other exotic spaces become a plain space.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => ' ',
        _ => c,
    })
}

/// [`normalize_char`] for the Arabic block U+0600..U+06FF, where nearly
/// every char of an article is: the code point it becomes, or `DROPPED`.
const ARABIC_BLOCK: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut k = 0;
    while k < 256 {
        table[k] = match char::from_u32(0x0600 + k as u32) {
            Some(c) => match normalize_char(c) {
                Some(n) => n as u32,
                None => DROPPED,
            },
            None => DROPPED,
        };
        k += 1;
    }
    table
};
const DROPPED: u32 = u32::MAX;

/// The chars of the Arabic block that normalisation leaves as they are.
const ARABIC_UNCHANGED: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < 256 {
        table[k] = ARABIC_BLOCK[k] == 0x0600 + k as u32;
        k += 1;
    }
    table
};

/// The length of the char at `src[i]` when normalisation leaves it as it
/// is and it is ASCII or in the Arabic block; else `None`.
#[inline]
fn unchanged_at(src: &[u8], i: usize) -> Option<usize> {
    match *src.get(i)? {
        b if b < 0x80 => (!b.is_ascii_uppercase()).then_some(1),
        b @ 0xD8..=0xDB => {
            let b1 = *src.get(i + 1)?;
            let k = (usize::from(b & 0x03) << 6) | usize::from(b1 & 0x3F);
            ARABIC_UNCHANGED.get(k).copied()?.then_some(2)
        }
        _ => None,
    }
}

/// Normalise a phrase (lexicon entry, search query) without keeping a map.
pub fn normalize(s: &str) -> String {
    s.chars().filter_map(normalize_char).collect()
}

/// True for chars that continue a word (letters and digits after normalisation).
pub fn is_word_char(c: char) -> bool {
    // ASCII and the Arabic letters answered without Unicode's table search
    // (it was a tenth of extraction time: every tokenizer calls this on every
    // char). Same answers as `is_alphanumeric` (tested over all chars).
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' => true,
        // ، ؛ ؟ and the Arabic-Indic digits' neighbours ٪ ٫ ٬ ٭
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' => false,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// The runs of word chars of `s` (what `s.split(|c| !is_word_char(c))`
/// gives, without the empty pieces), read byte by byte: two-byte chars are
/// decoded in place rather than through `chars()`.
#[inline]
pub fn word_runs(s: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (word, len) = char_class(s, at)?;
            if word {
                break at;
            }
            at += len;
        };
        let mut end = start;
        while let Some((true, len)) = char_class(s, end) {
            end += len;
        }
        at = end;
        s.get(start..end)
    })
}

/// Whether the char at byte `i` of `s` is a word char, and its length.
#[inline]
fn char_class(s: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = s.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    if let (0xC2..=0xDF, Some(&b1)) = (b, bytes.get(i + 1)) {
        let c = (u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F);
        return Some((char::from_u32(c).is_some_and(is_word_char), 2));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

/// Normalised text plus a map from each of its bytes to the original byte
/// where the char it came from starts. Deleted chars (diacritics) belong to
/// the previous char, so a span ending on a letter also covers its
/// diacritics: a char's original range ends where the next kept char's
/// begins.
#[derive(Clone, Debug, Default)]
pub struct NormText {
    pub text: String,
    /// The map, as runs of chars that sit at the same distance in both
    /// texts: most chars normalise to themselves, so an article has a few
    /// dozen runs where a number per byte cost a tenth of extraction.
    runs: Vec<Run>,
    /// Where the last kept char's range ends (the original's length, or 0
    /// when nothing was kept).
    orig_len: u32,
}

/// Chars of the normalised text from byte `norm` on (to the next run) came
/// from the original text at byte `orig` on, byte for byte; only a run's
/// last char may differ in length from its original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    norm: u32,
    orig: u32,
}

/// Builds the runs, one kept char (or stretch of unchanged chars) at a time.
#[derive(Default)]
struct RunsBuilder {
    runs: Vec<Run>,
    /// Where the next kept char must sit (normalised, original) to extend
    /// the last run: right after it, which had the same length in both.
    next: Option<(usize, usize)>,
}

impl RunsBuilder {
    /// A kept stretch: `norm_len` bytes at `norm` came from `orig_len`
    /// bytes at `orig`.
    #[inline]
    fn kept(&mut self, norm: usize, orig: usize, norm_len: usize, orig_len: usize) {
        if self.next != Some((norm, orig)) {
            self.runs.push(Run {
                norm: norm as u32,
                orig: orig as u32,
            });
        }
        self.next = (norm_len == orig_len).then_some((norm + norm_len, orig + orig_len));
    }
}

impl NormText {
    pub fn new(original: &str) -> Self {
        // Byte-level fast paths (this runs over every byte of every
        // article): runs of chars that normalise to themselves are copied
        // whole, ASCII and the Arabic block are mapped by table, other
        // chars take the general path.
        let src = original.as_bytes();
        let mut text = String::with_capacity(src.len());
        let mut runs = RunsBuilder::default();
        let mut i = 0;
        while i < src.len() {
            let run = i;
            while let Some(len) = unchanged_at(src, i) {
                i += len;
            }
            if i > run {
                let Some(same) = original.get(run..i) else {
                    return Self::new_general(original);
                };
                runs.kept(text.len(), run, i - run, i - run);
                text.push_str(same);
            }
            let Some(&b) = src.get(i) else { break };
            if b < 0x80 {
                runs.kept(text.len(), i, 1, 1);
                text.push(char::from(b.to_ascii_lowercase()));
                i += 1;
                continue;
            }
            if let (0xD8..=0xDB, Some(&b1)) = (b, src.get(i + 1)) {
                let k = (usize::from(b & 0x03) << 6) | usize::from(b1 & 0x3F);
                let mapped = ARABIC_BLOCK.get(k).copied().unwrap_or(DROPPED);
                if let Some(n) = char::from_u32(mapped) {
                    runs.kept(text.len(), i, n.len_utf8(), 2);
                    text.push(n);
                }
                i += 2;
                continue;
            }
            let Some(c) = original.get(i..).and_then(|r| r.chars().next()) else {
                return Self::new_general(original);
            };
            if let Some(n) = normalize_char(c) {
                runs.kept(text.len(), i, n.len_utf8(), c.len_utf8());
                text.push(n);
            }
            i += c.len_utf8();
        }
        Self::from_parts(text, runs.runs, original)
    }

    /// The same map, char by char (the reference for the fast path).
    fn new_general(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut runs = RunsBuilder::default();
        for (i, c) in original.char_indices() {
            if let Some(n) = normalize_char(c) {
                runs.kept(text.len(), i, n.len_utf8(), c.len_utf8());
                text.push(n);
            }
        }
        Self::from_parts(text, runs.runs, original)
    }

    fn from_parts(text: String, runs: Vec<Run>, original: &str) -> Self {
        let orig_len = if text.is_empty() {
            0
        } else {
            original.len() as u32
        };
        Self {
            text,
            runs,
            orig_len,
        }
    }

    /// Original byte where the char holding normalised byte `i` starts;
    /// past the end, where the last char's range ends.
    fn orig_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.orig_len as usize;
        }
        let k = self.runs.partition_point(|r| r.norm as usize <= i);
        let Some(run) = k.checked_sub(1).and_then(|k| self.runs.get(k)) else {
            return self.orig_len as usize;
        };
        let mut c = i;
        while c > run.norm as usize && !self.text.is_char_boundary(c) {
            c -= 1;
        }
        run.orig as usize + (c - run.norm as usize)
    }

    /// Original byte where the char holding normalised byte `i` ends, with
    /// the deleted chars after it.
    fn orig_end_of(&self, i: usize) -> usize {
        let mut next = i + 1;
        while next < self.text.len() && !self.text.is_char_boundary(next) {
            next += 1;
        }
        self.orig_start(next)
    }

    /// Original byte span of the normalised byte range `[start, end)`.
    /// Out-of-range input is clamped, never panics.
    pub fn to_orig(&self, start: usize, end: usize) -> ByteSpan {
        if self.text.is_empty() || start >= end {
            let at = self.orig_start(start);
            return ByteSpan::new(at, at);
        }
        let s = if start < self.text.len() {
            self.orig_start(start)
        } else {
            0
        };
        let e = self.orig_end_of(end.min(self.text.len()) - 1);
        ByteSpan::new(s, e.max(s))
    }

    /// Normalised byte offset of the first normalised char at or after the
    /// original offset `orig` (used to map sentence bounds into normalised text).
    pub fn from_orig(&self, orig: usize) -> usize {
        // The runs that start before `orig` hold every char that does.
        let k = self.runs.partition_point(|r| (r.orig as usize) < orig);
        let Some(run) = k.checked_sub(1).and_then(|k| self.runs.get(k)) else {
            return 0;
        };
        let end = self
            .runs
            .get(k)
            .map_or(self.text.len(), |r| r.norm as usize);
        let mut at = run.norm as usize + (orig - run.orig as usize);
        if at >= end {
            return end;
        }
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        let differ: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_word_char(c) != c.is_alphanumeric())
            .collect();
        assert_eq!(differ, Vec::<char>::new());
        assert!(is_word_char('ب') && is_word_char('ـ') && is_word_char('٣'));
        assert!(!is_word_char('،') && !is_word_char(' ') && !is_word_char('-'));
    }

    #[test]
    fn normalises_letters_digits_and_diacritics() {
        assert_eq!(normalize("إعدامٌ"), "اعدام");
        assert_eq!(normalize("مُسْتَشْفَى"), "مستشفي");
        assert_eq!(normalize("الرقّة"), "الرقه");
        assert_eq!(normalize("٢٠١٧/۰٦"), "2017/06");
        assert_eq!(normalize("آمـــن"), "امن");
        assert_eq!(normalize("Kobani"), "kobani");
    }

    #[test]
    fn map_points_back_to_original_bytes() {
        let orig = "قال إنّ الرقّة ٢٠١٧";
        let n = NormText::new(orig);
        let start = n.text.find("الرقه").unwrap();
        let span = n.to_orig(start, start + "الرقه".len());
        assert_eq!(span.slice(orig), "الرقّة");
        let d = n.text.find("2017").unwrap();
        assert_eq!(n.to_orig(d, d + 4).slice(orig), "٢٠١٧");
    }

    #[test]
    fn map_is_monotone_and_on_char_boundaries() {
        let orig = "وَبِالرَّقَّةِ ـ مدينة ٣ Kobani";
        let n = NormText::new(orig);
        let mut last = 0;
        for i in 0..n.text.len() {
            let s = n.to_orig(i, i + 1);
            assert!(s.start >= last);
            assert!(orig.is_char_boundary(s.start) && orig.is_char_boundary(s.end));
            last = s.start;
        }
    }

    /// The map as first written (a start and an end per byte, diacritics
    /// folded into the previous char's end): the compact map must agree.
    fn reference_to_orig(original: &str, start: usize, end: usize) -> (usize, usize) {
        let (mut starts, mut ends): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for (i, c) in original.char_indices() {
            let e = i + c.len_utf8();
            match normalize_char(c) {
                Some(n) => {
                    for _ in 0..n.len_utf8() {
                        starts.push(i);
                        ends.push(e);
                    }
                }
                None => {
                    if let Some(&last) = starts.last() {
                        for (s, en) in starts.iter().rev().zip(ends.iter_mut().rev()) {
                            if *s != last {
                                break;
                            }
                            *en = e;
                        }
                    }
                }
            }
        }
        (starts[start], ends[end - 1])
    }

    /// The map as a number per normalised byte (how it was kept before
    /// runs): every byte's start and every original offset's way back must
    /// agree with it.
    fn agrees_with_per_byte_starts(original: &str, n: &NormText) {
        let mut starts: Vec<usize> = Vec::new();
        for (i, c) in original.char_indices() {
            if let Some(k) = normalize_char(c) {
                starts.resize(starts.len() + k.len_utf8(), i);
            }
        }
        assert_eq!(starts.len(), n.text.len());
        for (i, &want) in starts.iter().enumerate() {
            assert_eq!(n.orig_start(i), want, "{original:?} byte {i}");
        }
        for orig in 0..=original.len() + 2 {
            let want = starts.partition_point(|&s| s < orig);
            assert_eq!(n.from_orig(orig), want, "{original:?} from {orig}");
        }
    }

    #[test]
    fn runs_are_few_and_follow_the_changes() {
        // Unchanged text is one run; each dropped diacritic or shortened
        // digit starts a new one.
        assert_eq!(NormText::new("قال الرقه 2017").runs.len(), 1);
        let n = NormText::new("قالَ ٢٠ x");
        assert_eq!(
            n.runs,
            [
                Run { norm: 0, orig: 0 },
                Run { norm: 6, orig: 8 }, // from the space after the dropped fatha, with ٢
                Run { norm: 8, orig: 11 }, // ٠, after ٢ became one byte
                Run { norm: 9, orig: 13 }, // the space, after ٠ did
            ]
        );
        agrees_with_per_byte_starts("قالَ ٢٠ x", &n);
    }

    #[test]
    fn fast_path_agrees_with_the_general_path() {
        // Every char of the Arabic block, ASCII, and others around them.
        let mut all: String = (0x0600..=0x06FFu32).filter_map(char::from_u32).collect();
        all.push_str("ABC xyz 09 \u{00A0}é\u{200F}\u{FEFF}ـ\u{064B}ک€𝄞");
        for orig in [all.as_str(), "", "\u{064B}\u{064B}", "Kobani ٢٠١٧ الرقّة"] {
            let (fast, general) = (NormText::new(orig), NormText::new_general(orig));
            assert_eq!(fast.text, general.text);
            assert_eq!(fast.runs, general.runs);
            assert_eq!(fast.orig_len, general.orig_len);
            agrees_with_per_byte_starts(orig, &fast);
        }
    }

    #[test]
    fn compact_map_agrees_with_the_reference() {
        for orig in [
            "\u{FEFF}قال إنّ الرقّة ٢٠١٧\u{200F}",
            "وَبِالرَّقَّةِ ـ مدينة ٣ Kobani ً",
            "ABC ـــ د",
            "مُسْتَشْفَى",
        ] {
            let n = NormText::new(orig);
            let bounds: Vec<usize> = (0..=n.text.len())
                .filter(|&i| n.text.is_char_boundary(i))
                .collect();
            for (k, &s) in bounds.iter().enumerate() {
                for &e in bounds.iter().skip(k + 1) {
                    let got = n.to_orig(s, e);
                    assert_eq!(
                        (got.start, got.end),
                        reference_to_orig(orig, s, e),
                        "{orig:?} {s}..{e}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_runs_are_the_split_on_non_word_chars(s in "[a9 .،؟ـبعة٣\u{064B}\u{00AB}é€𝄞\u{0670}-]{0,40}") {
            let want: Vec<&str> = s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(word_runs(&s).collect::<Vec<_>>(), want);
        }
    }

    proptest::proptest! {
        /// Mixed Arabic (letters that change and letters that do not,
        /// diacritics), ASCII of both cases and other scripts.
        #[test]
        fn fast_path_agrees_with_the_general_path_on_mixed_text(
            s in "[a-zA-Z0-9 .\n\u{0600}-\u{06FF}\u{00A0}é€𝄞\u{200F}]{0,60}"
        ) {
            let (fast, general) = (NormText::new(&s), NormText::new_general(&s));
            proptest::prop_assert_eq!(&fast.text, &general.text);
            proptest::prop_assert_eq!(&fast.runs, &general.runs);
            proptest::prop_assert_eq!(fast.orig_len, general.orig_len);
            agrees_with_per_byte_starts(&s, &fast);
        }
    }
}
