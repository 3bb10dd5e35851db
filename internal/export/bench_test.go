package export

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// benchStore opens the store ERRATA_BENCH_STORE names (a corpus store
// kept by corpusbench, say), or seeds one: articles of versions of
// about 4.5 KB of text each, every version a few sentences edited from
// the one before, as corrections and updates are.
func benchStore(b *testing.B, articles, versions int) *store.Store {
	b.Helper()
	ctx := context.Background()
	if path := os.Getenv("ERRATA_BENCH_STORE"); path != "" {
		st, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "errata.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	o, err := st.EnsureOutlet(ctx, "Daily Planet", "planet.example")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("the council harbour budget ferry vote mayor library roads minister said on Tuesday " +
		"evening report police court storm coast winds forecast rain million percent new year plan city")
	sentence := func() string {
		n := 8 + rng.IntN(20)
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.ToUpper(w[0][:1]) + strings.Join(w, " ")[1:] + "."
	}
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for i := range articles {
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://planet.example/%d", i), FirstSeen: t0})
		if err != nil {
			b.Fatal(err)
		}
		var sents []string
		for len(strings.Join(sents, " ")) < 4500 {
			sents = append(sents, sentence())
		}
		for seq := range versions {
			if seq > 0 {
				for range 3 {
					sents[rng.IntN(len(sents))] = sentence()
				}
			}
			at := t0.Add(time.Duration(seq) * time.Hour)
			text := strings.Join(sents, " ")
			v := &model.Version{Seq: seq, FetchedAt: at, Title: "Title", Text: text, Hash: fmt.Sprintf("%d-%d", i, seq)}
			a.LastChanged, a.LastChecked = at, at
			if _, err := st.Record(ctx, store.CheckRecord{Article: a, Version: v,
				Check: model.Check{At: at, Outcome: model.OutcomeNewVersion}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return st
}

// countingWriter counts what is written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// BenchmarkExport_JSONL measures JSONL export throughput in MB/s of
// lines written (to a writer that only counts them): 200 articles of 4
// versions, or the store ERRATA_BENCH_STORE names.
func BenchmarkExport_JSONL(b *testing.B) {
	st := benchStore(b, 200, 4)
	ctx := context.Background()
	var w countingWriter
	if _, err := JSONL(ctx, st, &w, nil); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(w.n)
	b.ResetTimer()
	cpu := cpuTime(b)
	for b.Loop() {
		if _, err := JSONL(ctx, st, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.n)/1e6/(cpuTime(b)-cpu).Seconds()*float64(b.N), "MB/cpu-s")
}

// cpuTime is the user and system CPU time the process has used: on a
// shared machine, the figure that does not depend on what else runs.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
