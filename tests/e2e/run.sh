#!/usr/bin/env bash
# End-to-end tests: the real Vue UI and the real Go backend, through `wails dev`.
#
#   Xvfb (+ D-Bus)  ─  wails dev (own process group, throw-away data dir/db)
#                        └─ serves the frontend + live Go bindings on http://127.0.0.1:$PORT
#   node --test flow.test.mjs, then each other suite of E2E_FILES (in that order, same server)
#                ─  playwright-core  ─  /usr/bin/chromium (headless)
#
# Native file dialogs cannot be driven from a browser: the app reads the path
# to "choose" from $CHUNGSUC_DIALOG_ANSWER_FILE (app/dialog.go); the tests
# write it there (E2E_DIALOG_FILE) before clicking a button that opens one.
#
# Exits non-zero if any test fails or the dev server never answers.
# Artifacts: tests/out/e2e-*.png and e2e-*console.log (flow: e2e-…, locality-sponsor: e2e-ls-…, documents: e2e-doc-…),
# tests/out/e2e-wails-dev.log, tests/out/e2e-app.log.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../smoke/lib.sh
. "$HERE/../smoke/lib.sh"

WAILS=${WAILS:-$(command -v wails || echo "$(go env GOPATH)/bin/wails")}
SERVER_TIMEOUT=${SERVER_TIMEOUT:-300}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# The suites, run one after the other against the same server and database.
E2E_FILES=${E2E_FILES:-flow.test.mjs locality-sponsor.test.mjs ntm.test.mjs document.test.mjs award.test.mjs}

TMP=$(mktemp -d /tmp/chungsuc-e2e.XXXXXX)
cleanup() {
  x11_cleanup
  [ -f "$TMP/data/log/chungsuc.log" ] && cp "$TMP/data/log/chungsuc.log" "$OUT/e2e-app.log"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$ROOT"
rm -f "$OUT"/e2e-*.png

# ---------------------------------------------------------------- prerequisites
[ -x "$CHROMIUM" ] || { say "missing $CHROMIUM (apt-get install chromium)"; exit 1; }
[ -x "$WAILS" ] || { say "missing the wails CLI ($WAILS); run make deps-build"; exit 1; }
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/jszip" ]; then
  say "installing playwright-core and jszip (npm ci)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
if [ ! -d frontend/node_modules ]; then
  say "installing the frontend's packages (npm ci)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
# -skipbindings needs the generated bindings; go:embed needs frontend/dist.
mkdir -p frontend/dist && [ -e frontend/dist/.gitkeep ] || touch frontend/dist/.gitkeep
if [ ! -d frontend/wailsjs/go/app ]; then
  say "generating the Wails bindings"
  "$WAILS" generate module -tags webkit2_41 >"$OUT/e2e-bindings.log" 2>&1 || { cat "$OUT/e2e-bindings.log"; exit 1; }
fi

# A free port for the Wails dev server (34115 unless taken).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=34115
while port_busy "$PORT"; do PORT=$((PORT + 1)); done
URL="http://127.0.0.1:$PORT"

start_xvfb || exit 1
start_dbus || exit 1
export NO_AT_BRIDGE=1

# ---------------------------------------------------------------- wails dev
mkdir -p "$TMP/data" "$TMP/files"
DIALOG_ANSWER="$TMP/dialog-answer"
say "wails dev on $URL (the first debug build can take 1–2 minutes)"
t0=$(now_ms)
CHUNGSUC_DATA_DIR="$TMP/data" CHUNGSUC_DB="$TMP/data/e2e.db" CHUNGSUC_DIALOG_ANSWER_FILE="$DIALOG_ANSWER" \
  setsid "$WAILS" dev -m -s -skipbindings -nocolour -nogorebuild -noreload \
  -viteservertimeout 120 -devserver "127.0.0.1:$PORT" \
  >"$OUT/e2e-wails-dev.log" 2>&1 </dev/null &
DEV_PGID=$!
CLEANUP_PGIDS+=("$DEV_PGID")

up=""
for _ in $(seq 1 $((SERVER_TIMEOUT * 2))); do
  if ! kill -0 "$DEV_PGID" 2>/dev/null; then break; fi
  if curl -fs -o /dev/null --max-time 2 "$URL/"; then up=1; break; fi
  sleep 0.5
done
if [ -z "$up" ]; then
  say "wails dev did not answer on $URL within ${SERVER_TIMEOUT}s; its log:"
  tail -n 60 "$OUT/e2e-wails-dev.log" >&2
  exit 1
fi
say "wails dev answers after $(( ($(now_ms) - t0) / 1000 )) s"

# ---------------------------------------------------------------- tests
cd "$HERE"
t0=$(now_ms)
# One node process per suite, in the listed order: `node --test a b` sorts its
# files by name, and flow.test.mjs must meet the fresh database first.
rc=0
for f in $E2E_FILES; do
  E2E_URL="$URL" E2E_OUT="$OUT" E2E_DATA_DIR="$TMP/data" E2E_DIALOG_FILE="$DIALOG_ANSWER" E2E_TMP="$TMP/files" \
    CHROMIUM="$CHROMIUM" \
    node --test --test-concurrency=1 --test-reporter=spec "$f" || rc=1
done
say "tests took $(( ($(now_ms) - t0) / 1000 )) s (exit $rc)"

# Stop wails dev the way it expects (Ctrl-C to the whole group), KILL after 15 s.
stop_group "$DEV_PGID" INT 15
exit $rc
