#!/usr/bin/env bash
# Start-up benchmark (a measurement, never a pass/fail test): time from launch
# to a painted first screen and peak memory, for the production Chung Sức
# binary and for the bare Wails vanilla template built the same way, in the
# same run, under the same Xvfb. Prints a table and writes BENCHMARKS.md.
#
#   RUNS=5 (measured runs per app, after one warm-up each; interleaved)
#   BENCH_MD=BENCHMARKS.md (set BENCH_MD= to skip writing it)
set -uo pipefail

# shellcheck source=../smoke/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../smoke/lib.sh"

APP=${APP:-$ROOT/build/bin/chungsuc}
WAILS=${WAILS:-$(command -v wails || echo "$(go env GOPATH)/bin/wails")}
RUNS=${RUNS:-5}
BENCH_MD=${BENCH_MD-$ROOT/BENCHMARKS.md}
PAINT_TIMEOUT=${PAINT_TIMEOUT:-60}
MIN_COLOURS=64 # a screen with fewer distinct colours counts as not painted yet

TMP=$(mktemp -d /tmp/chungsuc-bench.XXXXXX)
cleanup() { x11_cleanup; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$APP" ] || { say "$APP is missing; build it first (make build)"; exit 1; }
[ -x "$WAILS" ] || { say "the wails CLI is missing ($WAILS)"; exit 1; }

# ---------------------------------------------------------------- the bare template
say "building the bare Wails template (vanilla) the same way as the app"
(
  set -e
  cd "$TMP"
  "$WAILS" init -n bare -t vanilla -q >"$OUT/bench-bare-init.log" 2>&1
  cd bare
  # Same window size as Chung Sức; same npm flags as the project.
  sed -i 's/Width:  1024,/Width:  1280,/; s/Height: 768,/Height: 800,/' main.go
  sed -i 's/"frontend:install": "npm install"/"frontend:install": "npm install --no-audit --no-fund"/' wails.json
  "$WAILS" build -m -nocolour -tags webkit2_41 >"$OUT/bench-bare-build.log" 2>&1
) || { say "bare template build failed:"; tail -n 30 "$OUT/bench-bare-init.log" "$OUT/bench-bare-build.log" >&2; exit 1; }
BARE="$TMP/bare/build/bin/bare"

# ---------------------------------------------------------------- display, data
start_xvfb || exit 1
start_dbus || exit 1
export NO_AT_BRIDGE=1
unset CHUNGSUC_DB CHUNGSUC_LOG_STDERR
DATA="$TMP/data"
mkdir -p "$DATA"
CHUNGSUC_DATA_DIR="$DATA" "$APP" sample >/dev/null || { say "chungsuc sample failed"; exit 1; }
LOG="$DATA/log/chungsuc.log"

# peak_kb PID — "main tree": VmHWM of PID, and the sum of VmHWM over PID and
# its descendants (the WebKit web and network processes).
peak_kb() {
  local pid=$1 main total=0 p kids
  main=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  local todo=("$pid")
  while [ ${#todo[@]} -gt 0 ]; do
    p=${todo[0]}; todo=("${todo[@]:1}")
    total=$(( total + $(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
    kids=$(cat /proc/"$p"/task/*/children 2>/dev/null)
    for k in $kids; do todo+=("$k"); done
  done
  echo "$main $total"
}

# ready_lines — how many "ui ready view=dashboard" lines the log has so far.
ready_lines() { local n; n=$(grep -c 'msg="ui ready" view=dashboard' "$LOG" 2>/dev/null); echo "${n:-0}"; }

# one KIND FILE — launch once, wait until painted, append "ms main_kb tree_kb inapp_ms"
# to FILE. (Not run in a subshell, so that the EXIT trap can stop the app.)
one() {
  local kind=$1 file=$2 pid t0 ms="" lines=0 inapp=-
  if [ "$kind" = ours ]; then lines=$(ready_lines); fi
  t0=$(now_ms)
  if [ "$kind" = ours ]; then
    CHUNGSUC_DATA_DIR="$DATA" setsid "$APP" >/dev/null 2>&1 &
  else
    setsid "$BARE" >/dev/null 2>&1 &
  fi
  pid=$!
  CLEANUP_PGIDS+=("$pid")
  while [ $(( $(now_ms) - t0 )) -lt $((PAINT_TIMEOUT * 1000)) ]; do
    if [ "$kind" = ours ]; then
      # Ours counts as painted only once the dashboard reported its first paint.
      [ "$(ready_lines)" -gt "$lines" ] || { sleep 0.02; continue; }
    fi
    if [ "$(colours_on_screen)" -ge "$MIN_COLOURS" ]; then ms=$(( $(now_ms) - t0 )); break; fi
  done
  if [ "$kind" = ours ]; then
    inapp=$(grep 'msg="ui ready" view=dashboard' "$LOG" 2>/dev/null | tail -n 1 | sed -n 's/.*sinceStartMs=\([0-9]*\).*/\1/p')
  fi
  sleep 2 # let the first screen settle before reading the peak memory
  local mem; mem=$(peak_kb "$pid")
  stop_group "$pid" TERM 10
  wait "$pid" 2>/dev/null
  sleep 0.5
  [ -n "$ms" ] || { say "$kind: not painted within ${PAINT_TIMEOUT}s"; return 1; }
  echo "$ms $mem ${inapp:--}" >>"$file"
  say "$kind: $ms ms to painted; peak kB (app, app+WebKit): $mem"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'; }
minmax() { sort -n | awk 'NR==1{mn=$1} {mx=$1} END {print mn "–" mx}'; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "warm-up runs (load average $LOAD_BEFORE)"
one ours "$TMP/warmup.txt" || exit 1
one bare "$TMP/warmup.txt" || exit 1
: >"$TMP/ours.txt"; : >"$TMP/bare.txt"
for i in $(seq 1 "$RUNS"); do
  say "run $i of $RUNS"
  one ours "$TMP/ours.txt" || exit 1
  one bare "$TMP/bare.txt" || exit 1
done

col() { awk -v c="$2" '{print $c}' "$TMP/$1.txt"; }
mb() { awk '{printf "%.0f", $1/1024}'; }
o_ms=$(col ours 1 | median); b_ms=$(col bare 1 | median)
o_mm=$(col ours 1 | minmax); b_mm=$(col bare 1 | minmax)
o_main=$(col ours 2 | median | mb); b_main=$(col bare 2 | median | mb)
o_tree=$(col ours 3 | median | mb); b_tree=$(col bare 3 | median | mb)
o_in=$(col ours 4 | median)
r_ms=$(awk -v a="$o_ms" -v b="$b_ms" 'BEGIN {printf "%.2f", a/b}')
r_main=$(awk -v a="$o_main" -v b="$b_main" 'BEGIN {printf "%.2f", a/b}')
r_tree=$(awk -v a="$o_tree" -v b="$b_tree" 'BEGIN {printf "%.2f", a/b}')
o_size=$(( $(stat -c %s "$APP") / 1024 / 1024 )); b_size=$(( $(stat -c %s "$BARE") / 1024 / 1024 ))

TABLE=$(cat <<EOF
| | Chung Sức | bare template | ours / bare |
|---|---:|---:|---:|
| launch → painted, median of $RUNS (ms) | $o_ms | $b_ms | $r_ms |
| launch → painted, min–max (ms) | $o_mm | $b_mm | |
| peak RSS, app process (VmHWM, MB) | $o_main | $b_main | $r_main |
| peak RSS, app + WebKit processes (sum of VmHWM, MB) | $o_tree | $b_tree | $r_tree |
| binary size (MB) | $o_size | $b_size | |
EOF
)
echo
echo "$TABLE"
echo
echo "Chung Sức's own 'ui ready' log line (process start → dashboard painted, in-process): median ${o_in} ms"
echo "raw runs (ms main_kB tree_kB inapp_ms):"; sed 's/^/  ours /' "$TMP/ours.txt"; sed 's/^/  bare /' "$TMP/bare.txt"

[ -n "$BENCH_MD" ] || exit 0
mem_total=$(awk '/^MemTotal:/ {printf "%.1f GB", $2/1024/1024}' /proc/meminfo)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
webkit=$(dpkg-query -W -f '${Version}' libwebkit2gtk-4.1-0 2>/dev/null || echo unknown)
wails_v=$("$WAILS" version 2>/dev/null | tr -d '\r' | head -n 1)
# The start-up part is rewritten; the sections after it (Localities, the
# national-scale NTM figures, written by their own benchmarks) are kept.
rest=""
if [ -f "$BENCH_MD" ]; then rest=$(sed -n '/^## Localities/,$p' "$BENCH_MD"); fi
cat >"$BENCH_MD" <<EOF
# Benchmarks

Start-up time and memory of the Chung Sức desktop window, against the bare
Wails template as a floor. Produced by \`make bench\` (\`tests/bench/run.sh\`);
the figures below are from one run of that script.

## Method

- **What is compared.** \`build/bin/chungsuc\` (production build, \`wails build -m\`,
  tags \`desktop,production,webkit2_41\`, sample data loaded) and the bare
  Wails v2 template created in the same run with \`wails init -n bare -t vanilla\`
  and built with \`wails build -m -nocolour -tags webkit2_41\` (its window set to the
  same 1280×800). Same machine, same Xvfb display (1600×1000×24, no window
  manager), same private D-Bus session bus, runs interleaved (ours, bare, ours, …).
- **Runs.** One warm-up launch of each (fills the page cache; for Chung Sức it
  also takes the once-a-day backup), then $RUNS measured launches of each. The
  table gives the median and the min–max.
- **"Painted".** The clock starts just before the process is started and stops
  at the first screenshot of the display (\`import -window root\`, taken back to
  back, about 0.1–0.2 s each) that has at least $MIN_COLOURS distinct colours: an
  empty X screen has 1, a window filled with its background colour 2, while
  text and images give thousands. For Chung Sức the screenshot counts only
  after the dashboard has reported its first paint (the frontend calls
  \`System.UIReady('dashboard')\` after the first frame with data; the log line
  \`ui ready view=dashboard\`), so a loading screen does not count. The
  screenshot granularity applies to both equally.
- **Memory.** Two seconds after "painted": VmHWM (peak resident set) from
  \`/proc/PID/status\` of the app process, and the sum of VmHWM over the app
  and its WebKit helper processes (WebKitWebProcess, WebKitNetworkProcess).
  The sum double-counts shared libraries, so it is an upper bound; it is the
  same measure for both.

## Machine

- $(nproc) CPU cores ($cpu), $mem_total memory
- Debian $(cat /etc/debian_version), WebKitGTK $webkit (libwebkit2gtk-4.1), Xvfb
- Wails CLI $wails_v, Go $(go env GOVERSION 2>/dev/null || echo ?)
- Run on $(date -u '+%Y-%m-%d %H:%M UTC'); load average before the runs $LOAD_BEFORE, after
  $(cut -d' ' -f1-3 /proc/loadavg) (the screenshot polling itself costs about 0.1 s of CPU a shot,
  on both sides; on a shared or busy machine the spread grows, so compare the ratio)

## Figures

$TABLE

Chung Sức also logs its own view of the same moment (process start → dashboard
painted, measured inside the process): median $o_in ms.

Raw runs (launch→painted ms, app VmHWM kB, app+WebKit VmHWM kB, in-process ms):

\`\`\`
$(sed 's/^/ours /' "$TMP/ours.txt")
$(sed 's/^/bare /' "$TMP/bare.txt")
\`\`\`
EOF
[ -z "$rest" ] || printf '\n%s\n' "$rest" >>"$BENCH_MD"
say "wrote $BENCH_MD"
