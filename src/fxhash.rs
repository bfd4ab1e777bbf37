//! A fast hasher for the lexicons' own string keys.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (as in rustc): lexicon lookups run for most words of 10,000s of
/// articles, and SipHash's DoS resistance buys nothing for our own keys.
#[derive(Default)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words by fixed-size copies (a copy of a variable-length
        // chunk became a memcpy call per word); the tail zero-padded.
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(word);
            self.add(u64::from_le_bytes(buf));
        }
        let tail = words.remainder();
        if !tail.is_empty() {
            let word = tail
                .iter()
                .enumerate()
                .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i));
            self.add(word);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written: each chunk of up to 8 bytes zero-padded.
    fn reference(bytes: &[u8]) -> u64 {
        let mut h = 0u64;
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(chunk) {
                *d = *s;
            }
            h = (h.rotate_left(5) ^ u64::from_le_bytes(buf))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        h
    }

    #[test]
    fn same_hash_as_the_chunked_reference() {
        let text = "الرقة 2017 abc ٢٠١٧ …";
        for end in 0..=text.len() {
            let bytes = &text.as_bytes()[..end];
            let mut h = FxHasher::default();
            h.write(bytes);
            assert_eq!(h.finish(), reference(bytes), "{end}");
        }
    }
}
