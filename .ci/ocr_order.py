#!/usr/bin/env python3
"""Read a screenshot's OCR back and tell whether Arabic came out in logical
word order (laid out right to left) or reversed (a plain left-to-right label).

Tesseract (ara) returns correctly laid-out Arabic in its logical order. For
each pair of neighbouring OCR words that also stand next to each other in the
articles, count whether the articles have them in the same order (forward)
or swapped (reversed). Right-to-left layout gives many forward pairs and few
reversed ones.

usage: ocr_order.py OCR.txt ARTICLES_DIR
"""
import pathlib
import re
import sys

DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")


def norm(w):
    w = DIACRITICS.sub("", w)
    w = re.sub("[أإآٱ]", "ا", w).replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"[^\w]", "", w)


def words(text):
    return [w for w in (norm(x) for x in text.split()) if len(w) >= 2 and re.search("[\u0600-\u06ff]", w)]


def main():
    ocr = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")
    pairs = set()
    for f in pathlib.Path(sys.argv[2]).rglob("*"):
        if f.is_file():
            ws = words(f.read_text(encoding="utf-8", errors="replace"))
            pairs.update(zip(ws, ws[1:]))
    forward = reversed_ = 0
    for line in ocr.splitlines():
        ws = words(line)
        for a, b in zip(ws, ws[1:]):
            if (a, b) in pairs:
                forward += 1
            elif (b, a) in pairs:
                reversed_ += 1
    print(f"OCR word pairs in article order: {forward}, reversed: {reversed_}")
    if forward < 5 or forward <= 2 * reversed_:
        print("Arabic does not read right to left in the screenshot")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
