package queue

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// Once an outlet has enough captures, a started queue trains its
// dictionary, and the outlet's next capture is packed with it.
func TestQueue_TrainsCaptureDictionaries(t *testing.T) {
	forEachEngine(t, trainsCaptureDictionaries)
}

func trainsCaptureDictionaries(t *testing.T, e *jobs.Engine) {
	ctx := context.Background()
	o, err := e.Store.EnsureOutlet(ctx, "daily", "daily.example")
	if err != nil {
		t.Fatal(err)
	}
	for i := range archive.MinDictSamples {
		recordCapture(t, e.Store, o, i)
	}
	q := newQueue(t, e, Config{})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	waitFor(t, "a capture packed with the outlet's dictionary", func() bool {
		_, blob, err := e.Store.PackCapture(ctx, o.ID, templatePage(99))
		var h zstd.Header
		return err == nil && h.Decode(blob) == nil && h.DictionaryID != 0
	})
}

// templatePage is page i of one site: its template around prose of its
// own.
func templatePage(i int) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>Daily</title><script>window.daily={ads:["top","side"],track:function(e){}}</script>` +
		`</head><body><nav><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a></nav><article>`)
	for p := range 20 {
		fmt.Fprintf(&b, "<p>Paragraph %d of story %d says the council met on day %d and voted %d to %d.</p>\n", p, i, p*i, i%7, p%5)
	}
	b.WriteString(`</article><footer>© Daily. Contact the newsroom; corrections policy; privacy notice.</footer></body></html>`)
	return []byte(b.String())
}

func recordCapture(t *testing.T, st *store.Store, o model.Outlet, i int) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://daily.example/%d", i),
		FirstSeen: at, NextCheck: at.Add(time.Hour * 24 * 365 * 10), State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	body := templatePage(i)
	hash, blob, err := st.PackCapture(ctx, o.ID, body)
	if err != nil {
		t.Fatal(err)
	}
	v := model.Version{FetchedAt: at, Title: "Story", Text: fmt.Sprint("story ", i), Hash: fmt.Sprint("h", i), CaptureHash: hash}
	c := &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: at, Size: int64(len(body)), Body: blob}
	if _, err := st.Record(ctx, store.CheckRecord{Article: a, Version: &v, Capture: c,
		Check: model.Check{At: at, Outcome: model.OutcomeNewVersion}}); err != nil {
		t.Fatal(err)
	}
}
