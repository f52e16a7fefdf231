#!/usr/bin/env bash
# Latency from a command to the first frame that shows it, on the podium and the hall of the
# windowed app and on a remote follower's podium (`display --follow`), under Xvfb. Each
# command is stamped when sent (before curl starts); the app and the follower write when each
# sequence number was first rendered and presented (`--latency-log`). Prints p50/p99 in ms
# and in frames for each display.
#   scripts/latency.sh [debug|release] [COMMANDS]      (default release, 40)
# Needs X11 (starts Xvfb on :96 if DISPLAY is unset), a Vulkan driver, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
profile=${1:-release}
n=${2:-40}
if [ "$profile" = release ]; then cargo build --release -q; bin=target/release/plenary; else cargo build -q; bin=target/debug/plenary; fi
need_display 96
work=$(mktemp -d)
port=$(free_port)
token=latency-token-0123456789
cleanup() { kill ${app:-} ${follower:-} ${xvfb:-} 2>/dev/null || true; sleep 1; rm -rf "$work"; }
trap cleanup EXIT
"$bin" run --windowed --windows podium,hall --listen "127.0.0.1:$port" --token "$token" \
  --journal "$work/l.journal" --latency-log "$work/app.log" > "$work/app.out" 2>&1 &
app=$!
wait_for_api "$port"
"$bin" display --follow "http://127.0.0.1:$port" --window podium --windowed \
  --latency-log "$work/follower.log" > "$work/follower.out" 2>&1 &
follower=$!
sleep 10   # windows open, first frames drawn
api() { curl -s -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "localhost:$port/api/v1/$1" ${2:+-d "$2"}; }
api commands '{"BeginMeeting":{"meeting":"tue-am"}}' > /dev/null
api start > /dev/null
sleep 2
for i in $(seq "$n"); do
  route=pause; [ $((i % 2)) = 0 ] && route=resume
  sent=$(date +%s%3N)
  seq=$(api "$route" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p')
  [ -n "$seq" ] && echo "$seq $sent" >> "$work/sent"
  sleep 1.2
done
sleep 3
stats() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "no data"; exit }
  printf "p50 %s, p99 %s (n=%d)", a[int((NR - 1) * 0.50) + 1], a[int((NR - 1) * 0.99) + 1], NR }'; }
report() { # $1: log file, $2: window, $3: label
  local lines
  lines=$(awk -v w="$2" 'NR == FNR { sent[$1] = $2; next }
    { split($1, s, "="); split($2, win, "="); split($3, f, "="); split($4, t, "=")
      if (win[2] == w && (s[2] in sent)) print t[2] - sent[s[2]], f[2] }' "$work/sent" "$1" 2>/dev/null || true)
  printf '%-9s ms: %s; frames: %s\n' "$3" "$(echo "$lines" | awk 'NF { print $1 }' | stats)" \
    "$(echo "$lines" | awk 'NF { print $2 }' | stats)"
}
echo "latency from sending a command (curl) to the first frame presented that shows it, $n commands, $profile build"
report "$work/app.log" podium podium
report "$work/app.log" hall hall
report "$work/follower.log" podium follower
