//! The token stream the date grammar reads: words, numbers and marks of
//! the normalised text, with byte offsets and whether space came before.

use std::sync::OnceLock;

use crate::text::charset::TwoByteSet;

/// Letters start or continue a word; Arabic ones are checked first because
/// the general Unicode lookup is slow and they are nearly every char.
fn is_letter(c: char) -> bool {
    match c {
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        // Arabic comma, semicolon and question mark: common, and the
        // general lookup below is slow for them.
        '،' | '؛' | '؟' => false,
        _ => c.is_alphabetic(),
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// A run of letters.
    Word,
    /// A run of ASCII digits: value (saturating) and digit count.
    Num(u32, usize),
    /// Any other visible char; a line break is `Punct('\n')` so no
    /// expression crosses lines.
    Punct(char),
}

/// One token of the normalised text, as normalised byte offsets.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Tk,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
}

/// [`is_letter`] for two-byte chars, by their bytes.
fn two_byte_letters() -> &'static TwoByteSet {
    static SET: OnceLock<TwoByteSet> = OnceLock::new();
    SET.get_or_init(|| TwoByteSet::new(is_letter))
}

/// Split normalised text into words, numbers and punctuation.
pub(crate) fn tokenize(t: &str) -> Vec<Tok> {
    // This reads every char of every article: letters are told by their
    // bytes (one table bit for Arabic), and only punctuation is decoded.
    let bytes = t.as_bytes();
    let letters = two_byte_letters();
    let letter_at = |i: usize| letters.len_at(t, i, |b| b.is_ascii_alphabetic(), is_letter);
    let mut toks: Vec<Tok> = Vec::with_capacity(t.len() / 5);
    let mut space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind = if b == b' ' {
            i += 1;
            space = true;
            None
        } else if b.is_ascii_digit() {
            let mut end = i;
            let mut value = 0u32;
            while let Some(&d) = bytes.get(end).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                end += 1;
            }
            i = end;
            Some(Tk::Num(value, end - start))
        } else if let Some(len) = letter_at(i) {
            i += len;
            while let Some(len) = letter_at(i) {
                i += len;
            }
            Some(Tk::Word)
        } else {
            let Some(c) = t.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if c == '\n' {
                Some(Tk::Punct('\n'))
            } else if c.is_whitespace() {
                space = true;
                None
            } else {
                Some(Tk::Punct(c))
            }
        };
        if let Some(kind) = kind {
            toks.push(Tok {
                start,
                end: i,
                kind,
                space_before: space,
            });
            // A line break counts as space before the next token.
            space = kind == Tk::Punct('\n');
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    /// The tokenizer as first written, char by char.
    fn tokenize_reference(t: &str) -> Vec<Tok> {
        #[derive(PartialEq)]
        enum Run {
            Letters,
            Digits,
        }
        let mut toks: Vec<Tok> = Vec::with_capacity(t.len() / 5);
        let mut run: Option<(Run, usize)> = None;
        let mut space = false;
        let close =
            |toks: &mut Vec<Tok>, run: &mut Option<(Run, usize)>, end: usize, space: &mut bool| {
                if let Some((kind, start)) = run.take() {
                    let kind = match kind {
                        Run::Letters => Tk::Word,
                        Run::Digits => {
                            let digits = t.get(start..end).unwrap_or("");
                            let value = digits.bytes().fold(0u32, |v, b| {
                                v.saturating_mul(10).saturating_add(u32::from(b - b'0'))
                            });
                            Tk::Num(value, digits.len())
                        }
                    };
                    toks.push(Tok {
                        start,
                        end,
                        kind,
                        space_before: *space,
                    });
                    *space = false;
                }
            };
        for (i, c) in t.char_indices() {
            let class = if c.is_ascii_digit() {
                Some(Run::Digits)
            } else if is_letter(c) {
                Some(Run::Letters)
            } else {
                None
            };
            match class {
                Some(k) => {
                    if run.as_ref().is_some_and(|(r, _)| *r != k) {
                        close(&mut toks, &mut run, i, &mut space);
                    }
                    if run.is_none() {
                        run = Some((k, i));
                    }
                }
                None => {
                    close(&mut toks, &mut run, i, &mut space);
                    if c == '\n' {
                        toks.push(Tok {
                            start: i,
                            end: i + 1,
                            kind: Tk::Punct('\n'),
                            space_before: space,
                        });
                        space = true;
                    } else if c.is_whitespace() {
                        space = true;
                    } else {
                        toks.push(Tok {
                            start: i,
                            end: i + c.len_utf8(),
                            kind: Tk::Punct(c),
                            space_before: space,
                        });
                        space = false;
                    }
                }
            }
        }
        close(&mut toks, &mut run, t.len(), &mut space);
        toks
    }

    #[test]
    fn tokenizer_agrees_with_the_reference() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| normalize(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
            .collect();
        texts.extend(
            [
                "",
                " \n\n a1b2 ٣ 99999999999 é€𝄞 x\u{00A0}y",
                "29/6/2017، الـ24\nغدا  (يونيو)",
                "\u{0600}\u{06FF}\u{0700}ۀ ﻻ",
            ]
            .map(String::from),
        );
        for t in &texts {
            let key = |v: Vec<Tok>| -> Vec<(usize, usize, Tk, bool)> {
                v.into_iter()
                    .map(|k| (k.start, k.end, k.kind, k.space_before))
                    .collect()
            };
            assert_eq!(key(tokenize(t)), key(tokenize_reference(t)), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_equals_the_reference_on_any_text(
            t in "[a-zA-Z0-9 .,/\n\u{0600}-\u{06FF}\u{00A0}é€𝄞\u{FB50}-\u{FB60}]{0,50}"
        ) {
            let key = |v: Vec<Tok>| -> Vec<(usize, usize, Tk, bool)> {
                v.into_iter()
                    .map(|k| (k.start, k.end, k.kind, k.space_before))
                    .collect()
            };
            proptest::prop_assert_eq!(key(tokenize(&t)), key(tokenize_reference(&t)));
        }
    }

    #[test]
    fn tokens_split_letters_digits_and_marks() {
        let t = "و2016، 29/6 الـ24\nغدا";
        let n = normalize(t);
        let kinds: Vec<Tk> = tokenize(&n).iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Tk::Word,
                Tk::Num(2016, 4),
                Tk::Punct('،'),
                Tk::Num(29, 2),
                Tk::Punct('/'),
                Tk::Num(6, 1),
                Tk::Word,
                Tk::Num(24, 2),
                Tk::Punct('\n'),
                Tk::Word
            ]
        );
    }
}
