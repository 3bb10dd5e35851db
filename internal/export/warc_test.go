package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/warc"
)

var warcBase = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

// seedWARC records n articles of one outlet with versions versions each, one
// capture per version, the page being body with the article and version
// numbers in it.
func seedWARC(tb testing.TB, n, versions int, body []byte) *store.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(tb.TempDir(), "errata.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	o, err := st.EnsureOutlet(ctx, "The Ledger", "ledger.example")
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://ledger.example/%d", i), FirstSeen: warcBase, State: model.StateActive})
		if err != nil {
			tb.Fatal(err)
		}
		for seq := range versions {
			at := warcBase.Add(time.Duration(seq*n+i) * time.Minute)
			page := append(fmt.Appendf(nil, "<!-- %d/%d -->", i, seq), body...)
			hash, blob, err := archive.Pack(page)
			if err != nil {
				tb.Fatal(err)
			}
			a.LastChecked = at
			_, err = st.Record(ctx, store.CheckRecord{
				Article: a, Check: model.Check{At: at, Status: 200, Outcome: model.OutcomeNewVersion},
				Capture: &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: at, Size: int64(len(page)), Body: blob,
					Header: map[string][]string{"Content-Type": {"text/html"}}},
				Version: &model.Version{Seq: seq, FetchedAt: at, Title: fmt.Sprintf("Story %d", i), Text: fmt.Sprintf("Text %d.", seq),
					Hash: fmt.Sprintf("h%d-%d", i, seq), CaptureHash: hash, Extractor: "x1"},
			})
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
	return st
}

// readWARC returns the records of an archive by type, and the metadata blocks.
func readWARC(t *testing.T, b []byte) (map[string]int, []Metadata) {
	t.Helper()
	types := map[string]int{}
	var metas []Metadata
	r := warc.NewReader(bytes.NewReader(b), 0)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return types, metas
		}
		if err != nil {
			t.Fatal(err)
		}
		types[rec.Type]++
		if rec.Type == "metadata" {
			var m Metadata
			if err := json.Unmarshal(rec.Body, &m); err != nil {
				t.Fatal(err)
			}
			metas = append(metas, m)
		}
	}
}

// TestWARC_ArticleAndSinceNarrowTheArchive: the whole store is every
// capture with its request and metadata; --article keeps that article's,
// --since the captures fetched from then on, in fetch order.
func TestWARC_ArticleAndSinceNarrowTheArchive(t *testing.T) {
	ctx := context.Background()
	st := seedWARC(t, 3, 2, []byte("<p>page</p>"))
	second, err := st.ArticleByURL(ctx, "https://ledger.example/1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		opt      WARCOptions
		captures int
		first    Metadata // of the first metadata record
	}{
		{"all", WARCOptions{}, 6, Metadata{ArticleURL: "https://ledger.example/0", Seq: 0}},
		{"article", WARCOptions{ArticleID: second.ID}, 2, Metadata{ArticleURL: "https://ledger.example/1", Seq: 0}},
		{"since", WARCOptions{Since: warcBase.Add(4 * time.Minute)}, 2, Metadata{ArticleURL: "https://ledger.example/1", Seq: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			stats, err := WARC(ctx, st, &buf, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			types, metas := readWARC(t, buf.Bytes())
			want := map[string]int{"warcinfo": 1, "response": tt.captures, "request": tt.captures, "metadata": tt.captures}
			if !reflect.DeepEqual(types, want) || stats.Captures != tt.captures || stats.Versions != tt.captures {
				t.Errorf("records %v, stats %+v; want %v", types, stats, want)
			}
			m := metas[0]
			if m.ArticleURL != tt.first.ArticleURL || m.Seq != tt.first.Seq || m.Outlet != "The Ledger" ||
				m.Text != fmt.Sprintf("Text %d.", m.Seq) || m.CaptureHash == "" || m.Classes == nil {
				t.Errorf("first metadata %+v, want %s seq %d", m, tt.first.ArticleURL, tt.first.Seq)
			}
		})
	}
}

// Captures' records are built on every core but written in fetch order,
// each capture's request and metadata after its response, and a snapshot
// leaves out what came after it without leaving a gap.
func TestWARC_RecordsInFetchOrderFromEveryCore(t *testing.T) {
	ctx := context.Background()
	st := seedWARC(t, 40, 3, benchPage(4<<10))
	// A snapshot of 160 leaves covers the first 80 checks (a capture and
	// a version each), logged article by article, not in fetch order.
	for _, snap := range []*Snapshot{nil, {Size: 160}} {
		var buf bytes.Buffer
		stats, err := WARC(ctx, st, &buf, WARCOptions{Snapshot: snap})
		if err != nil {
			t.Fatal(err)
		}
		r := warc.NewReader(bytes.NewReader(buf.Bytes()), 0)
		var last time.Time
		var response string
		responses := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			switch rec.Type {
			case "response":
				if rec.Date.Before(last) {
					t.Fatalf("response of %s after one of %s", rec.Date, last)
				}
				last, response = rec.Date, rec.ID
				responses++
			case "metadata":
				if rec.TargetURI == CheckpointURI {
					continue
				}
				if rec.RefersTo != response {
					t.Fatalf("metadata refers to %s, not the response before it %s", rec.RefersTo, response)
				}
			}
		}
		want := 120
		if snap != nil {
			want = 80
		}
		if responses != want || stats.Captures != want || stats.Versions != want {
			t.Errorf("snapshot %v: %d responses, stats %+v; want %d", snap, responses, stats, want)
		}
	}
}

// BenchmarkExport_WARC measures export throughput in MB/s of captured
// pages archived (decoded bodies read from the store, unpacked, digested
// and gzipped into records): 200 captures of a 100 KB page, the first
// versions of 100 articles and a second version of each.
func BenchmarkExport_WARC(b *testing.B) {
	st := seedWARC(b, 100, 2, benchPage(100<<10))
	ctx := context.Background()
	stats, err := WARC(ctx, st, io.Discard, WARCOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(stats.Payload)
	b.ResetTimer()
	for b.Loop() {
		if _, err := WARC(ctx, st, io.Discard, WARCOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchPage is about size bytes of paragraphs of words drawn at random
// (fixed seed), compressing about as well as a news page's text.
func benchPage(size int) []byte {
	words := strings.Fields("the council harbour budget ferry vote mayor library roads minister said on Tuesday " +
		"evening report police court storm coast winds forecast rain million percent new year plan city")
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < size {
		b.WriteString("<p>")
		for range 40 {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		fmt.Fprintf(&b, "%d.</p>\n", rng.IntN(10000))
	}
	return b.Bytes()
}
