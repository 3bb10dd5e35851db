package jobs

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/store"
)

// TestAddURL_FailedFirstVersionLeavesNoArticle: the write of an article's
// first version fails (a full disk; here a trigger refuses versions, as
// SQLite refuses pages on a full disk). The article row, written just
// before, must not stay behind without its first version, and adding the
// URL again once there is room records it.
func TestAddURL_FailedFirstVersionLeavesNoArticle(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page("Council approves budget", "The council approved the budget on Monday.", 1)))
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "errata.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	disk, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	if _, err := disk.Exec(`CREATE TRIGGER disk_full BEFORE INSERT ON versions
		BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}

	if _, err := e.AddURL(ctx, srv.URL+"/story", ""); err == nil {
		t.Fatal("AddURL succeeded though its first version could not be written")
	}
	if a, err := st.ArticleByURL(ctx, srv.URL+"/story"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after the failed add: article %+v, %v; want none", a, err)
	}

	if _, err := disk.Exec(`DROP TRIGGER disk_full`); err != nil {
		t.Fatal(err)
	}
	added, err := e.AddURL(ctx, srv.URL+"/story", "")
	if err != nil || !added.Created || added.Check == nil || added.Check.Version == nil {
		t.Fatalf("adding again: %+v, %v; want the article created with its first version", added, err)
	}
}
