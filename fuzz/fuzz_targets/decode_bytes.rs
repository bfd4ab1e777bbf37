//! The loader's decoding on arbitrary bytes: BOMs, UTF-16 guessing, legacy
//! detection, the binary and empty checks, then HTML extraction of what
//! decoded. Besides "no panic": a decoded text is never blank and, for
//! valid UTF-8 input without a BOM, is the input itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsline::loader::{decode, decode_with_declared, extract_html, looks_like_html, EncodingBasis};

fuzz_target!(|data: &[u8]| {
    let declared = [None, Some(encoding_rs::WINDOWS_1256), Some(encoding_rs::UTF_16LE)];
    for d in declared {
        let Ok(decoded) = decode_with_declared(data, d) else {
            continue;
        };
        assert!(!decoded.text.trim().is_empty(), "blank text decoded");
        if decoded.basis == EncodingBasis::Utf8 && decoded.invalid_sequences == 0 {
            assert_eq!(decoded.text.as_bytes(), data, "valid UTF-8 changed by decoding");
        }
        assert_eq!(decoded.lossy, decoded.invalid_sequences > 0);
    }
    if let Ok(decoded) = decode(data) {
        let _ = looks_like_html(&decoded.text);
        let _ = extract_html(&decoded.text);
    }
    // HTML extraction on any text, not only what passes the binary check.
    let lossy = String::from_utf8_lossy(data);
    let _ = extract_html(&lossy);
});
