#!/usr/bin/env bash
# Smoke test of the production desktop binary (build/bin/chungsuc, built by
# `make build`) under a private Xvfb display and D-Bus session bus:
#   1. the window "Chung Sức" appears
#   2. the dashboard paints (log line `ui ready view=dashboard`, non-blank screenshot)
#   3. a second instance exits quickly and opens no second window (single-instance lock)
#   4. SIGTERM makes the first instance exit promptly
#   5. --db pointing at a file that is not SQLite: the window still opens,
#      the log says errors.db.notOurs, the file is left byte-for-byte unchanged
#   6. `chungsuc doc plan --out` renders the sample plan headless (no display):
#      an A4 PDF with the plan's title and signer, fonts embedded
#   7. `chungsuc award dossier latest --out` renders the sample's award dossier
#      headless: Tờ trình, Biên bản, reports, bookmarks, fonts embedded
# Prints "smoke: N passed, M failed"; exits non-zero on any failure.
# Artifacts: tests/out/smoke-*.png, tests/out/smoke-*.log.
set -uo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APP=${APP:-$ROOT/build/bin/chungsuc}
TITLE="Chung Sức"
WINDOW_TIMEOUT=${WINDOW_TIMEOUT:-30}
READY_TIMEOUT=${READY_TIMEOUT:-60}

passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "ok   - $*"; }
fail() { failed=$((failed + 1)); echo "FAIL - $*"; }

TMP=$(mktemp -d /tmp/chungsuc-smoke.XXXXXX)
cleanup() {
  x11_cleanup
  # Keep the logs of the run as artifacts, then drop the throw-away data.
  for d in "$TMP"/*/; do
    [ -f "$d/log/chungsuc.log" ] && cp "$d/log/chungsuc.log" "$OUT/smoke-$(basename "$d").log"
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x "$APP" ]; then
  echo "smoke: $APP is missing; build it first (make build)" >&2
  echo "smoke: 0 passed, 1 failed"
  exit 1
fi

start_xvfb || { echo "smoke: 0 passed, 1 failed"; exit 1; }
start_dbus || { echo "smoke: 0 passed, 1 failed"; exit 1; }
export NO_AT_BRIDGE=1 # no accessibility bus to look for
unset CHUNGSUC_DB CHUNGSUC_LOG_STDERR

# launch NAME DATADIR [ARGS...] — start the app in its own process group;
# sets LAUNCH_PID (= its PGID).
launch() {
  local name=$1 dir=$2; shift 2
  CHUNGSUC_DATA_DIR="$dir" setsid "$APP" "$@" >"$OUT/smoke-$name.stdout" 2>&1 &
  LAUNCH_PID=$!
  CLEANUP_PGIDS+=("$LAUNCH_PID")
}

window_open()  { [ "$(windows_named "$TITLE")" -ge 1 ]; }
log_has()      { [ -f "$1" ] && grep -q -- "$2" "$1"; }

# ---------------------------------------------------------------- 1–4: normal start
DATA="$TMP/main"
mkdir -p "$DATA"
LOG="$DATA/log/chungsuc.log"
if ! CHUNGSUC_DATA_DIR="$DATA" "$APP" sample >"$OUT/smoke-sample.stdout" 2>&1; then
  fail "load the sample with \`chungsuc sample\` ($(tail -n 3 "$OUT/smoke-sample.stdout"))"
fi

t0=$(now_ms)
launch main "$DATA"
MAIN_PID=$LAUNCH_PID
if wait_for "$WINDOW_TIMEOUT" window_open; then
  ok "window \"$TITLE\" appears ($(( $(now_ms) - t0 )) ms)"
else
  fail "window \"$TITLE\" did not appear within ${WINDOW_TIMEOUT}s"
  xwininfo -root -tree >"$OUT/smoke-windows.txt" 2>&1
fi

if wait_for "$READY_TIMEOUT" log_has "$LOG" 'msg="ui ready" view=dashboard'; then
  ready_ms=$(( $(now_ms) - t0 ))
  sleep 0.5 # let the charts and tables finish their first animation frame
  import -window root "$OUT/smoke-dashboard.png"
  colours=$(convert "$OUT/smoke-dashboard.png" -format %k info: 2>/dev/null || echo 0)
  if [ "$colours" -ge 64 ]; then
    ok "dashboard painted ($ready_ms ms to \"ui ready\"; screenshot has $colours colours)"
  else
    fail "dashboard screenshot looks blank ($colours colours): tests/out/smoke-dashboard.png"
  fi
else
  fail "no 'ui ready view=dashboard' in the log within ${READY_TIMEOUT}s"
  import -window root "$OUT/smoke-dashboard.png" 2>/dev/null
fi

# A second start must hand over to the first (D-Bus) and quit without a window.
t1=$(now_ms)
launch second "$DATA"
SECOND_PID=$LAUNCH_PID
second_rc=""
if wait_for 10 eval '! pid_alive "$SECOND_PID"'; then
  wait "$SECOND_PID"; second_rc=$?
fi
second_ms=$(( $(now_ms) - t1 ))
sleep 1 # a window that was going to map would have mapped by now
n=$(windows_named "$TITLE")
if [ -n "$second_rc" ] && [ "$n" -eq 1 ] && pid_alive "$MAIN_PID"; then
  ok "second instance exited in $second_ms ms (status $second_rc); still 1 window, first instance alive"
else
  fail "second instance: exit status '${second_rc:-still running}' after $second_ms ms, $n window(s) named \"$TITLE\""
  stop_group "$SECOND_PID" KILL 1
fi

# SIGTERM to the first instance.
t2=$(now_ms)
kill -TERM "$MAIN_PID" 2>/dev/null
term_rc=""
if wait_for 10 eval '! pid_alive "$MAIN_PID"'; then
  wait "$MAIN_PID"; term_rc=$?
fi
term_ms=$(( $(now_ms) - t2 ))
if [ -z "$term_rc" ]; then
  fail "still running ${term_ms} ms after SIGTERM"
elif [ "$term_rc" -ne 0 ] && [ "$term_rc" -ne 143 ]; then
  fail "exit status $term_rc after SIGTERM (want 0 or 143)"
else
  note="no \"shutdown\" log line (the process ends before OnShutdown runs)"
  log_has "$LOG" 'msg=shutdown' && note="\"shutdown\" logged"
  ok "SIGTERM: exited with status $term_rc in $term_ms ms; $note"
fi
# The group (WebKit helpers) must be gone too.
sleep 0.5
if group_alive "$MAIN_PID"; then
  say "WebKit helper processes outlived the app after SIGTERM: $(pgrep -g "$MAIN_PID" -a | tr '\n' ';')"
fi
stop_group "$MAIN_PID" KILL 1

# ---------------------------------------------------------------- 5: not our database
BAD="$TMP/bad"
mkdir -p "$BAD"
BADDB="$BAD/not-a-database.png"
cp "$ROOT/build/appicon.png" "$BADDB"
sum_before=$(sha256sum "$BADDB" | cut -d' ' -f1)
BADLOG="$BAD/log/chungsuc.log"
launch bad "$BAD" --db "$BADDB"
BAD_PID=$LAUNCH_PID
screen_painted() { [ "$(colours_on_screen)" -ge 64 ]; }
if wait_for "$WINDOW_TIMEOUT" window_open && wait_for 20 log_has "$BADLOG" 'errors.db.notOurs'; then
  # The error view (with its retry button) paints like any other screen.
  painted=no; wait_for 15 screen_painted && painted=yes
  sleep 0.3
  import -window root "$OUT/smoke-not-ours.png"
  sum_after=$(sha256sum "$BADDB" | cut -d' ' -f1)
  if [ "$sum_before" != "$sum_after" ]; then
    fail "--db a PNG: the file was modified ($sum_before -> $sum_after)"
  elif [ "$painted" != yes ]; then
    fail "--db a PNG: the window stayed blank (tests/out/smoke-not-ours.png)"
  else
    ok "--db a PNG: window opens and shows the error, log has errors.db.notOurs, the file is unchanged"
  fi
else
  fail "--db a PNG: window=$(windows_named "$TITLE"), notOurs in log: $(grep -c notOurs "$BADLOG" 2>/dev/null || echo 0)"
  import -window root "$OUT/smoke-not-ours.png" 2>/dev/null
fi
stop_group "$BAD_PID" TERM 5
[ -e "$BAD/not-a-database.png-wal" ] || [ -e "$BAD/not-a-database.png-journal" ] &&
  say "note: SQLite side files were created next to the PNG"

# ---------------------------------------------------------------- 6: a document, headless
PLAN="$TMP/ke-hoach.pdf"
if env -u DISPLAY -u DBUS_SESSION_BUS_ADDRESS CHUNGSUC_DATA_DIR="$DATA" "$APP" doc plan --out "$PLAN" \
    >"$OUT/smoke-doc-plan.stdout" 2>&1; then
  pages=$(pdfinfo "$PLAN" 2>/dev/null | sed -n 's/^Pages: *//p')
  size=$(pdfinfo "$PLAN" 2>/dev/null | sed -n 's/^Page size: *//p')
  text=$(pdftotext -layout "$PLAN" - 2>/dev/null)
  notemb=$(pdffonts "$PLAN" 2>/dev/null | awk 'NR>2 && $(NF-4)!="yes"' | wc -l)
  if [ "${pages:-0}" -ge 2 ] && [[ "$size" == *"(A4)"* ]] && grep -q "KẾ HOẠCH" <<<"$text" &&
     grep -q "GIÁM ĐỐC" <<<"$text" && [ "$notemb" -eq 0 ]; then
    ok "doc plan --out without a display: $pages A4 pages, title and signer present, fonts embedded"
  else
    fail "doc plan --out: pages=${pages:-?} size='$size' fonts not embedded=$notemb (tests/out/smoke-doc-plan.stdout)"
  fi
else
  fail "doc plan --out exited non-zero: $(tail -n 3 "$OUT/smoke-doc-plan.stdout")"
fi

# ---------------------------------------------------------------- 7: the award dossier, headless
DOSSIER="$TMP/ho-so.pdf"
if env -u DISPLAY -u DBUS_SESSION_BUS_ADDRESS CHUNGSUC_DATA_DIR="$DATA" "$APP" award dossier latest --out "$DOSSIER" \
    >"$OUT/smoke-award-dossier.stdout" 2>&1; then
  pages=$(pdfinfo "$DOSSIER" 2>/dev/null | sed -n 's/^Pages: *//p')
  text=$(pdftotext -layout "$DOSSIER" - 2>/dev/null)
  outline=$(pdftohtml -xml -i -stdout -q "$DOSSIER" 2>/dev/null | grep -c '<item' || true)
  notemb=$(pdffonts "$DOSSIER" 2>/dev/null | awk 'NR>2 && $(NF-4)!="yes"' | wc -l)
  if [ "${pages:-0}" -ge 5 ] && grep -q "TỜ TRÌNH" <<<"$text" && grep -q "BIÊN BẢN" <<<"$text" &&
     grep -q "BÁO CÁO THÀNH TÍCH" <<<"$text" && [ "${outline:-0}" -ge 3 ] && [ "$notemb" -eq 0 ]; then
    ok "award dossier latest --out without a display: $pages pages, Tờ trình, Biên bản and reports, $outline bookmarks"
  else
    fail "award dossier: pages=${pages:-?} bookmarks=${outline:-?} fonts not embedded=$notemb (tests/out/smoke-award-dossier.stdout)"
  fi
else
  fail "award dossier exited non-zero: $(tail -n 3 "$OUT/smoke-award-dossier.stdout")"
fi

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
