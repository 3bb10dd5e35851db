package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// errata history lists an article's lifecycle events between its versions.
func TestHistory_ListsLifecycleEvents(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(contractPage))
	}))
	defer srv.Close()
	data := t.TempDir()
	u := srv.URL + "/2026/11/20/budget"
	cli(t, data, "add", u)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(data, "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.ArticleByURL(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	for _, ev := range []model.Event{
		{ArticleID: a.ID, Kind: model.EventGone, At: later, Status: 410, Seq: model.NoSeq},
		{ArticleID: a.ID, Kind: model.EventMoved, At: later.Add(time.Hour), Seq: model.NoSeq,
			OldURL: u, NewURL: u + "-new\x1b[31m"},
	} {
		if _, err := st.AppendEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	out := cli(t, data, "history", u)
	v0 := strings.Index(out, "v0 ")
	gone := strings.Index(out, "gone: the page answers")
	moved := strings.Index(out, "moved to a new URL: "+u+" → "+u+"-new")
	if v0 < 0 || gone < v0 || moved < gone {
		t.Errorf("history lacks v0, then gone, then moved, in that order:\n%s", out)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("history passes an escape sequence from a URL to the terminal:\n%q", out)
	}
}
