package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/warc"
	"golang.org/x/sync/errgroup"
)

// capturePage is how many captures (headers only) one store query reads
// while writing a WARC. The records of a page's captures are built on
// every core, at most one capture per core at a time, and written in
// order.
const capturePage = 200

// MetadataType is the Content-Type of the metadata record errata writes for
// each version, which import recognises.
const MetadataType = "application/json"

// WARCOptions says what a WARC export holds and how it names itself.
type WARCOptions struct {
	ArticleID int64     // only this article's captures and versions (0: all)
	Since     time.Time // only captures fetched at or after (zero: all)
	Software  string    // "errata/v1.2.3", for the warcinfo record
	Filename  string    // the archive's file name, when it has one
	Now       time.Time // the warcinfo record's date
	// Request is the header errata's requests carry (fetch.RequestHeader),
	// recorded in each request record.
	Request http.Header
	// Snapshot, when set, is the evidence log's checkpoint the archive is
	// taken at: it is written as a metadata record (CheckpointType) about
	// the warcinfo record, and only the captures and versions its tree
	// covers are written.
	Snapshot *Snapshot
}

// CheckpointType is the Content-Type of the metadata record holding the
// signed checkpoint of the evidence log an archive was taken at, and
// CheckpointURI its WARC-Target-URI.
const (
	CheckpointType = "text/plain; charset=utf-8"
	CheckpointURI  = "urn:errata:log-checkpoint"
)

// WARCStats says what a WARC export wrote.
type WARCStats struct {
	Captures int
	Versions int
	Payload  int64 // bytes of the captured bodies written
	Bytes    int64 // compressed bytes written
}

// Metadata is the JSON block of the metadata record written for each
// version: errata's reading of the response it refers to. Its keys are a
// contract, like the JSONL export's.
type Metadata struct {
	ArticleURL  string   `json:"article_url"`
	Outlet      string   `json:"outlet"`
	Seq         int      `json:"seq"`
	FetchedAt   string   `json:"fetched_at"`
	Title       string   `json:"title"`
	Byline      string   `json:"byline"`
	Published   string   `json:"published"`
	Text        string   `json:"text"`
	Hash        string   `json:"hash"`
	CaptureHash string   `json:"capture_hash"`
	Classes     []string `json:"classes"`
	Added       int      `json:"added"`
	Removed     int      `json:"removed"`
	Extractor   string   `json:"extractor"`
	// LogLeaf is the version's leaf in the evidence log, null without one.
	LogLeaf *int64 `json:"log_leaf"`
}

// WARC writes the store's captures as a WARC/1.1 archive: a warcinfo
// record, then for each capture in the order fetched a response record
// (the original status, headers and decoded body), the request record
// concurrent to it and one metadata record per version made from it. It
// holds one page of capture headers at a time, and one body per core.
func WARC(ctx context.Context, st *store.Store, w io.Writer, opt WARCOptions) (WARCStats, error) {
	ww := warc.NewWriter(w)
	var stats WARCStats
	if err := writeInfo(ctx, st, ww, opt); err != nil {
		return stats, err
	}
	x := &warcExport{st: st, opt: opt, outlets: &outletNames{st: st, names: map[int64]string{}}}
	q := store.CaptureQuery{Since: opt.Since, ArticleID: opt.ArticleID, Limit: capturePage}
	for {
		page, err := st.CapturePage(ctx, q)
		if err != nil {
			return stats, err
		}
		if len(page) == 0 {
			break
		}
		if err := x.page(ctx, ww, page, &stats); err != nil {
			return stats, err
		}
		last := page[len(page)-1]
		q.AfterTime, q.AfterHash = last.FetchedAt, last.Hash
	}
	stats.Bytes = ww.Written()
	return stats, nil
}

// page builds the records of a page of captures on every core and writes
// them in the page's order. A capture's records are written once those
// of every capture before it are, so a core is never idle for long and
// at most one built capture per core waits in memory.
func (x *warcExport) page(ctx context.Context, ww *warc.Writer, page []model.Capture, stats *WARCStats) error {
	type built struct {
		b        *warc.Batch
		versions int
		skipped  bool
	}
	ready := make([]chan built, len(page))
	for i := range ready {
		ready[i] = make(chan built, 1)
	}
	g, gctx := errgroup.WithContext(ctx)
	workers := runtime.GOMAXPROCS(0)
	slots := make(chan struct{}, workers)
	g.Go(func() error {
		for i, c := range page {
			select {
			case slots <- struct{}{}:
			case <-gctx.Done():
				return gctx.Err()
			}
			g.Go(func() error {
				var out built
				var err error
				out.b = batches.Get().(*warc.Batch)
				out.versions, out.skipped, err = x.capture(gctx, out.b, c)
				if err != nil {
					return err
				}
				ready[i] <- out
				return nil
			})
		}
		return nil
	})
	g.Go(func() error {
		for i, c := range page {
			var out built
			select {
			case out = <-ready[i]:
			case <-gctx.Done():
				return gctx.Err()
			}
			<-slots
			err := ww.WriteBatch(out.b) // an empty batch when skipped
			batches.Put(out.b)
			if err != nil {
				return exportErr(err)
			}
			if out.skipped {
				continue
			}
			stats.Captures++
			stats.Payload += c.Size
			stats.Versions += out.versions
		}
		return nil
	})
	return g.Wait()
}

func writeInfo(ctx context.Context, st *store.Store, ww *warc.Writer, opt WARCOptions) error {
	in, err := st.Instance(ctx)
	if err != nil {
		return err
	}
	infoID, err := ww.Info(opt.Now, opt.Filename, [][2]string{
		{"software", opt.Software},
		{"format", "WARC File Format 1.1"},
		{"conformsTo", "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
		{"description", "captures recorded by errata, each with the versions of an article read from it (metadata records, application/json)"},
		{"errata-instance", in.ID},
	})
	if err != nil || opt.Snapshot == nil {
		return exportErr(err)
	}
	_, err = ww.Metadata(CheckpointURI, opt.Now, infoID, CheckpointType, opt.Snapshot.Note)
	return exportErr(err)
}

// batches are reused from capture to capture: each holds a compressor
// whose allocation cost as much as compressing a page.
var batches = sync.Pool{New: func() any { return warc.NewBatch() }}

type warcExport struct {
	st      *store.Store
	opt     WARCOptions
	outlets *outletNames
}

// capture builds one capture's records into b and returns how many
// versions it carried; skipped is true for a capture the snapshot does
// not cover, which has no records.
func (x *warcExport) capture(ctx context.Context, b *warc.Batch, c model.Capture) (n int, skipped bool, err error) {
	if x.opt.Snapshot != nil {
		leaf, err := x.st.CaptureLeaf(ctx, c.Hash)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return 0, false, err
		}
		if !x.opt.Snapshot.covers(leaf, err == nil) {
			return 0, true, nil
		}
	}
	n, err = x.records(ctx, b, c)
	return n, false, err
}

func (x *warcExport) records(ctx context.Context, b *warc.Batch, c model.Capture) (int, error) {
	body, err := x.st.CaptureContent(ctx, c.Hash)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	respID, err := b.Response(warc.Response{URL: c.URL, Date: c.FetchedAt, Status: c.Status, Header: c.Header, Body: body})
	if err != nil {
		return 0, exportErr(err)
	}
	req := warc.Request{URL: c.URL, Date: c.FetchedAt, Method: http.MethodGet, Header: x.opt.Request}
	if _, err := b.Request(req, respID); err != nil {
		return 0, exportErr(err)
	}
	vs, err := x.st.CaptureVersions(ctx, c.Hash)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, v := range vs {
		if x.opt.ArticleID != 0 && v.ArticleID != x.opt.ArticleID {
			continue
		}
		leaf, err := x.st.VersionLeaf(ctx, v.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return n, err
		}
		if !x.opt.Snapshot.covers(leaf, err == nil) {
			continue
		}
		if err != nil {
			leaf = -1
		}
		if err := x.metadata(ctx, b, c, v, leaf, respID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (x *warcExport) metadata(ctx context.Context, b *warc.Batch, c model.Capture, v model.Version, leaf int64, respID string) error {
	url, outlet, err := x.articleOf(ctx, v.ArticleID)
	if err != nil {
		return err
	}
	classes := v.Classes
	if classes == nil {
		classes = []string{}
	}
	block, err := json.Marshal(Metadata{
		ArticleURL: url, Outlet: outlet, Seq: v.Seq, FetchedAt: rfc3339Nano(v.FetchedAt),
		Title: v.Title, Byline: v.Byline, Published: rfc3339Nano(v.Published), Text: v.Text,
		Hash: v.Hash, CaptureHash: v.CaptureHash, Classes: classes, Added: v.Added, Removed: v.Removed,
		Extractor: v.Extractor, LogLeaf: leafRef(leaf),
	})
	if err != nil {
		return exportErr(err)
	}
	_, err = b.Metadata(c.URL, v.FetchedAt, respID, MetadataType, block)
	return exportErr(err)
}

// articleOf returns an article's URL and its outlet's name.
func (x *warcExport) articleOf(ctx context.Context, id int64) (string, string, error) {
	a, err := x.st.Article(ctx, id)
	if err != nil {
		return "", "", err
	}
	name, err := x.outlets.name(ctx, a.OutletID)
	return a.URL, name, err
}

// rfc3339Nano keeps a time to the nanosecond, so an import gives back the
// very time stored; "" for an unknown time.
func rfc3339Nano(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func exportErr(err error) error {
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
