#!/usr/bin/env bash
# How long each thread waits for a CPU after being woken, while one client takes 1 000
# commands: plenary (release, headless, a fresh journal), then the floor server on the same
# stack with no journal (examples/fanout_floor.rs). `perf sched` over half a second of each,
# the per-thread average and largest delay. Needs perf (Debian: linux-perf) and root.
#   scripts/wakeups.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
command -v perf > /dev/null || { echo "needs perf (apt-get install linux-perf)"; exit 1; }
cargo build --release --no-default-features -q --bin plenary --example fanout --example fanout_floor
token=fanout-token-0123456789
for server in plenary floor; do
  work=$(mktemp -d)
  port=$(free_port)
  if [ "$server" = plenary ]; then
    mkfifo "$work/in"
    exec 3<>"$work/in"
    target/release/plenary run --headless --listen "127.0.0.1:$port" --token "$token" \
      --journal "$work/w.journal" < "$work/in" > /dev/null 2> "$work/server.err" &
  else
    target/release/examples/fanout_floor "127.0.0.1:$port" > /dev/null 2> "$work/server.err" &
  fi
  pid=$!
  wait_for_api "$port"
  target/release/examples/fanout --url "http://127.0.0.1:$port" --token "$token" \
    --clients 1 --commands 1000 --view podium > "$work/harness.out" 2>&1 &
  harness=$!
  sleep 1.5
  perf sched record -o "$work/sched.data" -- sleep 0.5 > /dev/null 2>&1
  wait "$harness" || true
  echo "== $server: $(grep -E 'client received' "$work/harness.out")"
  perf sched latency -i "$work/sched.data" 2>/dev/null \
    | grep -E "plenary|fanout|tokio-rt-worker" | cut -d'|' -f1,3,4,5
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
done
