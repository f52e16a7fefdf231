#!/usr/bin/env bash
# Runs the built test binaries of `cargo test ARGS` under Debian's `faketime` on the dates that
# break date code, and once in the time zone furthest ahead of UTC: no test may read the
# calendar or assume a month, a weekday, a year or a time zone.
#
#   scripts/any-date.sh --no-default-features      # what .ci/run does
#   DATES='2030-06-15 12:00:00' scripts/any-date.sh --no-default-features
#
# cargo and rustc hang under faketime, so the binaries are built first, outside it, and then
# run one by one under it from the repository root (as `cargo test` runs them). The monotonic
# clock is left alone (--exclude-monotonic): timeouts in the tests stay real.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime > /dev/null || { echo "any-date.sh needs faketime (apt-get install faketime)" >&2; exit 2; }

# Each line: a time zone, then the wall time faketime starts the clock at (in that zone).
DEFAULT_DATES=$(cat <<'EOF'
UTC 2028-02-29 12:00:00
America/New_York 2026-12-31 23:59:40
UTC 2026-12-31 23:59:40
America/New_York 2026-03-08 01:59:40
America/New_York 2026-11-01 01:59:40
America/New_York 2025-11-25 09:59:40
Pacific/Kiritimati 2026-12-05 23:59:40
EOF
)
if [ -n "${DATES:-}" ]; then
  DEFAULT_DATES="UTC ${DATES}"
fi

binaries=$(cargo test "$@" --no-run --message-format=json 2> /dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["executable"])
')
[ -n "$binaries" ] || { echo "no test binaries built for: cargo test $*" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
passed=0
while read -r zone day time; do
  [ -n "$zone" ] || continue
  echo "== TZ=$zone faketime '$day $time'"
  for binary in $binaries; do
    if TZ="$zone" faketime -m --exclude-monotonic "$day $time" "$binary" -q > "$log" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAILED: TZ=$zone faketime '$day $time' $binary"
      tail -40 "$log"
    fi
  done
done <<< "$DEFAULT_DATES"
echo "any-date: $passed runs of a test binary green, $failed red"
[ "$failed" -eq 0 ]
