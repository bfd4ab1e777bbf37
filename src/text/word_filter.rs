//! A set of words that answers "surely not in it" without hashing the word.
//!
//! The date grammar asks for every word of every article whether it can
//! begin a date; a few thousand written forms can, and nearly no word of a
//! text is one of them. A hash lookup hashes the whole word and probes the
//! table; this filter mixes the word's length and its first and last four
//! bytes into one bit of a 64 Kbit table. A clear bit means the word is not
//! in the set; a set bit means "maybe" (a few percent of other words), and
//! the caller then asks the real set.

/// Bits of the table: 2^16 = 65,536 (8 KB).
const BITS: u32 = 16;

/// A Bloom filter with one hash function over a cheap digest of a word.
#[derive(Clone)]
pub(crate) struct WordFilter {
    bits: Box<[u64]>,
}

impl Default for WordFilter {
    fn default() -> Self {
        Self {
            bits: vec![0u64; (1usize << BITS) / 64].into_boxed_slice(),
        }
    }
}

/// The first four bytes of a word, or fewer (missing bytes are zero).
#[inline]
fn head4(b: &[u8]) -> u32 {
    match b.first_chunk::<4>() {
        Some(c) => u32::from_le_bytes(*c),
        // A word of under four bytes: built byte by byte (a copy of a
        // variable length would be a call to memcpy).
        None => b.iter().rev().fold(0, |acc, &x| acc << 8 | u32::from(x)),
    }
}

/// The last four bytes of a word, or fewer.
#[inline]
fn tail4(b: &[u8]) -> u32 {
    b.last_chunk::<4>()
        .map_or_else(|| head4(b), |c| u32::from_le_bytes(*c))
}

/// The table bit of `w`: its length, first and last four bytes, mixed by a
/// multiplication whose top bits depend on all of them.
#[inline]
fn slot(w: &str) -> usize {
    let b = w.as_bytes();
    let n = b.len();
    let (head, tail) = (head4(b), tail4(b));
    let x = (u64::from(head) << 32 | u64::from(tail)) ^ (n as u64).wrapping_mul(0x9E37_79B9);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize
}

impl WordFilter {
    pub fn insert(&mut self, w: &str) {
        let s = slot(w);
        if let Some(word) = self.bits.get_mut(s / 64) {
            *word |= 1 << (s % 64);
        }
    }

    /// False only if `w` was never inserted.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let s = slot(w);
        self.bits
            .get(s / 64)
            .is_some_and(|word| word >> (s % 64) & 1 != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_denies_an_inserted_word_and_rejects_most_others() {
        let mut f = WordFilter::default();
        let inserted: Vec<String> = (0..3000).map(|k| format!("ال{k}كلمة")).collect();
        for w in &inserted {
            f.insert(w);
        }
        for w in &inserted {
            assert!(f.may_contain(w), "{w}");
        }
        let others = (0..10_000).map(|k| format!("و{k}نص"));
        let passed = others.filter(|w| f.may_contain(w)).count();
        // 3,000 of 65,536 bits set: about 4.6 % of other words pass.
        assert!(passed < 800, "{passed} of 10000 passed");
        // Short words (under four bytes) and the empty word work too.
        let mut g = WordFilter::default();
        g.insert("م");
        g.insert("");
        assert!(g.may_contain("م") && g.may_contain(""));
        assert!(!g.may_contain("ال"));
    }
}
