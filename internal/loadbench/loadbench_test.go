package loadbench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/errata/errata/internal/pgtest"
	"github.com/errata/errata/internal/store"
)

func TestSeed_WritesClassifiedVersions(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := Seed(ctx, st, 30, 4, 1)
	if err != nil || stats.Articles != 30 || stats.Versions != 120 {
		t.Fatalf("Seed = %+v, %v", stats, err)
	}
	arts, _ := st.Articles(ctx, 0, 1)
	vs, _ := st.Versions(ctx, arts[0].ID)
	if len(vs) != 4 || len(vs[1].Classes) == 0 || vs[1].Hash == vs[0].Hash {
		t.Fatalf("versions %+v: want 4 distinct, classified", vs)
	}
}

func TestRun_SendsTheScheduleAndMeasures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	res := Run(context.Background(), srv.Client(), 100, 500*time.Millisecond, func(i int) string {
		if i%10 == 0 {
			return srv.URL + "/missing"
		}
		return srv.URL + "/"
	})
	if res.Sent != 50 || res.Errors != 0 || res.StatusNot200 != 5 || res.P99 <= 0 || res.P50 > res.P99 {
		t.Fatalf("result %+v", res)
	}
}

func TestSeedCorpus_WritesExactlyTheVersionsAsked(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := Corpus{Versions: 500, CaptureShare: 0.2, Seed: 3}
	stats, err := SeedCorpus(ctx, st, c, nil)
	if err != nil || stats.Versions != 500 || stats.Articles != c.Articles() {
		t.Fatalf("SeedCorpus = %+v, %v; want 500 versions over %d articles", stats, err, c.Articles())
	}
	if mean := 500.0 / float64(stats.Articles); mean < 2.5 || mean > 5 {
		t.Errorf("%.1f versions an article; want near NewsEdits' 3.6", mean)
	}
	s, err := st.Stats(ctx)
	if err != nil || s.Versions != 500 || s.Articles != stats.Articles {
		t.Fatalf("store stats %+v, %v", s, err)
	}
	// Article i has the id i+1 and VersionsOf(i) versions, which the
	// benchmark's URLs rely on.
	for _, i := range []int{0, 7, stats.Articles - 2} {
		vs, err := st.Versions(ctx, int64(i+1))
		if err != nil || len(vs) != c.VersionsOf(i) {
			t.Errorf("article %d: %d versions, %v; want %d", i+1, len(vs), err, c.VersionsOf(i))
		}
	}
	captured := 0
	arts, _ := st.Articles(ctx, 0, 1000)
	for _, a := range arts {
		vs, _ := st.Versions(ctx, a.ID)
		for _, v := range vs {
			if v.CaptureHash != "" {
				captured++
			}
		}
	}
	if captured < 50 || captured > 150 {
		t.Errorf("%d of 500 versions captured; want about a fifth", captured)
	}
}

// pg is the PostgreSQL server of BenchmarkSeedCorpus/postgres, started
// only when it runs; TestMain stops it.
var pg pgtest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// BenchmarkSeedCorpus seeds 20,000 versions into a fresh store per op and
// reports the time per version, the figure that decides how long a
// NewsEdits-sized store takes to build.
func BenchmarkSeedCorpus(b *testing.B) {
	const versions = 20_000
	open := map[string]func(b *testing.B) string{
		"sqlite":   func(b *testing.B) string { return filepath.Join(b.TempDir(), "errata.db") },
		"postgres": func(b *testing.B) string { return pg.Database(b) },
	}
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			var took time.Duration
			for i := range b.N {
				st, err := store.OpenURL(ctx, open[engine](b))
				if err != nil {
					b.Fatal(err)
				}
				stats, err := SeedCorpus(ctx, st, Corpus{Versions: versions, CaptureShare: 0.1, Seed: uint64(i)}, nil)
				if err != nil {
					b.Fatal(err)
				}
				took += stats.Took
				st.Close()
			}
			b.ReportMetric(float64(took.Microseconds())/float64(b.N*versions), "µs/version")
		})
	}
}
