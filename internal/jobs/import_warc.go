package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/warc"
)

// Reasons ImportWARC counts a record or a version it did not take.
const (
	SkipBadDigest   = "wrong digest"
	SkipTooLarge    = "too large"
	SkipNotHTTP     = "not an HTTP response"
	SkipNotHTML     = "not an HTML page"
	SkipNotOK       = "HTTP status not 2xx"
	SkipUndecodable = "body cannot be decoded"
	SkipNoText      = "no article text"
	SkipBadMetadata = "unreadable metadata"
	SkipHashDiffers = "text does not match its hash"
	SkipSeqTaken    = "version number holds another text"
)

// SkipReasons lists every reason, in the order reports give them.
var SkipReasons = []string{SkipBadDigest, SkipTooLarge, SkipNotHTTP, SkipNotHTML, SkipNotOK,
	SkipUndecodable, SkipNoText, SkipBadMetadata, SkipHashDiffers, SkipSeqTaken}

// WARCImported tells what ImportWARC did.
type WARCImported struct {
	Records  int            // records read
	Captures int            // captures new to the store
	Versions int            // versions new to the store
	Skipped  map[string]int // reason → records or versions not taken
}

func (r *WARCImported) skip(reason string) { r.Skipped[reason]++ }

// response is what import keeps of one response record while reading the
// rest of the archive: its capture is already stored.
type response struct {
	url      string
	date     time.Time
	hash     string
	ctype    string
	metadata bool // errata's metadata record named it
}

// ImportWARC reads a WARC archive, errata's own or a crawler's. Each
// response record of an HTML page becomes a capture. A version errata's
// metadata record describes is recreated as it was (URL, number, title,
// byline, text); the pages no metadata record describes are read with
// errata's extraction, and each URL's consecutive distinct texts become
// its versions in WARC-Date order. Articles join the outlet of their host,
// as add does. Importing the same archive again adds nothing.
//
// Records the archive survives (a wrong digest, too large, not HTTP) are
// skipped and counted; an archive that cannot be read further (truncated)
// stops the import with an error, keeping everything imported before it.
func (e *Engine) ImportWARC(ctx context.Context, r io.Reader) (WARCImported, error) {
	res := WARCImported{Skipped: map[string]int{}}
	var order []*response
	byID := map[string]*response{}
	rd := warc.NewReader(r, 0)
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		res.Records++
		var skip *warc.SkipError
		if errors.As(err, &skip) {
			res.skip(warcSkipReason(skip))
			continue
		}
		if err != nil {
			return res, err
		}
		switch rec.Type {
		case "response":
			resp, err := e.importResponse(ctx, rec, &res)
			if err != nil {
				return res, err
			}
			if resp != nil {
				order = append(order, resp)
				byID[rec.ID] = resp
			}
		case "metadata":
			if err := e.importMetadata(ctx, rec, byID[rec.RefersTo], &res); err != nil {
				return res, err
			}
		}
	}
	return res, e.extractUndescribed(ctx, order, &res)
}

func warcSkipReason(s *warc.SkipError) string {
	switch {
	case errors.Is(s, warc.ErrBadDigest):
		return SkipBadDigest
	case errors.Is(s, warc.ErrTooLarge):
		return SkipTooLarge
	}
	return SkipNotHTTP
}

// importResponse keeps an HTML page's response as a capture; nil for a
// record that is not one.
func (e *Engine) importResponse(ctx context.Context, rec warc.Record, res *WARCImported) (*response, error) {
	ctype := http.Header(rec.Header).Get("Content-Type")
	if !isHTML(ctype) {
		res.skip(SkipNotHTML)
		return nil, nil
	}
	if rec.Status < 200 || rec.Status > 299 {
		res.skip(SkipNotOK)
		return nil, nil
	}
	body := rec.Body
	if rec.Encoded {
		// Kept as it travelled: decoded as errata decodes what it fetches.
		var err error
		if body, err = fetch.Decode(http.Header(rec.Header).Get("Content-Encoding"), body, archive.MaxBlobSize); err != nil {
			res.skip(SkipUndecodable)
			return nil, nil
		}
	}
	hash, blob, err := archive.Pack(body)
	if err != nil {
		res.skip(SkipTooLarge)
		return nil, nil
	}
	added, err := e.Store.AddCapture(ctx, model.Capture{
		Hash: hash, URL: rec.TargetURI, Status: rec.Status, Header: rec.Header,
		FetchedAt: rec.Date.UTC(), Size: int64(len(body)), Body: blob,
	})
	if err != nil {
		return nil, err
	}
	if added {
		res.Captures++
	}
	return &response{url: rec.TargetURI, date: rec.Date.UTC(), hash: hash, ctype: ctype}, nil
}

// isHTML accepts the media types pages are served as; a response without
// one is taken as a page, as browsers sniff it.
func isHTML(ctype string) bool {
	if strings.TrimSpace(ctype) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ctype)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// importMetadata recreates the version errata's metadata record describes,
// from the response record it refers to.
func (e *Engine) importMetadata(ctx context.Context, rec warc.Record, resp *response, res *WARCImported) error {
	mt, _, _ := mime.ParseMediaType(rec.ContentType)
	if resp == nil || mt != export.MetadataType {
		return nil // another tool's metadata, or about a record not taken
	}
	var m export.Metadata
	if err := json.Unmarshal(rec.Body, &m); err != nil || m.ArticleURL == "" {
		res.skip(SkipBadMetadata)
		return nil
	}
	resp.metadata = true
	if revise.Hash(m.Title, m.Byline, m.Text) != m.Hash {
		res.skip(SkipHashDiffers)
		return nil
	}
	fetched, _ := time.Parse(time.RFC3339Nano, m.FetchedAt)
	published, _ := time.Parse(time.RFC3339Nano, m.Published)
	a, err := e.importArticle(ctx, m.ArticleURL, m.Outlet, fetched)
	if err != nil {
		return err
	}
	return e.importVersion(ctx, model.Version{
		ArticleID: a.ID, Seq: m.Seq, FetchedAt: fetched, Title: m.Title, Byline: m.Byline,
		Published: published, Text: m.Text, Hash: m.Hash, CaptureHash: resp.hash,
		Extractor: m.Extractor, Classes: m.Classes, Added: m.Added, Removed: m.Removed,
	}, res)
}

// importArticle finds or starts the article at url, under its host's
// outlet (named outlet when new); first is when it was first seen.
func (e *Engine) importArticle(ctx context.Context, url, outlet string, first time.Time) (model.Article, error) {
	if a, err := e.Store.ArticleByURL(ctx, url); err == nil {
		return a, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return model.Article{}, err
	}
	o, err := e.outletFor(ctx, "", outlet, hostOf(url))
	if err != nil {
		return model.Article{}, err
	}
	if first.IsZero() {
		first = e.now()
	}
	a, _, err := e.Store.AddArticle(ctx, model.Article{
		OutletID: o.ID, URL: url, FirstSeen: first, NextCheck: e.now(), State: model.StateActive,
	})
	return a, err
}

func (e *Engine) importVersion(ctx context.Context, v model.Version, res *WARCImported) error {
	added, err := e.Store.ImportVersion(ctx, v)
	switch {
	case errors.Is(err, store.ErrDuplicateVersion):
		res.skip(SkipSeqTaken)
		return nil
	case err != nil:
		return fmt.Errorf("jobs: import %s: %w", v.Title, err)
	case added:
		res.Versions++
	}
	return nil
}
