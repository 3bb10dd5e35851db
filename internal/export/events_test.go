package export

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

func TestJSONL_CarriesLifecycleEventsOldestFirst(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	o, err := st.EnsureOutlet(ctx, "Daily", "daily.example")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://daily.example/b", FirstSeen: t0})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []model.Event{
		{Kind: model.EventGone, At: t0.Add(time.Hour), Status: 404, Seq: model.NoSeq},
		{Kind: model.EventBack, At: t0.Add(2 * time.Hour), Status: 200, Seq: model.NoSeq},
		{Kind: model.EventMoved, At: t0.Add(3 * time.Hour), Seq: model.NoSeq, OldURL: "https://daily.example/a", NewURL: "https://daily.example/b"},
		{Kind: model.EventFlipFlop, At: t0.Add(4 * time.Hour), Seq: 0},
	} {
		e.ArticleID = a.ID
		if _, err := st.AppendEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if n, err := JSONL(ctx, st, &buf, nil); err != nil || n != 1 {
		t.Fatalf("JSONL = %d, %v", n, err)
	}
	var line struct {
		Versions []json.RawMessage `json:"versions"`
		Events   []map[string]any  `json:"events"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	if line.Versions == nil || len(line.Events) != 4 {
		t.Fatalf("line = %s", buf.String())
	}
	want := []map[string]any{
		{"event": "gone", "at": "2026-11-20T10:00:00Z", "status": 404.0},
		{"event": "back", "at": "2026-11-20T11:00:00Z", "status": 200.0},
		{"event": "moved", "at": "2026-11-20T12:00:00Z", "old_url": "https://daily.example/a", "new_url": "https://daily.example/b"},
		{"event": "flip_flop", "at": "2026-11-20T13:00:00Z", "seq": 0.0},
	}
	for i, w := range want {
		got := line.Events[i]
		if len(got) != len(w) {
			t.Errorf("event %d = %v, want %v", i, got, w)
			continue
		}
		for k, v := range w {
			if got[k] != v {
				t.Errorf("event %d %s = %v, want %v", i, k, got[k], v)
			}
		}
	}
}
