package jobs

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/model"
)

// latestRead is the latest version as today's extractor reads its
// capture.
type latestRead struct {
	version model.Version
	blocks  []model.Block
	reading extract.Reading // whose body was taken (ReadingOther without a capture)
	either  bool            // the other extractor's body would have done as well
}

// latestAgain re-reads the latest version's capture with the current
// extractor and rules, so that a better extractor, a new rule or newly
// learned furniture is never mistaken for an edit by the outlet. prefer is
// the reading to take where either would do (extract.Options.Prefer). The
// stored version is not touched. Without a readable capture the stored
// text stands in, without places.
func (e *Engine) latestAgain(ctx context.Context, a *model.Article, last model.Version, prefer extract.Reading) latestRead {
	stored := latestRead{version: last, blocks: furniture.Split(last.Text)}
	if last.CaptureHash == "" {
		return stored
	}
	o, err := e.outlet(ctx, a.OutletID)
	if err != nil {
		return stored
	}
	key := rereadKey{capture: last.CaptureHash, url: a.URL, rules: fmt.Sprint(o.Rules), prefer: prefer}
	if r, ok := e.rereads.get(key); ok {
		last.Title, last.Byline = r.title, r.byline
		return latestRead{version: last, blocks: r.blocks, reading: r.reading, either: r.either}
	}
	r, ok := e.reread(ctx, a, last, prefer)
	if !ok {
		return stored
	}
	e.rereads.put(key, reread{title: r.version.Title, byline: r.version.Byline, blocks: r.blocksOf(), reading: r.art.Reading, either: r.art.Either})
	last.Title, last.Byline = r.version.Title, r.version.Byline
	return latestRead{version: last, blocks: r.blocksOf(), reading: r.art.Reading, either: r.art.Either}
}

// reread extracts the latest version's capture again.
func (e *Engine) reread(ctx context.Context, a *model.Article, last model.Version, prefer extract.Reading) (*read, bool) {
	capt, err := e.Store.Capture(ctx, last.CaptureHash)
	if err != nil {
		e.Log.Warn("re-extract: capture missing", "url", a.URL, "err", err)
		return nil, false
	}
	body, err := e.Store.CaptureContent(ctx, last.CaptureHash)
	if err != nil {
		e.Log.Warn("re-extract: capture unreadable", "url", a.URL, "err", err)
		return nil, false
	}
	r, err := e.read(ctx, a.URL, a.OutletID, body, http.Header(capt.Header).Get("Content-Type"), prefer)
	return r, err == nil
}

// rereadCacheSize bounds the re-extractions kept: a churning page is
// compared with its latest capture on every check and again at its
// confirmation, and re-reading a large page costs as much as the check.
const rereadCacheSize = 512

type rereadKey struct {
	capture, url, rules string
	prefer              extract.Reading
}

type reread struct {
	title, byline string
	blocks        []model.Block
	reading       extract.Reading
	either        bool
}

// rereadCache keeps recent re-extractions of latest captures; it is
// emptied when full, which is simpler than an LRU and as good for a
// working set that moves slowly.
type rereadCache struct {
	mu sync.Mutex
	m  map[rereadKey]reread
}

func (c *rereadCache) get(k rereadKey) (reread, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[k]
	return r, ok
}

func (c *rereadCache) put(k rereadKey, r reread) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= rereadCacheSize {
		c.m = make(map[rereadKey]reread)
	}
	c.m[k] = r
}
