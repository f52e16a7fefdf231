# What the measurement scripts share (sourced, not run): a port for a server, waiting for its
# API, and a display for the windows.

# A loopback port for a server: below the ephemeral ports (32768 on), which an earlier run's
# clients may still hold.
free_port() { echo $(( 20000 + RANDOM % 12000 )); }

# Waits up to 20 s for the API on port $1 to answer its health check; says so and fails if it
# never does (the server did not start: its own error is in the file the script gave it).
wait_for_api() {
  for _ in $(seq 200); do
    curl -sf "localhost:$1/api/v1/health" > /dev/null && return 0
    sleep 0.1
  done
  echo "no answer from the API on port $1 within 20 s" >&2
  return 1
}

# When DISPLAY is unset, starts Xvfb on display :$1 for the windows, exports DISPLAY and sets
# `xvfb` to its pid (the script's EXIT trap kills ${xvfb:-}).
need_display() {
  [ -n "${DISPLAY:-}" ] && return 0
  Xvfb ":$1" -screen 0 1920x1080x24 -nolisten tcp & xvfb=$!
  export DISPLAY=":$1"
  sleep 2
}
