#!/usr/bin/env bash
# CPU cost of a browser view in headless Chromium (software rendering) with a countdown
# running, the way the Ontime figures in docs/PERFORMANCE.md were taken: the whole Chromium
# process tree, over SECONDS after a warm-up; and the control node's own CPU and memory.
#   scripts/browser-cost.sh [VIEW] [SECONDS]     (default podium, 30; VIEW: podium|hall|overlay)
# Needs Debian's chromium and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
view=${1:-podium}
seconds=${2:-30}
warmup=5
cargo build --release --no-default-features --quiet
bin=target/release/plenary
work=$(mktemp -d)
port=$(free_port)
token=cost-token-0123456789
"$bin" run --headless --listen "127.0.0.1:$port" --token "$token" --journal "$work/c.journal" \
  < /dev/null 2> "$work/node.log" &
node=$!
trap 'kill $node $browser 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT
browser=
wait_for_api "$port"
api() { curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" "localhost:$port/api/v1/$1" ${2:+-d "$2"}; }
api commands '{"BeginMeeting":{"meeting":"tue-am"}}'
api start
api extend/3600   # the countdown keeps running through the measurement
ticks=$(getconf CLK_TCK)
tree_ticks() { # CPU ticks of a process and all its descendants
  local total=0 p
  for p in $(pgrep -P "$1") ; do total=$(( total + $(tree_ticks "$p") )); done
  echo $(( total + $(awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0) ))
}
chromium --headless --no-sandbox --disable-gpu --window-size=1920,1080 \
  --user-data-dir="$work/profile" "http://127.0.0.1:$port/view/$view" > /dev/null 2>&1 &
browser=$!
sleep "$warmup"
b0=$(tree_ticks $browser); n0=$(awk '{print $14 + $15}' /proc/$node/stat)
sleep "$seconds"
b1=$(tree_ticks $browser); n1=$(awk '{print $14 + $15}' /proc/$node/stat)
rss=$(awk '/VmRSS/ {print $2}' /proc/$node/status)
awk -v b=$((b1 - b0)) -v n=$((n1 - n0)) -v s="$seconds" -v t="$ticks" -v r="$rss" -v v="$view" 'BEGIN {
  printf "browser view /view/%s in headless Chromium: %.1f %% of a core over %d s\n", v, 100 * b / t / s, s
  printf "control node (headless, API on): %.2f %% of a core, %.1f MB resident\n", 100 * n / t / s, r / 1024
}'
