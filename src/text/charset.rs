//! A char predicate answered from the bytes of two-byte UTF-8 chars.
//!
//! Tokenizers ask "is this a letter?" of every char of every article, and
//! nearly all of them are Arabic: two bytes each. Decoding the char and
//! asking Unicode's tables costs far more than one bit looked up by the
//! two bytes, so the answers for all of U+0080..U+07FF are worked out once.

/// The answers of a predicate for every two-byte char, by its bytes.
pub(crate) struct TwoByteSet {
    /// Row: the lead byte's low five bits; bit: the continuation's six.
    rows: [u64; 32],
}

impl TwoByteSet {
    pub fn new(pred: impl Fn(char) -> bool) -> Self {
        let mut rows = [0u64; 32];
        for c in ('\u{80}'..='\u{7FF}').filter(|&c| pred(c)) {
            let cp = c as u32;
            if let Some(row) = rows.get_mut((cp >> 6) as usize) {
                *row |= 1 << (cp & 0x3F);
            }
        }
        Self { rows }
    }

    /// The answer for the char encoded as the bytes `lead`, `cont` (a
    /// two-byte sequence of valid UTF-8).
    #[inline]
    pub fn contains(&self, lead: u8, cont: u8) -> bool {
        // The mask keeps the index in bounds: no check, no panic.
        let row = self.rows[usize::from(lead & 0x1F)];
        row >> (cont & 0x3F) & 1 != 0
    }

    /// The length of the char at byte `i` of `s` if the predicate holds
    /// for it (one byte: `ascii` says; two bytes: the table; longer:
    /// `pred`), else `None`.
    #[inline]
    pub fn len_at(
        &self,
        s: &str,
        i: usize,
        ascii: impl Fn(u8) -> bool,
        pred: impl Fn(char) -> bool,
    ) -> Option<usize> {
        let bytes = s.as_bytes();
        let b = *bytes.get(i)?;
        if b < 0x80 {
            return ascii(b).then_some(1);
        }
        if (0xC2..=0xDF).contains(&b) {
            let cont = *bytes.get(i + 1)?;
            return self.contains(b, cont).then_some(2);
        }
        let c = s.get(i..)?.chars().next()?;
        pred(c).then(|| c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_predicate_on_every_two_byte_char() {
        let pred = |c: char| c.is_alphabetic() && c != 'ب';
        let set = TwoByteSet::new(pred);
        let mut held = 0;
        for c in '\u{80}'..='\u{7FF}' {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(set.contains(b[0], b[1]), pred(c), "{c:?}");
            held += usize::from(pred(c));
        }
        assert!(held > 1000, "{held}");
        let s = "aب، €x";
        let len = |i| set.len_at(s, i, |b: u8| b.is_ascii_alphabetic(), pred);
        assert_eq!(len(0), Some(1));
        assert_eq!(len(1), None); // ب: the predicate says no
        assert_eq!(len(3), None); // ،
        assert_eq!(len(6), None); // € (three bytes, not alphabetic)
        assert_eq!(len(9), Some(1));
        assert_eq!(len(10), None);
    }
}
