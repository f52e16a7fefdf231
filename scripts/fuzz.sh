#!/usr/bin/env bash
# Runs the fuzz targets (tests/fuzz.rs: config parser, journal, API command body, CSV import)
# for many more cases than `cargo test` does, bounded in time.
#   scripts/fuzz.sh [CASES_PER_TARGET] [MAX_SECONDS]    (default 20000 cases, 900 s)
# A failure prints the smallest input proptest found; keep it in `kept_inputs` in tests/fuzz.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-20000}
limit=${2:-900}
cargo build --release --no-default-features --tests --quiet
start=$(date +%s)
PROPTEST_CASES=$cases timeout "$limit" cargo test --release --no-default-features --test fuzz --quiet
echo "fuzz: $cases cases per target, no panic, every bad input an error naming its place ($(( $(date +%s) - start )) s)"
