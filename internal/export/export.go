// Package export writes what the store holds in formats other programs
// read. It only reads the store.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

// pageSize is how many articles one store query reads while exporting;
// their records are read in one call (store.ArticleRecords takes at most
// store.MaxPage).
const pageSize = store.MaxPage

// Article is one line of the JSONL export; its keys are a contract that
// scripts outside errata depend on.
type Article struct {
	ID          int64  `json:"id"` // the article's id in errata's pages and API
	URL         string `json:"url"`
	Outlet      string `json:"outlet"`
	FirstSeen   string `json:"first_seen"`
	LastChecked string `json:"last_checked"`
	State       string `json:"state"` // active, stopped or gone
	Checks      int    `json:"checks"`
	// CheckOutcomes counts the checks by outcome (see model.Outcome), so
	// refused differences and errors are part of the record.
	CheckOutcomes map[string]int `json:"check_outcomes"`
	Versions      []Version      `json:"versions"`
	Events        []Event        `json:"events"`
	// Story is the id of the article's story, Wire of its group of copies
	// of one text (both null when none); WireOrigin marks the copy taken
	// as the group's origin.
	Story      *int64 `json:"story"`
	Wire       *int64 `json:"wire"`
	WireOrigin bool   `json:"wire_origin"`
}

// Event is one lifecycle event in the JSONL export, oldest first: "gone",
// "back", "moved" (old_url, new_url) or "flip_flop" (seq: the version
// served again).
type Event struct {
	Event  string `json:"event"`
	At     string `json:"at"`
	Status int    `json:"status,omitempty"`
	Seq    *int   `json:"seq,omitempty"`
	OldURL string `json:"old_url,omitempty"`
	NewURL string `json:"new_url,omitempty"`
}

// Version is one version in the JSONL export, oldest first, seq from 0.
type Version struct {
	Seq       int    `json:"seq"`
	FetchedAt string `json:"fetched_at"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	// Modified is when the page said it was last changed ("" when it
	// did not say).
	Modified string `json:"modified"`
	Text     string `json:"text"`
	Hash     string `json:"hash"`
	// CaptureHash is the SHA-256 of the page the version was read from
	// (/captures/HASH); Extractor names the extraction that read it.
	CaptureHash string `json:"capture_hash"`
	Extractor   string `json:"extractor"`
	// Classes, Added and Removed describe the change from the previous
	// version (classes empty and counts 0 for the first).
	Classes []string `json:"classes"`
	Added   int      `json:"added"`
	Removed int      `json:"removed"`
	// Edits are the sentence edits from the previous version's text to
	// this one's, [] when the text did not change; the first version has
	// no previous one and no "edits" key.
	Edits []Edit `json:"edits,omitzero"`
	// LogLeaf is the index of the evidence log's leaf recording the
	// version (null for a store without a log), provable against the
	// checkpoint the export was taken at.
	LogLeaf *int64 `json:"log_leaf"`
}

// Edit is one sentence edit (see diff.SentenceEdit); Old and New index the
// sentences of the previous and of this version's text, null when the
// sentence is absent there.
type Edit struct {
	Action  string `json:"action"` // added, deleted, edited or moved
	Old     *int   `json:"old"`
	New     *int   `json:"new"`
	OldText string `json:"old_text"`
	NewText string `json:"new_text"`
}

// JSONL writes one article a line, in the order articles were first seen,
// with the versions snap covers (all of them when snap is nil); an article
// whose every version came after snap's checkpoint is left out. It
// returns how many articles it wrote. Lines are safe to print to a
// terminal (see termsafe.JSON): the characters a terminal acts on are
// escaped, which leaves every value the same, so a file gets the bytes
// standard output gets.
//
// Lines are made on every core, a chunk of articles at a time (its
// records read in a few statements, each version compared with the one
// before, the lines encoded), and written in order. Chunks flow across
// pages, so no core waits for the slowest chunk of a page; at most a few
// chunks a core are held at once.
func JSONL(ctx context.Context, st *store.Store, w io.Writer, snap *Snapshot) (int, error) {
	bw := bufio.NewWriter(w)
	outlets := &outletNames{st: st, names: map[int64]string{}}
	free := make(chunkOuts, 3*runtime.GOMAXPROCS(0)) // as many as can be in flight
	n := 0
	err := inOrder(ctx, st, func(ctx context.Context, arts []model.Article) (*chunkOut, error) {
		out := free.get()
		return out, chunkLines(ctx, st, arts, outlets, snap, out)
	}, func(out *chunkOut) error {
		_, err := bw.Write(out.buf.Bytes())
		n += out.lines
		free.put(out)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	})
	if err == nil {
		if err = bw.Flush(); err != nil {
			err = fmt.Errorf("export: %w", err)
		}
	}
	return n, err
}

// inOrder reads every article a chunk at a time, in the order first seen,
// makes something of each chunk with build on every core (its records read
// in a few statements, each version compared with the one before, lines
// or rows made), and hands the results to write one at a time, in order.
// Chunks flow across pages, so no core waits for the slowest chunk of a
// page, and at most a few chunks a core are held at once. The first error
// of build or write stops the rest and is returned.
func inOrder[T any](ctx context.Context, st *store.Store, build func(context.Context, []model.Article) (T, error), write func(T) error) error {
	procs := runtime.GOMAXPROCS(0)
	type chunk struct {
		arts []model.Article
		done chan T // its result, once made; closed on failure
	}
	order := make(chan chunk, 2*procs) // chunks in the order to write them
	work := make(chan chunk)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(order)
		defer close(work)
		return eachPage(gctx, st, func(arts []model.Article) error {
			for lo := 0; lo < len(arts); lo += recordChunk {
				c := chunk{arts: arts[lo:min(lo+recordChunk, len(arts))], done: make(chan T, 1)}
				for _, ch := range []chan chunk{order, work} {
					select {
					case ch <- c:
					case <-gctx.Done():
						return gctx.Err()
					}
				}
			}
			return nil
		})
	})
	for range procs {
		g.Go(func() error {
			for c := range work {
				out, err := build(gctx, c.arts)
				if err != nil {
					close(c.done)
					return err
				}
				c.done <- out
			}
			return nil
		})
	}
	for c := range order {
		var out T
		var ok bool
		select {
		case out, ok = <-c.done:
		case <-gctx.Done():
		}
		if !ok {
			break // a chunk failed: g.Wait has the error
		}
		if err := write(out); err != nil {
			// Stop the readers: nothing more will be written.
			g.Go(func() error { return err })
			for range order {
			}
			_ = g.Wait()
			return err
		}
	}
	return g.Wait()
}

// chunkOut holds the encoded lines of a chunk of articles. An export
// reuses them from a free list of its own: a chunk's lines are hundreds
// of kilobytes, and with a buffer grown anew for each line the export
// allocated more than its output again. (A sync.Pool loses its items at
// every collection, which an export makes many of.)
type chunkOut struct {
	buf   bytes.Buffer
	enc   *json.Encoder
	lines int
}

// chunkOuts is a free list of chunkOut.
type chunkOuts chan *chunkOut

func (f chunkOuts) get() *chunkOut {
	select {
	case out := <-f:
		return out
	default:
	}
	out := &chunkOut{}
	out.enc = json.NewEncoder(&out.buf)
	out.enc.SetEscapeHTML(false)
	return out
}

// put empties out and keeps it for reuse, if there is room.
func (f chunkOuts) put(out *chunkOut) {
	out.buf.Reset()
	out.lines = 0
	select {
	case f <- out:
	default:
	}
}

// outletNames reads each outlet's name once, for lines made concurrently.
type outletNames struct {
	st    *store.Store
	mu    sync.Mutex
	names map[int64]string
}

func (o *outletNames) name(ctx context.Context, id int64) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if name, ok := o.names[id]; ok {
		return name, nil
	}
	out, err := o.st.Outlet(ctx, id)
	if err != nil {
		return "", err
	}
	o.names[id] = out.Name
	return out.Name, nil
}

// recordChunk is how many articles' records one read takes: a page of
// articles is read in a few chunks, so every core has some to work on.
const recordChunk = 50

// pageRecords reads the records of arts (at most a page) in a few
// statements.
func pageRecords(ctx context.Context, st *store.Store, arts []model.Article) (map[int64]*store.ArticleRecord, error) {
	ids := make([]int64, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	return st.ArticleRecords(ctx, ids)
}

// chunkLines encodes the lines of arts into out, leaving out an article
// recorded after the snapshot.
func chunkLines(ctx context.Context, st *store.Store, arts []model.Article, outlets *outletNames, snap *Snapshot, out *chunkOut) error {
	recs, err := pageRecords(ctx, st, arts)
	if err != nil {
		return err
	}
	for _, a := range arts {
		line, later, err := articleLine(ctx, a, recs[a.ID], outlets, snap)
		if err != nil {
			return err
		}
		if later {
			continue
		}
		start := out.buf.Len()
		if err := out.enc.Encode(line); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if b := out.buf.Bytes()[start:]; !termsafe.JSONSafe(b) {
			safe := termsafe.JSON(b)
			out.buf.Truncate(start)
			out.buf.Write(safe)
		}
		out.lines++
	}
	return nil
}

func articleLine(ctx context.Context, a model.Article, rec *store.ArticleRecord, outlets *outletNames, snap *Snapshot) (Article, bool, error) {
	vs, leaves, later := snap.keep(rec.Versions, rec.Leaves)
	if later {
		return Article{}, true, nil
	}
	name, err := outlets.name(ctx, a.OutletID)
	if err != nil {
		return Article{}, false, err
	}
	checks, byOutcome := 0, make(map[string]int, len(rec.Outcomes))
	for o, n := range rec.Outcomes {
		checks += n
		byOutcome[string(o)] = n
	}
	line := Article{ID: a.ID, URL: a.URL, Outlet: name, FirstSeen: rfc3339(a.FirstSeen), LastChecked: rfc3339(a.LastChecked),
		State: string(a.State), Checks: checks, CheckOutcomes: byOutcome,
		Versions: make([]Version, 0, len(vs)), Events: make([]Event, 0, len(rec.Events))}
	for _, e := range rec.Events {
		line.Events = append(line.Events, exportEvent(e))
	}
	if rec.Story != 0 {
		line.Story = &rec.Story
	}
	if rec.Wire != 0 {
		line.Wire = &rec.Wire
	}
	line.WireOrigin = rec.WireOrigin
	var split sentences
	for i, v := range vs {
		ev := Version{
			Seq: v.Seq, FetchedAt: rfc3339(v.FetchedAt), Title: v.Title, Byline: v.Byline,
			Published: rfc3339(v.Published), Modified: rfc3339(v.Modified), Text: v.Text, Hash: v.Hash,
			CaptureHash: v.CaptureHash, Extractor: v.Extractor, Classes: v.Classes, Added: v.Added, Removed: v.Removed,
			LogLeaf: leafRef(leaves[i]),
		}
		if ev.Classes == nil {
			ev.Classes = []string{}
		}
		if i > 0 {
			ev.Edits = edits(versionEdits(rec, vs[i-1], v, &split))
		}
		line.Versions = append(line.Versions, ev)
	}
	return line, false, nil
}

// versionEdits returns the sentence edits from version prev to v: those
// stored with v when they are from prev and fit both texts, else computed
// (an older store's versions, or a text the store could not pack), each
// text split once.
func versionEdits(rec *store.ArticleRecord, prev, v model.Version, split *sentences) []diff.SentenceEdit {
	if es, ok := store.VersionEdits(rec.Edits[v.ID], prev.ID, prev.Text, v.Text); ok {
		return es
	}
	return diff.EditSentences(split.of(prev), split.of(v))
}

// sentences keeps the sentences of the last two versions it split, so
// that comparing each version with the one before splits each text once.
type sentences struct {
	ids   [2]int64
	sents [2][]string
	n     int
}

func (s *sentences) of(v model.Version) []string {
	for k := range s.sents {
		if s.sents[k] != nil && s.ids[k] == v.ID {
			return s.sents[k]
		}
	}
	k := s.n % len(s.sents)
	s.n++
	s.ids[k], s.sents[k] = v.ID, diff.Sentences(v.Text)
	return s.sents[k]
}

// edits lists sentence edits for JSON, never nil.
func edits(es []diff.SentenceEdit) []Edit {
	out := make([]Edit, len(es))
	indexes := make([]int, 0, 2*len(es)) // what Old and New point to, in one allocation
	index := func(i int) *int {
		if i < 0 {
			return nil
		}
		indexes = append(indexes, i)
		return &indexes[len(indexes)-1]
	}
	for k, e := range es {
		out[k] = Edit{Action: string(e.Action), Old: index(e.Old), New: index(e.New), OldText: e.OldText, NewText: e.NewText}
	}
	return out
}

func exportEvent(e model.Event) Event {
	out := Event{Event: string(e.Kind), At: rfc3339(e.At), Status: e.Status, OldURL: e.OldURL, NewURL: e.NewURL}
	if e.Seq >= 0 {
		seq := e.Seq
		out.Seq = &seq
	}
	return out
}

// eachPage reads every article a page at a time, in the order first seen,
// and hands each page to fn; memory stays bounded by one page.
func eachPage(ctx context.Context, st *store.Store, fn func([]model.Article) error) error {
	for after := int64(0); ; {
		arts, err := st.Articles(ctx, after, pageSize)
		if err != nil || len(arts) == 0 {
			return err
		}
		if err := fn(arts); err != nil {
			return err
		}
		after = arts[len(arts)-1].ID
	}
}

// rfc3339 formats a time in UTC, or "" for an unknown time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
