//! What the text filter searches: every event's sentence, normalised and
//! lowercased, one line per distinct sentence.
//!
//! Events that share a sentence (an article's sentence often holds two
//! triggers) share its line, so the text is at most the size of the
//! articles' text, not the sum of every event's sentence (which was 1.5×
//! the corpus). Lines live in blocks of a few MB: appending never copies
//! what is already there (one growing buffer copied itself, and faulted in
//! fresh pages, at every doubling), no block has more than a few MB spare,
//! and a search scans the blocks on all cores.

use rayon::prelude::*;

use crate::model::EventId;
use crate::text::normalize;

/// A block is closed once it holds this much text.
const BLOCK_BYTES: usize = 4 << 20;

#[derive(Clone, Debug, Default)]
pub struct SearchText {
    blocks: Vec<Block>,
    /// Per event, by id: its line.
    line_of: Vec<usize>,
    /// Lines in all blocks.
    lines: usize,
}

/// Consecutive lines: UTF-8 (only ASCII bytes are ever changed), kept as
/// bytes so lines can be appended without validating the whole buffer
/// again; each line ends with `\n`.
#[derive(Clone, Debug, Default)]
struct Block {
    buf: Vec<u8>,
    /// Where each line starts in `buf`; one more entry than lines.
    starts: Vec<usize>,
    /// The global number of this block's first line.
    first_line: usize,
}

impl Block {
    fn line(&self, i: usize) -> &[u8] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => self.buf.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Which of this block's lines hold every term.
    fn matching(&self, first: &memchr::memmem::Finder<'_>, rest: &[Finder<'_>]) -> Vec<bool> {
        let mut hit = vec![false; self.len()];
        let bytes = self.buf.as_slice();
        let mut pos = 0;
        while let Some(off) = bytes.get(pos..).and_then(|b| first.find(b)) {
            let at = pos + off;
            let line = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
            if let Some(h) = hit.get_mut(line) {
                *h = rest.iter().all(|f| f.find(self.line(line)).is_some());
            }
            // Next line: one hit per line is enough.
            pos = self
                .starts
                .get(line + 1)
                .copied()
                .unwrap_or(bytes.len())
                .max(at + 1);
        }
        hit
    }
}

type Finder<'a> = memchr::memmem::Finder<'a>;

impl SearchText {
    /// Add a line for the next event's sentence.
    pub fn push(&mut self, sentence: &str) {
        let line = self.add_line(sentence);
        self.add_event(line);
    }

    /// Add a line: `sentence` normalised ([`normalize`]), lowercased, on
    /// one line. Returns its number, for [`Self::add_event`].
    pub fn add_line(&mut self, sentence: &str) -> usize {
        self.add_normalized_line(&normalize(sentence))
    }

    /// [`Self::add_line`] for a sentence already normalised (a slice of
    /// its article's [`crate::text::NormText`]: normalising the article
    /// once, with its run-copying, is cheaper than char by char per
    /// sentence). What is left is to lowercase other scripts than ASCII.
    pub fn add_normalized_line(&mut self, norm: &str) -> usize {
        let block = self.block_for(norm.len() + 1);
        if norm.contains('Σ') {
            // A capital sigma lowercases by its place in the word.
            push_folded(&mut block.buf, &norm.to_lowercase());
        } else {
            push_folded(&mut block.buf, norm);
        }
        block.buf.push(b'\n');
        block.starts.push(block.buf.len());
        self.lines += 1;
        self.lines - 1
    }

    /// The next event's sentence is line `line`.
    pub fn add_event(&mut self, line: usize) {
        self.line_of.push(line);
    }

    /// The block to append `bytes` to: the last, unless that is full.
    fn block_for(&mut self, bytes: usize) -> &mut Block {
        let full = self
            .blocks
            .last()
            .is_none_or(|b| !b.buf.is_empty() && b.buf.len() + bytes > BLOCK_BYTES);
        if full {
            self.blocks.push(Block {
                buf: Vec::new(),
                starts: vec![0],
                first_line: self.lines,
            });
        }
        let last = self.blocks.len() - 1;
        &mut self.blocks[last]
    }

    /// Add the lines and events of `other` after these (one article's,
    /// prepared off the window thread).
    pub fn append(&mut self, other: &SearchText) {
        let base = self.lines;
        for b in &other.blocks {
            let block = self.block_for(b.buf.len());
            if block.buf.is_empty() && block.buf.capacity() < BLOCK_BYTES {
                block.buf.reserve_exact(BLOCK_BYTES.max(b.buf.len()));
            }
            let offset = block.buf.len();
            block.buf.extend_from_slice(&b.buf);
            block
                .starts
                .extend(b.starts.iter().skip(1).map(|&s| offset + s));
            self.lines += b.len();
        }
        self.line_of.extend(other.line_of.iter().map(|&l| base + l));
    }

    /// Give back the room growth left over.
    pub fn shrink_to_fit(&mut self) {
        for b in &mut self.blocks {
            b.buf.shrink_to_fit();
            b.starts.shrink_to_fit();
        }
        self.line_of.shrink_to_fit();
    }

    /// Line `line`, with its `\n`.
    fn line(&self, line: usize) -> &[u8] {
        let i = self.blocks.partition_point(|b| b.first_line <= line);
        match i.checked_sub(1).and_then(|i| self.blocks.get(i)) {
            Some(b) => b.line(line - b.first_line),
            None => &[],
        }
    }

    /// Event `event`'s line, with its `\n`.
    pub fn event_line(&self, event: EventId) -> &[u8] {
        self.line_of.get(event).map_or(&[], |&l| self.line(l))
    }

    /// Lines held (events sharing a sentence share one).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Which events' lines hold every term (`None`: no terms, all do).
    pub fn matching(&self, terms: &[Finder<'_>]) -> Option<Vec<bool>> {
        let (first, rest) = terms.split_first()?;
        let by_line: Vec<bool> = self
            .blocks
            .par_iter()
            .flat_map_iter(|b| b.matching(first, rest))
            .collect();
        Some(
            self.line_of
                .iter()
                .map(|&l| by_line.get(l).copied().unwrap_or(false))
                .collect(),
        )
    }
}

/// `line` lowercased char by char (Unicode's case tables only for chars
/// that may have case: they were a quarter of preparing the search text),
/// line breaks made spaces (a match must not span two lines).
fn push_folded(buf: &mut Vec<u8>, line: &str) {
    let mut utf8 = [0u8; 4];
    let mut rest = line;
    while !rest.is_empty() {
        // The longest stretch of chars without case is copied whole.
        let plain = rest
            .char_indices()
            .find(|&(_, c)| !caseless(c) || c == '\n')
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(plain);
        buf.extend_from_slice(head.as_bytes());
        let mut chars = tail.chars();
        match chars.next() {
            Some('\n') => buf.push(b' '),
            Some(c) => {
                for l in c.to_lowercase() {
                    buf.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
                }
            }
            None => {}
        }
        rest = chars.as_str();
    }
}

/// Whether `c` is the same lowercased: ASCII already lowercased by
/// [`normalize`], Latin-1's punctuation («»), Arabic (and the other
/// scripts of U+0600..U+07FF), general punctuation (… “”) and the Arabic
/// presentation forms: nearly every char of an Arabic article.
fn caseless(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x40 | 0x5B..=0xBF | 0x0600..=0x07FF | 0x2000..=0x206F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &SearchText, q: &str) -> Option<Vec<bool>> {
        let q = normalize(q).to_lowercase();
        let f: Vec<_> = q.split_whitespace().map(Finder::new).collect();
        s.matching(&f)
    }

    proptest::proptest! {
        /// The char-by-char fold gives what lowercasing the whole
        /// normalised sentence gave (the implementation it replaced), for
        /// Arabic, Latin with and without accents, Greek (final sigma),
        /// Turkish İ, punctuation and line breaks.
        #[test]
        fn search_lines_are_the_sentence_normalised_and_lowercased(
            s in "[\\u{0600}-\\u{06FF}a-zA-ZÀ-ÿḀ-ỿΑ-Ωα-ωİ«»…“” \n\\.،]{0,40}"
        ) {
            let mut t = SearchText::default();
            t.push(&s);
            let want = normalize(&s).to_lowercase().replace('\n', " ") + "\n";
            proptest::prop_assert_eq!(String::from_utf8_lossy(t.event_line(0)), want);
        }
    }

    #[test]
    fn text_search_normalises_ands_terms_and_never_spans_events() {
        let mut s = SearchText::default();
        for t in ["أعدم التنظيم ثلاثة", "إعدام في الرقة", "غارة على الرقة"]
        {
            s.push(t);
        }
        assert_eq!(find(&s, "اعدام"), Some(vec![false, true, false]));
        assert_eq!(find(&s, "الرقة"), Some(vec![false, true, true]));
        assert_eq!(find(&s, "غارة الرقة"), Some(vec![false, false, true]));
        // «ثلاثة» ends event 0 and «إعدام» starts event 1: no match across.
        assert_eq!(find(&s, "ثلاثهاعدام"), Some(vec![false, false, false]));
        assert_eq!(find(&s, ""), None);
    }

    /// Events sharing a line match together; lines appended from other
    /// texts keep their events; a search spanning many blocks finds each
    /// hit once and in the right event, never across a block's end.
    #[test]
    fn shared_lines_appends_and_blocks() {
        let mut article = SearchText::default();
        let l = article.add_line("غارة على الرقة");
        article.add_event(l);
        article.add_event(l);
        let l = article.add_line("انشقاق في دير الزور");
        article.add_event(l);
        assert_eq!(article.lines(), 2);

        let mut all = SearchText::default();
        // Enough lines for several blocks; every 1000th names Tabqa.
        let filler = "قتل عنصران في اشتباك قرب بلدة صغيرة ".repeat(8);
        let mut want = Vec::new();
        for i in 0..20_000 {
            let named = i % 1000 == 999;
            all.push(&if named {
                format!("{filler}الطبقة {i}")
            } else {
                format!("{filler}{i}")
            });
            want.push(named);
            if i % 5000 == 0 {
                all.append(&article);
                want.extend([true, true, false]);
            }
        }
        assert!(all.blocks.len() >= 3, "{} blocks", all.blocks.len());
        assert_eq!(all.lines(), 20_000 + 4 * 2);
        let by_place = find(&all, "الطبقه").unwrap();
        assert_eq!(by_place.iter().filter(|&&h| h).count(), 20);
        let by_raid = find(&all, "غارة الرقة").unwrap();
        assert_eq!(by_raid.iter().filter(|&&h| h).count(), 8);
        let either: Vec<bool> = by_place.iter().zip(&by_raid).map(|(a, b)| a | b).collect();
        assert_eq!(either, want);
        // Each event's line is its own sentence, across block ends (three
        // article events follow fillers 0, 5000, 10000 and 15000).
        for (ev, i) in [(0, 0usize), (4_002, 3_999), (20_011, 19_999)] {
            let line = String::from_utf8_lossy(all.event_line(ev)).to_string();
            assert!(line.ends_with(&format!(" {i}\n")), "event {ev}: {line}");
        }
        assert_eq!(all.event_line(1), all.event_line(2));
        assert!(String::from_utf8_lossy(all.event_line(3)).contains("دير الزور"));
        assert!(all.event_line(usize::MAX).is_empty());
    }
}
