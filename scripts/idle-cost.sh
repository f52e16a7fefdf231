#!/usr/bin/env bash
# Idle cost of the windowed app with a countdown running: CPU (from /proc) and frames drawn
# per second, in the default reactive mode and in continuous mode, measured one after the
# other on the same build. Usage: scripts/idle-cost.sh [debug|release] [seconds]
# Needs X11 (starts Xvfb on :97 if DISPLAY is unset) and a Vulkan driver.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
seconds=${2:-30}
warmup=10
windows=${WINDOWS:-podium,hall,chair}
if [ "$profile" = release ]; then cargo build --release -q; bin=target/release/plenary; else cargo build -q; bin=target/debug/plenary; fi
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1920x1080x24 -nolisten tcp & xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  export DISPLAY=:97
  sleep 2
fi
work=$(mktemp -d)
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

measure() { # $1: mode name, rest: extra flags
  local mode=$1; shift
  local journal=$work/$mode.journal frames=$work/$mode.frames
  # A statement with its clock running, written by the headless mode; the app resumes it.
  printf 'BeginSegment(segment: "statements")\nStart\nExtend(seconds: 900)\n' |
    "$bin" run --headless --no-api --journal "$journal" > /dev/null 2>&1
  "$bin" run --windowed --no-api --windows "$windows" --journal "$journal" --frame-log "$frames" "$@" > "$work/$mode.log" 2>&1 &
  local pid=$!
  sleep "$warmup"
  local c0 f0 c1 f1
  c0=$(cpu_ticks $pid); f0=$(cat "$frames" 2>/dev/null || echo 0)
  sleep "$seconds"
  c1=$(cpu_ticks $pid); f1=$(cat "$frames" 2>/dev/null || echo 0)
  local rss; rss=$(rss_kib $pid)
  kill $pid; wait $pid 2>/dev/null || true
  awk -v m="$mode" -v c=$((c1 - c0)) -v f=$((f1 - f0)) -v s="$seconds" -v t="$ticks" -v r="$rss" \
    'BEGIN { printf "%-10s cpu %6.1f %% of a core   frames/s %7.2f   rss %6.1f MiB\n", m, 100 * c / t / s, f / s, r / 1024 }'
}

echo "plenary idle cost: $profile build, countdown running, windows $windows, ${seconds} s after ${warmup} s warm-up, $(date -u +%F)"
reactive=$(measure reactive); echo "$reactive"
continuous=$(measure continuous --continuous); echo "$continuous"
awk -v a="$reactive" -v b="$continuous" 'BEGIN { split(a, x, " +"); split(b, y, " +"); if (y[3] > 0) printf "reactive / continuous CPU: %.3f\n", x[3] / y[3] }'
rm -rf "$work"
