#!/usr/bin/env bash
# Fan-out with the clients in a process of their own, as other servers are measured: starts a
# headless control node (release build, a fresh journal), then runs examples/fanout.rs against
# it for each number of clients and each view, reading the server's resident memory.
#   scripts/fanout.sh [CLIENTS...]        (default: 500 2000; VIEWS="podium console" COMMANDS=40)
# WINDOWED=1: the control node is the windowed app instead, its podium, hall and chair console
# open under Xvfb (software rendering; started on :95 if DISPLAY is unset): how long the API
# takes to answer while the windows draw, against headless. PROFILE=debug: the control node
# is the debug build (no release build of Bevy needed; its frames are slower still).
# FLOOR=1: the server is examples/fanout_floor.rs instead, the same stack (axum, tokio, a task
# per client) with no session and no journal: what any server on this machine and stack pays.
# FLOOR=writers: the same, each update framed once and written to the raw sockets by two
# writer tasks (a measurement of that design).
# Each run also times fdatasync on the journal's disk (the harness's --fsync-dir).
# BIN=PATH: that plenary binary as the control node (to compare two builds in turn).
# HARNESS_THREADS=1: the harness's clients on one thread, as a browser's or Node's event loop
# reads (default 2).
# Loopback only; every run is bounded in clients, commands and time.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
counts=${*:-500 2000}
views=${VIEWS:-podium console}
commands=${COMMANDS:-40}
windowed=${WINDOWED:-}
profile=${PROFILE:-release}
node=${BIN:-target/$profile/plenary}
build() { if [ "$profile" = release ]; then cargo build --release -q "$@"; else cargo build -q "$@"; fi; }
if [ -n "$windowed" ]; then
  build --bin plenary
  cargo build --release --no-default-features -q --example fanout
  need_display 95
  trap 'kill ${xvfb:-} 2>/dev/null || true' EXIT
elif [ -n "${FLOOR:-}" ]; then
  cargo build --release --no-default-features -q --example fanout_floor --example fanout
elif [ "$profile" = release ]; then
  cargo build --release --no-default-features -q --bin plenary --example fanout
else
  # The debug build the windowed runs use, so that the two compare.
  build --bin plenary
  cargo build --release --no-default-features -q --example fanout
fi
ulimit -n 8192 2>/dev/null || echo "note: could not raise the open-file limit (ulimit -n $(ulimit -n))"
token=fanout-token-0123456789
for view in $views; do
  for n in $counts; do
    work=$(mktemp -d)
    port=$(free_port)
    # Headless mode reads commands from its standard input: a FIFO held open keeps it waiting.
    mkfifo "$work/in"
    exec 3<>"$work/in"
    if [ -n "${FLOOR:-}" ]; then
      mode=tasks; [ "$FLOOR" = writers ] && mode=writers
      target/release/examples/fanout_floor "127.0.0.1:$port" "$mode" > /dev/null 2> "$work/server.err" &
    elif [ -n "$windowed" ]; then
      "$node" run --windowed --windows podium,hall,chair --listen "127.0.0.1:$port" \
        --token "$token" --journal "$work/f.journal" > /dev/null 2> "$work/server.err" &
    else
      "$node" run --headless --listen "127.0.0.1:$port" \
        --token "$token" --journal "$work/f.journal" < "$work/in" > /dev/null 2> "$work/server.err" &
    fi
    server=$!
    wait_for_api "$port"
    [ -n "$windowed" ] && sleep 8   # the windows open and draw their first frames
    target/release/examples/fanout --url "http://127.0.0.1:$port" --token "$token" \
      --clients "$n" --commands "$commands" --view "$view" --pid "$server" --fsync-dir "$work" --threads "${HARNESS_THREADS:-2}" \
      || echo "fanout: the harness failed (exit $?) for $n clients on $view; the server said: $(tail -c 400 "$work/server.err")"
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    exec 3>&-
    rm -rf "$work"
    echo
  done
done
