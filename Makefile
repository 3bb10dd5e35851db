# The engine's packages run with the race detector; the rest without, to
# keep the suite quick on two cores.
RACE_PKGS := ./internal/fetch/... ./internal/store/... ./internal/jobs/... ./internal/queue/... ./internal/revise/... ./internal/schedule/... ./internal/archive/...

.PHONY: build test race bench fuzz bench-load

build:
	go build -o errata ./cmd/errata

test:
	go test -timeout 20m ./...
	go test -timeout 20m -race $(RACE_PKGS)

bench:
	go test -run '^$$' -bench . -benchmem ./internal/jobs/ ./internal/queue/ ./internal/extract/ ./internal/diff/ ./internal/card/

# Short fuzzing of every fuzz target in the module (each for FUZZTIME):
# the packages are found, not listed, so a new target is never left out.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for t in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			go test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

# Extraction benchmark: errata and its peers side by side on the shared
# article-extraction-benchmark corpus (prints "skipped" when ../shared/data
# is absent). node packages go to a tools folder outside the repository;
# readability-lxml comes from Debian when we are root.
EXTRACT_TOOLS ?= $(HOME)/.cache/errata-extractbench
.PHONY: bench-extract
bench-extract:
	@if [ ! -f "$(EXTRACT_TOOLS)/node_modules/linkedom/package.json" ] && command -v npm >/dev/null; then \
		mkdir -p "$(EXTRACT_TOOLS)" && npm install --prefix "$(EXTRACT_TOOLS)" --no-audit --no-fund --silent \
			@mozilla/readability@0.6.0 linkedom@0.18.15 || true; \
	fi
	@if ! /usr/bin/python3 -c 'import readability' 2>/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y -q python3-readability >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null && apt-get install -y -q python3-readability >/dev/null; } || true; \
	fi
	go run ./internal/extract/benchmark/cmd/extractbench -node-modules "$(EXTRACT_TOOLS)/node_modules"

# Seeds a store with 100k articles and 1M versions (about five minutes the
# first time; pass LOAD_DATA=DIR to keep and reuse it), then drives the
# history and diff pages at 500 requests/s over loopback.
LOAD_DATA ?=
bench-load:
	go run ./internal/loadbench/cmd/loadbench $(if $(LOAD_DATA),--data $(LOAD_DATA)) --articles 100000 --versions 10 --rate 500 --duration 30s

# Scale-out benchmark: a 10,000-article newsroom checked by 1, 2 and 4
# `errata serve --role worker` processes on one throwaway PostgreSQL
# (host interval 0): checks/s, CPU ms per check, database transactions
# per check.
.PHONY: bench-scale
bench-scale:
	go run ./internal/loadbench/cmd/scalebench --articles 10000 --workers 1,2,4
