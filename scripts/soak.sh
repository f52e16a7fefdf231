#!/usr/bin/env bash
# Soak: an eight-hour meeting at accelerated time through the real program, headless, driven
# over its HTTP API like a Stream Deck would: a speaker inscribed, called and timed every three
# simulated minutes, with pauses and extensions. Samples the memory of the process; at the
# end checks the journal holds every accepted command and the report every speech.
#   scripts/soak.sh [SPEED] [HOURS]          (default 120× for 8 hours: 4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
speed=${1:-120}
hours=${2:-8}
command -v curl >/dev/null || { echo "soak: needs curl" >&2; exit 1; }
cargo build --release --no-default-features --quiet
bin=target/release/plenary
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(free_port)
token=soak-token-0123456789
"$bin" run --headless --speed "$speed" --listen "127.0.0.1:$port" --token "$token" \
  --journal "$work/soak.journal" < /dev/null 2> "$work/node.log" &
pid=$!
wait_for_api "$port"
api() { curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' "localhost:$port/api/v1/$1" ${2:+-d "$2"}; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

accepted=0
ok() { [ "$1" = 200 ] && accepted=$((accepted + 1)); return 0; }
ok "$(api commands '{"BeginMeeting":{"meeting":"tue-am"}}')"
real=$(( hours * 3600 / speed ))          # seconds of real time
step=$(awk -v s="$speed" 'BEGIN { printf "%.3f", 180 / s }')   # three simulated minutes
samples=()
start=$(date +%s)
n=0
while [ $(( $(date +%s) - start )) -lt "$real" ]; do
  n=$((n + 1))
  ok "$(api commands "{\"Insert\":{\"speaker\":{\"delegation\":\"Chile\",\"name\":\"Speaker $n\",\"kind\":\"individual\"}}}")"
  ok "$(api next)"
  ok "$(api start)"
  case $((n % 4)) in
    0) ok "$(api extend/30)" ;;
    1) ok "$(api pause)"; ok "$(api resume)" ;;
    2) ok "$(api commands '{"Message":{"text":"Please conclude"}}')"; ok "$(api clear-message)" ;;
  esac
  sleep "$step"
  if [ $((n % 10)) = 0 ]; then samples+=("$(rss)"); fi
done
samples+=("$(rss)")
lines=$(curl -s "localhost:$port/api/v1/journal" | wc -l)
kill $pid; wait $pid 2>/dev/null || true
speeches=$(grep -c 'SpeechEnded' "$work/soak.journal" || true)
rows=$(( $("$bin" report "$work/soak.journal" --format csv | wc -l) - 1 ))
first=${samples[0]}; last=${samples[-1]}
max=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
echo "soak: $hours simulated hours at ${speed}× in $(( $(date +%s) - start )) s real; $n speakers"
echo "memory (RSS, KiB): first sample $first, last $last, max $max, samples: ${samples[*]}"
echo "journal: $lines lines = 1 opening + $((lines - 1)) commands; $accepted commands accepted over the API"
echo "report: $rows speeches; journal: $speeches speeches ended"
[ $((lines - 1)) = "$accepted" ] || { echo "soak: the journal lacks accepted commands" >&2; exit 1; }
[ "$rows" = "$speeches" ] || { echo "soak: the report disagrees with the journal" >&2; exit 1; }
echo "soak: journal complete, report consistent"
