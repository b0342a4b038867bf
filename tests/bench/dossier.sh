#!/usr/bin/env bash
# Award dossier: BenchmarkDossier200 (internal/dossier) renders the combined
# dossier of a proposal with 200 nominees — the Tờ trình with its landscape
# Danh sách and the Biên bản drafted in memory, 200 báo cáo thành tích drafted
# from the data, contents page and bookmarks — on one core and on both
# (-cpu 1,2), and BenchmarkReports200 prints the 200 reports one PDF each
# (rendered on every core). Peak memory is the maximum RSS of the test
# process over one dossier, the sample database set up included. Rewrites the
# "## Award dossier" section of BENCHMARKS.md.
#
#   tests/bench/dossier.sh             (make bench-dossier)
#   DOSSIER_BENCH_COUNT=3              runs of each benchmark (the fastest is reported)
#   BENCH_MD=BENCHMARKS.md             (set BENCH_MD= to only print)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_MD=${BENCH_MD-$ROOT/BENCHMARKS.md}
COUNT=${DOSSIER_BENCH_COUNT:-3}
GO=${GO:-go}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
TMP=$(mktemp -d /tmp/chungsuc-bench-dossier.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
say() { echo "bench-dossier: $*" >&2; }

missing=""
for p in poppler-utils time; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  say "installing$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
export CHUNGSUC_FONT=embedded

say "building the test binary"
(cd "$ROOT" && $GO test -c -o "$TMP/dossier.test" ./internal/dossier)
PKG="$ROOT/internal/dossier"

say "benchmarks (-cpu 1,2, $COUNT runs)"
(cd "$PKG" && "$TMP/dossier.test" -test.run '^$' -test.bench '^Benchmark(Dossier200|Reports200)$' -test.benchtime 3x \
  -test.cpu 1,2 -test.benchmem -test.count "$COUNT") | tee "$TMP/bench.txt" | grep '^Benchmark' >&2

# field NAME UNIT -> the value before UNIT of the fastest (by ns/op) run of NAME
# (exact name: "BenchmarkDossier200" is one core, "BenchmarkDossier200-2" both).
field() {
  awk -v b="$1" -v u="$2" '$1 == b {
      ns = 0; v = ""
      for (i = 2; i <= NF; i++) { if ($i == "ns/op") ns = $(i-1); if ($i == u) v = $(i-1) }
      if (best == "" || ns < best) { best = ns; val = v }
    } END { print val }' "$TMP/bench.txt"
}
sec() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
D1=$(sec "$(field BenchmarkDossier200 ns/op)")
D2=$(sec "$(field BenchmarkDossier200-2 ns/op)")
R1=$(sec "$(field BenchmarkReports200 ns/op)")
R2=$(sec "$(field BenchmarkReports200-2 ns/op)")
PAGES=$(field BenchmarkDossier200 pages | cut -d. -f1)
PARTS=$(field BenchmarkDossier200 parts | cut -d. -f1)
BYTES=$(field BenchmarkDossier200 bytes | cut -d. -f1)
RPAGES=$(field BenchmarkReports200 pages | cut -d. -f1)
ALLOC=$(mb "$(field BenchmarkDossier200 B/op)")

# The baseline of this run: the sample plan (7 pages) through the same engine,
# one core; the dossier's cost per page is compared with it.
say "baseline: the sample plan through the PDF engine (-cpu 1)"
(cd "$ROOT" && $GO test -c -o "$TMP/pdf.test" ./internal/pdf)
(cd "$ROOT/internal/pdf" && "$TMP/pdf.test" -test.run '^$' -test.bench '^BenchmarkRender$' -test.benchtime 50x \
  -test.cpu 1 -test.count "$COUNT") | tee "$TMP/base.txt" | grep '^Benchmark' >&2
BASE_PAGE=$(awk '$1 == "BenchmarkRender" { for (i = 2; i <= NF; i++) if ($i == "ms/page") v = $(i-1); if (best == "" || v < best) best = v } END { print best }' "$TMP/base.txt")
D1_PAGE=$(awk -v s="$D1" -v p="$PAGES" 'BEGIN { printf "%.2f", s * 1000 / p }')
RATIO=$(awk -v a="$D1_PAGE" -v b="$BASE_PAGE" 'BEGIN { printf "%.1f", a / b }')

say "peak memory of one dossier (both cores)"
cd "$PKG"
/usr/bin/time -v env DOSSIER_BENCH_OUT="$TMP/dossier.pdf" "$TMP/dossier.test" -test.run '^$' -test.bench '^BenchmarkDossier200$' \
  -test.benchtime 1x -test.cpu 2 >/dev/null 2>"$TMP/mem.time"
PEAK=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$TMP/mem.time")
/usr/bin/time -v "$TMP/dossier.test" -test.run '^$' >/dev/null 2>"$TMP/mem0.time"
PEAK0=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$TMP/mem0.time")
cd "$ROOT"
CHECK=$(pdfinfo "$TMP/dossier.pdf" | awk '/^Pages:/ {print $2}')

BUSY=""
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l >= n) }'; then
  BUSY="In this run the load average ($LOAD_BEFORE) was at or above the number of cores: other
work held them, so the both-cores column shows contention rather than scaling, and every time
is inflated alike.
"
fi

SECTION="## Award dossier (200 nominees)

\`BenchmarkDossier200\` (\`internal/dossier\`, \`make bench-dossier\`): one proposal batch of
200 nominees (10 collectives, 190 people) on the sample database; each run loads the batch,
drafts the Tờ trình (with its landscape Danh sách) and the Biên bản in memory, drafts the 200
báo cáo thành tích from the data (the emulation module's facts and scores, the award history)
and renders one PDF with a contents page and $PARTS bookmarks: $PAGES pages, $BYTES bytes
(pdfinfo of the written file: $CHECK pages). \`BenchmarkReports200\` prints the same 200
reports one PDF each ($RPAGES pages), rendered on every core. Fastest of $COUNT runs of 3 each.

| | one core (\`-cpu 1\`) | both cores (\`-cpu 2\`) |
|---|---:|---:|
| Combined dossier, 200 nominees | **$D1 s** | **$D2 s** |
| 200 reports, one PDF each | $R1 s | $R2 s |

Per page, against the baseline of the same run (the sample plan, 7 pages, through the same
engine on one core: $BASE_PAGE ms/page): the combined dossier costs $D1_PAGE ms/page on one
core, **$RATIO×** the baseline — the difference is the drafting from the database (the facts,
scores and award history of 200 nominees), the contents page and the bookmarks.

Peak memory (maximum RSS of the test process rendering one dossier on both cores, the sample
database and the batch set up included): **$PEAK MB** (the idle test binary: $PEAK0 MB).
Allocation per dossier: $ALLOC MB (most of it fpdf's per-page zlib writers, as for single
documents). The combined dossier is one PDF written in order, so the second core helps only the
garbage collector; the one-PDF-per-report batch renders on both cores.

$BUSY
Machine: $(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), Go $($GO env GOVERSION);
$(date -u '+%Y-%m-%d %H:%M UTC'); load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg).

Raw benchmark output:

\`\`\`
$(grep -E '^Benchmark' "$TMP/bench.txt")
\`\`\`"

echo "$SECTION"
[ -n "$BENCH_MD" ] || exit 0
if [ -f "$BENCH_MD" ]; then
  awk '/^## Award dossier/ {skip=1; next} /^## / {skip=0} !skip' "$BENCH_MD" >"$TMP/md"
  sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$TMP/md"
else
  echo "# Benchmarks" >"$TMP/md"
fi
{ cat "$TMP/md"; printf '\n%s\n' "$SECTION"; } >"$BENCH_MD"
say "wrote $BENCH_MD"
