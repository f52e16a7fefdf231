#!/usr/bin/env bash
# Idle cost of the windowed app with a countdown running: CPU (from /proc), frames the app ran
# and frames each window drew per second (`--frame-log`), in the default reactive mode (each
# window drawn only when what it shows changed) and in continuous mode (every window every
# frame), measured one after the other on the same build.
# Usage: scripts/idle-cost.sh [debug|release] [seconds]
# STATE=overtime: the speaker is past their time (the podium pulses twice a second, the hall
# still changes once a second); STATE=paused: the clock is paused (nothing changes).
# Needs X11 (starts Xvfb on :97 if DISPLAY is unset) and a Vulkan driver.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
profile=${1:-release}
seconds=${2:-30}
warmup=10
windows=${WINDOWS:-podium,hall,chair}
if [ "$profile" = release ]; then cargo build --release -q; bin=target/release/plenary; else cargo build -q; bin=target/debug/plenary; fi
need_display 97
trap 'kill ${xvfb:-} 2>/dev/null || true' EXIT
work=$(mktemp -d)
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

measure() { # $1: mode name, rest: extra flags
  local mode=$1; shift
  local journal=$work/$mode.journal frames=$work/$mode.frames
  # A statement with its clock running, written by the headless mode; the app resumes it.
  local last='Extend(seconds: 900)'
  case "${STATE:-running}" in
    overtime) last='SetRemaining(seconds: 0)' ;;
    paused) last='Pause' ;;
  esac
  printf 'BeginSegment(segment: "statements")\nStart\n%s\n' "$last" |
    "$bin" run --headless --no-api --journal "$journal" > /dev/null 2>&1
  "$bin" run --windowed --no-api --windows "$windows" --journal "$journal" --frame-log "$frames" "$@" > "$work/$mode.log" 2>&1 &
  local pid=$!
  sleep "$warmup"
  local c0 f0 c1 f1
  c0=$(cpu_ticks $pid); f0=$(cat "$frames" 2>/dev/null || echo "0 podium=0 hall=0 chair=0")
  sleep "$seconds"
  c1=$(cpu_ticks $pid); f1=$(cat "$frames" 2>/dev/null || echo "0 podium=0 hall=0 chair=0")
  local rss; rss=$(rss_kib $pid)
  kill $pid; wait $pid 2>/dev/null || true
  # The frame log: `FRAMES podium=N hall=N chair=N`.
  awk -v m="$mode" -v c=$((c1 - c0)) -v a="$f0" -v b="$f1" -v s="$seconds" -v t="$ticks" -v r="$rss" \
    'BEGIN { n = split(a, x, "[ =]"); split(b, y, "[ =]")
      printf "%-10s cpu %6.1f %% of a core   frames/s %7.2f (", m, 100 * c / t / s, (y[1] - x[1]) / s
      for (i = 2; i < n; i += 2) printf "%s%s %.2f", (i > 2 ? ", " : ""), x[i], (y[i + 1] - x[i + 1]) / s
      printf ")   rss %6.1f MiB\n", r / 1024 }'
}

echo "plenary idle cost: $profile build, clock ${STATE:-running}, windows $windows, ${seconds} s after ${warmup} s warm-up, $(date -u +%F)"
reactive=$(measure reactive); echo "$reactive"
continuous=$(measure continuous --continuous); echo "$continuous"
awk -v a="$reactive" -v b="$continuous" 'BEGIN { split(a, x, " +"); split(b, y, " +"); if (y[3] > 0) printf "reactive / continuous CPU: %.3f\n", x[3] / y[3] }'
rm -rf "$work"
