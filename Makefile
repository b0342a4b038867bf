# Chung Sức — the two commands a newcomer needs:
#   make run    install what is missing, build, start the app (sample data on first run)
#   make test   install what is missing, run every test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO          ?= go
GOBIN       := $(shell $(GO) env GOPATH)/bin
export PATH := $(GOBIN):/usr/local/go/bin:$(PATH)
WAILS_VERSION := v2.12.0
WAILS       := $(GOBIN)/wails
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT         := tests/out
APP         := build/bin/chungsuc
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X main.version=$(VERSION)

APT_BUILD := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
APT_TEST  := xvfb xauth xdotool x11-utils imagemagick dbus dbus-x11 sqlite3 chromium \
             poppler-utils postgresql curl procps

.PHONY: help run test build check-tools deps-build deps-test wails-cli frontend-deps bindings \
        test-go test-pg test-frontend test-e2e test-smoke bench bench-national bench-pdf bench-dossier vet clean

help:
	@echo "make run    - cài những gì còn thiếu, biên dịch và mở Chung Sức (dữ liệu mẫu ở lần chạy đầu)"
	@echo "make test   - cài những gì còn thiếu và chạy toàn bộ kiểm thử"
	@echo "make bench  - đo thời gian khởi động và bộ nhớ (ghi vào BENCHMARKS.md)"
	@echo "make bench-national - đo phiếu đánh giá, ma trận và tổng quan trên dữ liệu mô phỏng cả nước (chậm)"

# ---------------------------------------------------------------- install
define apt_install
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Cài gói hệ thống:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

# Go and Node.js come from their own installers (Debian 12's are too old):
# say so plainly instead of failing later in the middle of a build.
check-tools:
	@command -v $(GO) >/dev/null || { echo "Cần Go ≥ 1.26 (https://go.dev/dl/) trên PATH."; exit 1; }
	@$(GO) run ./tests/toolcheck
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Cần Node.js ≥ 20.19 và npm trên PATH."; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Cần Node.js ≥ 20.19 (đang có " + process.versions.node + ")."); process.exit(1) }'

deps-build: check-tools
	@$(call apt_install,$(APT_BUILD))
	@$(MAKE) --no-print-directory wails-cli frontend-deps

deps-test: deps-build
	@$(call apt_install,$(APT_TEST))
	@cd tests/e2e && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }

wails-cli:
	@if ! "$(WAILS)" version 2>/dev/null | grep -q "$(WAILS_VERSION)"; then \
	  echo "Cài wails CLI $(WAILS_VERSION)"; \
	  $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION); \
	fi

frontend-deps:
	@cd frontend && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }

# ---------------------------------------------------------------- build / run
build: deps-build
	$(WAILS) build -m -nocolour -ldflags "$(LDFLAGS)"

run: build
	@db="$${CHUNGSUC_DB:-$$($(APP) help | sed -n 's/.*mặc định: //p')}"; \
	if [ ! -s "$$db" ] && [[ "$$db" != postgres* ]]; then $(APP) sample; fi
	$(APP)

# ---------------------------------------------------------------- tests
test: deps-test
	@mkdir -p $(OUT)
	@$(MAKE) --no-print-directory bindings vet test-go test-pg test-frontend test-e2e test-smoke

bindings:
	@# Generated bindings for the frontend type-check; dist placeholder for go:embed.
	@mkdir -p frontend/dist && touch frontend/dist/.gitkeep
	$(WAILS) generate module -tags webkit2_41 >/dev/null

vet:
	$(GO) vet ./...

# Every package under the race detector, except the sample loader and the
# command line: sequential code that loads the whole sample in most tests,
# which the detector slows about tenfold (minutes each on two cores). The
# concurrent code they call (store, pdf, document, dossier, app) is raced in
# its own package; these two run without -race here and again on PostgreSQL.
RACE_SKIP := chungsuc/internal/sample chungsuc/internal/cli
test-go:
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v -x -F $(foreach p,$(RACE_SKIP),-e $(p)))
	$(GO) test -count=1 ./internal/sample/... ./internal/cli/...

# The store-backed suites again, on a real PostgreSQL started on loopback.
# Without -race: the race detector has already run over the same Go code on
# SQLite (test-go); this run is about PostgreSQL's SQL, locks and types.
test-pg:
	@pgdir=$$(mktemp -d /tmp/chungsuc-pg.XXXXXX); \
	trap 'tests/pg.sh stop '"$$pgdir"'; rm -rf '"$$pgdir" EXIT; \
	url=$$(tests/pg.sh start $$pgdir); \
	echo "PostgreSQL: $$url"; \
	CHUNGSUC_TEST_PG="$$url" $(GO) test -count=1 ./internal/... ./app/...

test-frontend:
	cd frontend && npm run typecheck && npm run test

test-e2e: build
	tests/e2e/run.sh

test-smoke: build
	tests/smoke/run.sh

bench: deps-test build bench-pdf bench-dossier
	tests/bench/run.sh
	$(GO) test -run '^$$' -bench . -benchtime 3x -benchmem ./internal/locality ./internal/sheet
	$(MAKE) bench-national

# NTM checklist, matrix and dashboard on the synthetic national dataset
# (chungsuc sample --scale 0.1 and national), each against a hand-written
# SQL floor in the same run. Slow: the data (~1.7 GB of SQLite) is generated
# once and kept in $${CHUNGSUC_BENCH_CACHE:-$$TMPDIR/chungsuc-bench-national};
# CHUNGSUC_BENCH_FRESH=$$(date +%s) regenerates it (and so measures the generation).
bench-national:
	CHUNGSUC_BENCH_NATIONAL=1 $(GO) test -p 1 -timeout 0 -run '^$$' -bench National -benchtime 2s -benchmem -v \
	  ./internal/assessment ./internal/dashboard

# Documents: the sample plan through the in-process PDF engine, Chromium
# --print-to-pdf and LibreOffice headless (installed by the script), as ratios.
bench-pdf:
	tests/bench/pdf.sh

# Award dossier: 200 nominees (tờ trình, danh sách, 200 reports, biên bản) in
# one PDF, seconds on one core and on both and peak memory; and the 200
# reports printed one PDF each.
bench-dossier:
	tests/bench/dossier.sh

clean:
	rm -rf build/bin $(OUT) frontend/dist/assets frontend/dist/index.html
