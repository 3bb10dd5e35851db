package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// seed records texts as consecutive versions of one article.
func seed(t *testing.T, st *store.Store, url string, texts ...string) {
	t.Helper()
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, "Daily Planet", "planet.example")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: url, FirstSeen: t0})
	if err != nil {
		t.Fatal(err)
	}
	for seq, text := range texts {
		at := t0.Add(time.Duration(seq) * time.Hour)
		v := &model.Version{Seq: seq, FetchedAt: at, Title: "Title " + string(rune('A'+seq)), Text: text, Hash: url + string(rune('a'+seq))}
		a.LastChanged, a.LastChecked = at, at
		if _, err := st.Record(ctx, store.CheckRecord{Article: a, Version: v,
			Check: model.Check{At: at, Outcome: model.OutcomeNewVersion}}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestJSONL_EachVersionCarriesItsSentenceEdits(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seed(t, st, "https://planet.example/mayor",
		"The mayor resigned. The council met.",
		"The mayor resigned on Tuesday. The council met. A vote follows.",
		"The mayor resigned on Tuesday. The council met. A vote follows.", // headline change only
	)
	var buf bytes.Buffer
	if n, err := JSONL(ctx, st, &buf, nil); err != nil || n != 1 {
		t.Fatalf("JSONL = %d, %v", n, err)
	}
	line := buf.String()
	var a Article
	if err := json.Unmarshal([]byte(line), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Versions) != 3 {
		t.Fatalf("%d versions", len(a.Versions))
	}
	if a.Versions[0].Edits != nil || strings.Count(line, `"edits":`) != 2 {
		t.Errorf("first version's edits = %+v, want no key", a.Versions[0].Edits)
	}
	got := a.Versions[1].Edits
	if len(got) != 2 {
		t.Fatalf("second version's edits = %+v", got)
	}
	if e := got[0]; e.Action != "edited" || *e.Old != 0 || *e.New != 0 || e.OldText != "The mayor resigned." || e.NewText != "The mayor resigned on Tuesday." {
		t.Errorf("edit 0 = %+v", e)
	}
	if e := got[1]; e.Action != "added" || e.Old != nil || *e.New != 2 || e.NewText != "A vote follows." {
		t.Errorf("edit 1 = %+v", e)
	}
	if !strings.Contains(line, `"action":"added","old":null,"new":2`) {
		t.Errorf("an absent sentence is not null in %s", line)
	}
	// The keys are a contract, as the article's are.
	var raw struct {
		Versions []map[string]json.RawMessage `json:"versions"`
	}
	if err := json.Unmarshal([]byte(line), &raw); err != nil {
		t.Fatal(err)
	}
	var edits []map[string]json.RawMessage
	if err := json.Unmarshal(raw.Versions[1]["edits"], &edits); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(raw.Versions[1]), "added,byline,capture_hash,classes,edits,extractor,fetched_at,hash,log_leaf,modified,published,removed,seq,text,title"; got != want {
		t.Errorf("version keys %s, want %s", got, want)
	}
	if got, want := keys(edits[0]), "action,new,new_text,old,old_text"; got != want {
		t.Errorf("edit keys %s, want %s", got, want)
	}
	if e := a.Versions[2].Edits; e == nil || len(e) != 0 {
		t.Errorf("unchanged text's edits = %#v, want []", e)
	}
}

func keys(m map[string]json.RawMessage) string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

// failAfter fails every write once n bytes were taken.
type failAfter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestJSONL_LinesInOrderAcrossChunksAndAWriteErrorStopsIt exports more
// articles than one chunk of the lines made concurrently holds: the lines
// come out in the order the articles were first seen. A writer that fails
// partway stops the export with its error.
func TestJSONL_LinesInOrderAcrossChunksAndAWriteErrorStopsIt(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const articles = 3*recordChunk + 7
	for i := range articles {
		seed(t, st, fmt.Sprintf("https://planet.example/%03d", i), fmt.Sprintf("Story %d opens. It goes on.", i))
	}
	var buf bytes.Buffer
	if n, err := JSONL(ctx, st, &buf, nil); err != nil || n != articles {
		t.Fatalf("JSONL = %d, %v; want %d", n, err, articles)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		var a Article
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.URL != fmt.Sprintf("https://planet.example/%03d", i) {
			t.Fatalf("line %d: %s (%v)", i, a.URL, err)
		}
	}
	n, err := JSONL(ctx, st, &failAfter{n: buf.Len() / 2}, nil)
	if !errors.Is(err, errDiskFull) || n >= articles {
		t.Errorf("JSONL to a failing writer = %d, %v; want fewer than %d and %v", n, err, articles, errDiskFull)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := JSONL(cctx, st, io.Discard, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("JSONL with its context cancelled = %v", err)
	}
}

// The export reads each version's sentence edits as stored with it, and
// computes them where none are stored (a store from before they were) or
// what is stored does not fit: the lines are the same byte for byte.
func TestJSONL_StoredEditsAreTheComputedOnes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "errata.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seed(t, st, "https://planet.example/mayor",
		"The mayor resigned. The council met. Dr. Smith spoke at 3.5 p.m. on the motion.",
		"The mayor resigned on Tuesday. The council met. A vote follows.\n\nDr. Smith spoke.",
		"The council met. The mayor resigned on Tuesday. A vote follows.\n\nDr. Smith spoke.",
		"Rewritten entirely: a new story now.")
	seed(t, st, "https://planet.example/once", "Only one version.")
	export := func() string {
		var buf bytes.Buffer
		if _, err := JSONL(ctx, st, &buf, nil); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	stored := export()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM versions WHERE length(edits) > 0`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d versions with edits stored (%v), want 3", n, err)
	}
	// Versions are append-only; a store altered behind errata's back is
	// what the fallback is for.
	if _, err := db.Exec(`DROP TRIGGER versions_no_update`); err != nil {
		t.Fatal(err)
	}
	for _, set := range []string{`CASE WHEN length(edits) > 1 THEN substr(edits, 1, length(edits) - 1) ELSE edits END`, `x'01020304'`,
		`coalesce((SELECT v2.edits FROM versions v2 WHERE v2.id = versions.id - 1), x'')`, `x''`} {
		if _, err := db.Exec(`UPDATE versions SET edits = ` + set); err != nil {
			t.Fatal(err)
		}
		if got := export(); got != stored {
			t.Errorf("edits set to %s: lines differ:\n%s\nwant\n%s", set, got, stored)
		}
	}
}
