#!/usr/bin/env bash
# Open the real window on seeds/ under Xvfb, save a screenshot, and fail when
# the PNG is missing or blank. Also reads the Arabic back with tesseract when
# it is installed: a right-to-left layout comes back in logical word order.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
out=${1:-$target/ci-screenshot.png}
bin=$target/debug/newsline
# `cargo test` has built the binary already; build it only when missing.
[ -x "$bin" ] || cargo build --quiet --bin newsline
rm -f "$out"
Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:97 timeout 120 "$bin" --screenshot "$out" seeds
test -s "$out" || { echo "screenshot missing: $out"; exit 1; }
# Blank check: a real window has many colours.
colours=$(python3 - "$out" <<'PY'
import sys, zlib, struct
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w = 8, b'', 0
while pos < len(data):
    n, t = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]; pos += 12 + n
    if t == b'IHDR': w, h = struct.unpack('>II', body[:8])
    if t == b'IDAT': idat += body
raw = zlib.decompress(idat)
# Sample pixels (filter bytes make this approximate; enough to tell blank from not).
print(len(set(raw[i:i+4] for i in range(0, len(raw) - 4, 4 * 97))))
PY
)
echo "screenshot: $out, ~$colours distinct sampled colours"
[ "$colours" -gt 20 ] || { echo "screenshot looks blank"; exit 1; }
if command -v tesseract >/dev/null; then
  tesseract "$out" - -l ara 2>/dev/null > "$target/screenshot-ocr.txt" || true
  echo "OCR read $(wc -w < "$target/screenshot-ocr.txt") words"
  python3 .ci/ocr_order.py "$target/screenshot-ocr.txt" seeds
fi
