# shellcheck shell=bash
# Shared helpers for tests/e2e, tests/smoke and tests/bench: a private Xvfb
# display, a private D-Bus session bus, process-group cleanup. Source it from
# a bash script that runs with `set -u`; call `x11_cleanup` from its EXIT trap.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/tests/out"
mkdir -p "$OUT"

XVFB_PID=""
DBUS_PID=""
# Process-group ids started with setsid that x11_cleanup must stop.
CLEANUP_PGIDS=()

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start_xvfb [WxHxD] — a private X server on the first free display from :90.
# Exports DISPLAY and sets XVFB_PID.
start_xvfb() {
  local geometry=${1:-1600x1000x24} n i
  for n in $(seq 90 130); do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 "$geometry" -nolisten tcp -noreset >"$OUT/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for i in $(seq 1 100); do
      if ! kill -0 "$XVFB_PID" 2>/dev/null; then XVFB_PID=""; break; fi  # lost a race: next display
      if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1; then
        export DISPLAY=":$n"
        say "Xvfb on $DISPLAY (pid $XVFB_PID)"
        return 0
      fi
      sleep 0.1
    done
    [ -n "$XVFB_PID" ] && { kill "$XVFB_PID" 2>/dev/null; wait "$XVFB_PID" 2>/dev/null; XVFB_PID=""; }
  done
  say "could not start Xvfb"
  return 1
}

# start_dbus — a private session bus (Wails' single-instance lock needs one).
# Exports DBUS_SESSION_BUS_ADDRESS and sets DBUS_PID.
start_dbus() {
  local out
  out=$(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1) || return 1
  DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p <<<"$out")
  DBUS_PID=$(sed -n 2p <<<"$out")
  export DBUS_SESSION_BUS_ADDRESS
  say "D-Bus session bus (pid $DBUS_PID)"
}

# pid_alive PID — running (a zombie, i.e. exited but not yet reaped, is not).
pid_alive() {
  local st
  st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

# group_alive PGID — some process of the group is running (zombies do not count:
# in a container PID 1 may never reap the WebKit helpers of a dead app).
group_alive() {
  ps -e -o pgid=,stat= 2>/dev/null | awk -v g="$1" '$1 == g && $2 !~ /^Z/ {f = 1} END {exit !f}'
}

# stop_group PGID [SIG] [seconds] — SIG (default TERM) to the group, KILL after a timeout.
stop_group() {
  local pgid=$1 sig=${2:-TERM} wait_s=${3:-10} i
  group_alive "$pgid" || return 0
  kill "-$sig" -- "-$pgid" 2>/dev/null || true
  for i in $(seq 1 $((wait_s * 10))); do
    group_alive "$pgid" || return 0
    sleep 0.1
  done
  say "process group $pgid still alive after SIG$sig + ${wait_s}s: KILL"
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

x11_cleanup() {
  local g
  for g in "${CLEANUP_PGIDS[@]}"; do
    [ -n "$g" ] && stop_group "$g" TERM 5
  done
  if [ -n "$DBUS_PID" ]; then kill "$DBUS_PID" 2>/dev/null || true; DBUS_PID=""; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; XVFB_PID=""; fi
  # Anything a dying parent started at the last moment (wails dev launching its app) is still in the group.
  for g in "${CLEANUP_PGIDS[@]}"; do
    [ -n "$g" ] && kill -KILL -- "-$g" 2>/dev/null
  done
  return 0
}

# windows_named TITLE — how many mapped top-level windows carry exactly TITLE
# (read from _NET_WM_NAME, UTF-8, via xwininfo).
windows_named() {
  local title=$1
  xwininfo -root -tree 2>/dev/null | grep -cF "\"$title\"" || true
}

# colours_on_screen — number of distinct colours on the whole screen (1 = blank).
colours_on_screen() {
  import -window root -format %k info: 2>/dev/null || echo 0
}

# wait_for TIMEOUT_S CMD... — poll CMD every 0.1 s until it succeeds.
wait_for() {
  local timeout_s=$1 i; shift
  for i in $(seq 1 $((timeout_s * 10))); do
    "$@" && return 0
    sleep 0.1
  done
  return 1
}
