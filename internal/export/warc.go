package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/warc"
)

// capturePage is how many captures (headers only) one store query reads
// while writing a WARC; bodies are read and written one at a time.
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
// holds one page of capture headers and one body at a time.
func WARC(ctx context.Context, st *store.Store, w io.Writer, opt WARCOptions) (WARCStats, error) {
	ww := warc.NewWriter(w)
	var stats WARCStats
	if err := writeInfo(ctx, st, ww, opt); err != nil {
		return stats, err
	}
	x := &warcExport{st: st, w: ww, opt: opt, outlets: map[int64]string{}}
	q := store.CaptureQuery{Since: opt.Since, ArticleID: opt.ArticleID, Limit: capturePage}
	for {
		page, err := st.CapturePage(ctx, q)
		if err != nil {
			return stats, err
		}
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			if opt.Snapshot != nil {
				leaf, err := st.CaptureLeaf(ctx, c.Hash)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					return stats, err
				}
				if !opt.Snapshot.covers(leaf, err == nil) {
					continue
				}
			}
			n, err := x.capture(ctx, c)
			if err != nil {
				return stats, err
			}
			stats.Captures++
			stats.Payload += c.Size
			stats.Versions += n
		}
		last := page[len(page)-1]
		q.AfterTime, q.AfterHash = last.FetchedAt, last.Hash
	}
	stats.Bytes = ww.Written()
	return stats, nil
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

type warcExport struct {
	st      *store.Store
	w       *warc.Writer
	opt     WARCOptions
	outlets map[int64]string
}

// capture writes one capture's records and returns how many versions it
// carried.
func (x *warcExport) capture(ctx context.Context, c model.Capture) (int, error) {
	body, err := x.st.CaptureContent(ctx, c.Hash)
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	respID, err := x.w.Response(warc.Response{URL: c.URL, Date: c.FetchedAt, Status: c.Status, Header: c.Header, Body: body})
	if err != nil {
		return 0, exportErr(err)
	}
	req := warc.Request{URL: c.URL, Date: c.FetchedAt, Method: http.MethodGet, Header: x.opt.Request}
	if _, err := x.w.Request(req, respID); err != nil {
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
		if err := x.metadata(ctx, c, v, leaf, respID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (x *warcExport) metadata(ctx context.Context, c model.Capture, v model.Version, leaf int64, respID string) error {
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
	_, err = x.w.Metadata(c.URL, v.FetchedAt, respID, MetadataType, block)
	return exportErr(err)
}

// articleOf returns an article's URL and its outlet's name.
func (x *warcExport) articleOf(ctx context.Context, id int64) (string, string, error) {
	a, err := x.st.Article(ctx, id)
	if err != nil {
		return "", "", err
	}
	name, ok := x.outlets[a.OutletID]
	if !ok {
		o, err := x.st.Outlet(ctx, a.OutletID)
		if err != nil {
			return "", "", err
		}
		name = o.Name
		x.outlets[a.OutletID] = name
	}
	return a.URL, name, nil
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
