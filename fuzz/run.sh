#!/usr/bin/env bash
# Fuzz checkout-lint with libFuzzer (cargo-fuzz). Usage: fuzz/run.sh [SECONDS] (default 600).
# Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP lets the stable toolchain build the
# sanitizer instrumentation cargo-fuzz asks for.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
corpus=corpus/lint
mkdir -p "$corpus"
# Seed with every payload the project has: examples, documentation payloads, hostile inputs.
cp ../examples/payloads/*/*.json ../tests/fixtures/doc-examples/*.json ../tests/fixtures/*.json \
   ../tests/hostile/*.json "$corpus"/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run lint "$corpus" -- -max_total_time="$seconds" -max_len=65536 -timeout=5
