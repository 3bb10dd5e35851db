package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// t0 is when the seeded articles were first seen.
var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// xssTitle is stored as an article title to prove it never runs.
const xssTitle = `<script>alert(1)</script> & "quotes"`

// draft is one version of a seeded article.
type draft struct{ title, byline, text string }

// mayorDrafts: a headline change with a rewrite, then an appended
// correction.
var mayorDrafts = []draft{
	{"Mayor resigns after budget vote", "By Ann Reporter",
		"The mayor resigned on Tuesday.\n\nThe council voted 7 to 2 against the budget.\n\nShe will leave in May."},
	{"Mayor quits after stormy budget vote", "By Ann Reporter",
		"The mayor resigned on Tuesday evening.\n\nThe council voted 7 to 2 against the budget.\n\nShe will leave in May."},
	{"Mayor quits after stormy budget vote", "By Ann Reporter and Bo Writer",
		"The mayor resigned on Tuesday evening.\n\nThe council voted 6 to 3 against the budget.\n\nShe will leave in May.\n\nCorrection: an earlier version of this article misstated the vote."},
}

type fixture struct {
	store   *store.Store
	srv     *Server
	ts      *httptest.Server
	mayor   model.Article // three versions in "Daily Planet"
	hostile model.Article // script title, javascript: URL, in "Evil <b>Outlet</b>"
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// seedArticle records drafts as consecutive versions an hour apart, with
// classes and word counts from diff.Compare, as the engine would.
func seedArticle(t testing.TB, st *store.Store, outlet, url string, drafts []draft) model.Article {
	t.Helper()
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, outlet, "planet.example")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: url, FirstSeen: t0, Published: t0})
	if err != nil {
		t.Fatal(err)
	}
	for seq, d := range drafts {
		at := t0.Add(time.Duration(seq) * time.Hour)
		v := &model.Version{Seq: seq, FetchedAt: at, Title: d.title, Byline: d.byline, Text: d.text,
			Published: t0, Hash: url + string(rune('a'+seq))}
		if seq > 0 {
			prev := drafts[seq-1]
			r := diff.Compare(diff.Doc{Title: prev.title, Byline: prev.byline, Text: prev.text},
				diff.Doc{Title: d.title, Byline: d.byline, Text: d.text})
			v.Added, v.Removed = r.Added, r.Removed
			for _, c := range r.Classes {
				v.Classes = append(v.Classes, string(c))
			}
		}
		a.LastChanged, a.LastChecked = at, at
		if _, err := st.Record(ctx, store.CheckRecord{Article: a, Version: v,
			Check: model.Check{At: at, Outcome: model.OutcomeNewVersion}}); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	return a
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	f := &fixture{store: openStore(t)}
	f.mayor = seedArticle(t, f.store, "Daily Planet", "https://planet.example/mayor", mayorDrafts)
	f.hostile = seedArticle(t, f.store, "Evil <b>Outlet</b>", "javascript:alert(document.cookie)", []draft{
		{"Harmless", "", "Nothing to see."},
		{xssTitle, "<img src=x onerror=alert(2)>", "Nothing to see.\n\n<script>alert(3)</script>"},
	})
	cfg.Store = f.store
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return t0.Add(5 * time.Hour) }
	}
	if len(cfg.Policy.Tiers) == 0 {
		cfg.Policy = schedule.DefaultPolicy()
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	f.srv = srv
	f.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(f.ts.Close)
	return f
}

// get fetches path from the test server and returns the response and body.
func (f *fixture) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	return f.do(t, http.MethodGet, path, nil, nil)
}

func (f *fixture) do(t testing.TB, method, path string, body io.Reader, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func mustContain(t testing.TB, what, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("%s: missing %q", what, s)
		}
	}
}

func httptestRequest(target string) *http.Request {
	return httptest.NewRequest(http.MethodGet, target, nil)
}
