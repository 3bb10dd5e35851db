package jobs

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/model"
)

// latestAgain re-reads the latest version's capture with the current
// extractor and rules, so that a better extractor, a new rule or newly
// learned furniture is never mistaken for an edit by the outlet. The
// stored version is not touched. Without a readable capture the stored
// text stands in, without places.
func (e *Engine) latestAgain(ctx context.Context, a *model.Article, last model.Version) (model.Version, []model.Block) {
	if last.CaptureHash == "" {
		return last, furniture.Split(last.Text)
	}
	o, err := e.outlet(ctx, a.OutletID)
	if err != nil {
		return last, furniture.Split(last.Text)
	}
	key := rereadKey{capture: last.CaptureHash, url: a.URL, rules: fmt.Sprint(o.Rules)}
	if r, ok := e.rereads.get(key); ok {
		last.Title, last.Byline = r.title, r.byline
		return last, r.blocks
	}
	v, blocks := e.reread(ctx, a, last)
	e.rereads.put(key, reread{title: v.Title, byline: v.Byline, blocks: blocks})
	return v, blocks
}

// reread extracts the latest version's capture again.
func (e *Engine) reread(ctx context.Context, a *model.Article, last model.Version) (model.Version, []model.Block) {
	capt, err := e.Store.Capture(ctx, last.CaptureHash)
	if err != nil {
		e.Log.Warn("re-extract: capture missing", "url", a.URL, "err", err)
		return last, furniture.Split(last.Text)
	}
	blob, err := e.Store.CaptureBody(ctx, last.CaptureHash)
	if err != nil {
		return last, furniture.Split(last.Text)
	}
	body, err := archive.Unpack(last.CaptureHash, blob)
	if err != nil {
		e.Log.Warn("re-extract: capture unreadable", "url", a.URL, "err", err)
		return last, furniture.Split(last.Text)
	}
	r, err := e.read(ctx, a.URL, a.OutletID, body, http.Header(capt.Header).Get("Content-Type"))
	if err != nil {
		return last, furniture.Split(last.Text)
	}
	last.Title, last.Byline = r.version.Title, r.version.Byline
	return last, r.blocksOf()
}

// rereadCacheSize bounds the re-extractions kept: a churning page is
// compared with its latest capture on every check and again at its
// confirmation, and re-reading a large page costs as much as the check.
const rereadCacheSize = 512

type rereadKey struct{ capture, url, rules string }

type reread struct {
	title, byline string
	blocks        []model.Block
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
