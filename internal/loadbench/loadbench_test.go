package loadbench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

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
