#!/usr/bin/env bash
# Start-up time after a restart: a journal of COMMANDS commands is written through a headless
# control node (each one fsync'd, as on the day), then the windowed app (podium, hall, chair
# console under Xvfb, software rendering) is started on it, and the time from starting the
# process to the first frame presented (`--latency-log`) is printed; then the same for a
# headless node, to its API's first answer. Each is measured on a fresh journal too.
#   scripts/startup.sh [debug|release] [COMMANDS]      (default release, 100000)
#   BIN=path/to/plenary: that binary, not built (to compare two builds: before and after).
#   DISPLAY_LANG=ar|zh|…: the windowed app's --lang (the Chinese font is read at start).
# Prints the binary's size too. Needs X11 (starts Xvfb on :94 if DISPLAY is unset), a Vulkan
# driver, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
profile=${1:-release}
n=${2:-100000}
if [ -n "${BIN:-}" ]; then bin=$BIN
elif [ "$profile" = release ]; then cargo build --release -q; bin=target/release/plenary
else cargo build -q; bin=target/debug/plenary; fi
lang=()
if [ -n "${DISPLAY_LANG:-}" ]; then lang=(--lang "$DISPLAY_LANG"); fi
need_display 94
work=$(mktemp -d)
cleanup() { kill ${app:-} ${xvfb:-} 2>/dev/null || true; sleep 1; rm -rf "$work"; }
trap cleanup EXIT
strip -o "$work/stripped" "$bin"
echo "binary: $bin, $(stat -c %s "$bin") bytes, $(stat -c %s "$work/stripped") stripped"

# The journal: Tuesday morning's first speech, then pauses and resumes.
# (A headless node serves its API until stopped: it is stopped once every line is answered.)
{ echo 'BeginMeeting(meeting: "tue-am")'; echo 'Start'
  for _ in $(seq $(( (n - 2) / 2 ))); do echo 'Pause'; echo 'Resume'; done; } > "$work/commands"
"$bin" run --headless --listen 127.0.0.1:0 --journal "$work/long.journal" \
  < "$work/commands" > "$work/written" 2> /dev/null &
app=$!
until [ "$(wc -l < "$work/written")" -ge "$(wc -l < "$work/commands")" ]; do sleep 0.5; done
kill $app; wait $app 2>/dev/null || true; app=
echo "journal: $(grep -c '^ok' "$work/written") commands accepted, $(du -h "$work/long.journal" | cut -f1)"

# Headless nodes read commands from standard input: a FIFO held open keeps them waiting.
mkfifo "$work/in"
exec 3<>"$work/in"
# $1: journal; sets `took` to the ms from starting the windowed app to its first frame
# presented.
windowed() {
  rm -f "$work/frames"
  local start; start=$(date +%s%3N)
  "$bin" run --windowed --windows podium,hall,chair --listen 127.0.0.1:0 --restart continue \
    "${lang[@]}" --journal "$1" --latency-log "$work/frames" > /dev/null 2>&1 &
  app=$!
  for _ in $(seq 600); do [ -s "$work/frames" ] && break; sleep 0.05; done
  local first; first=$(sed -n 's/.*at_ms=\([0-9]*\).*/\1/p' "$work/frames" | head -1)
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; app=
  took=$(( first - start ))
}
# $1: journal; sets `took` to the ms from starting a headless node to its API's first answer.
headless() {
  local port=$(free_port)
  local start; start=$(date +%s%3N)
  "$bin" run --headless --listen "127.0.0.1:$port" --restart continue --journal "$1" \
    < "$work/in" > /dev/null 2>&1 &
  app=$!
  until curl -sf "localhost:$port/api/v1/health" > /dev/null; do sleep 0.005; done
  local up; up=$(date +%s%3N)
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; app=
  took=$(( up - start ))
}
echo "start-up, $profile build, ms (fresh journal / after $n commands):"
for run in 1 2 3; do
  rm -f "$work/fresh.journal"; windowed "$work/fresh.journal"; a=$took
  windowed "$work/long.journal"; b=$took
  rm -f "$work/fresh.journal"; headless "$work/fresh.journal"; c=$took
  headless "$work/long.journal"; d=$took
  echo "run $run: windowed to the first frame $a / $b; headless to the API's first answer $c / $d"
done
