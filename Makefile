# The engine's packages run with the race detector; the rest without, to
# keep the suite quick on two cores.
RACE_PKGS := ./internal/fetch/... ./internal/store/... ./internal/jobs/... ./internal/revise/... ./internal/schedule/... ./internal/archive/...

.PHONY: build test race bench fuzz

build:
	go build -o errata ./cmd/errata

test:
	go test ./...
	go test -race $(RACE_PKGS)

bench:
	go test -run '^$$' -bench . -benchmem ./internal/jobs/ ./internal/extract/ ./internal/diff/

# Short fuzzing of every parser (each target for FUZZTIME).
FUZZTIME ?= 20s
fuzz:
	@for pkg in ./internal/discover ./internal/extract ./internal/fetch ./internal/diff; do \
		for t in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			go test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done
