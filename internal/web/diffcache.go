package web

import (
	"container/list"
	"sync"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// Versions are never rewritten, so the diff of two of them, in one view,
// never changes: computed diffs are kept, the most recently used first,
// within both bounds.
const (
	// diffCacheBytes bounds the text the kept diffs hold.
	diffCacheBytes = 64 << 20
	// diffCacheEntries bounds how many diffs are kept.
	diffCacheEntries = 1024
	// segmentOverhead is what one segment costs beyond its text.
	segmentOverhead = 40
)

// diffKey names one computed diff: the two versions and the view.
type diffKey struct {
	old, new int64 // version ids
	inline   bool
}

// diffBody is the part of a diff view computed from the versions' texts.
type diffBody struct {
	Title, Byline []diff.Segment // nil when equal
	Rows          []diff.Row
	Inline        [][]diff.Segment
	Cut           diff.Truncation
}

// computeDiff compares two versions for one view.
func computeDiff(old, nv model.Version, inline bool) diffBody {
	var b diffBody
	if old.Title != nv.Title {
		b.Title = diff.Words(old.Title, nv.Title)
	}
	if old.Byline != nv.Byline {
		b.Byline = diff.Words(old.Byline, nv.Byline)
	}
	if inline {
		b.Inline, b.Cut = diff.LimitParagraphs(diff.Paragraphs(diff.Words(old.Text, nv.Text)))
	} else {
		b.Rows, b.Cut = diff.SideBySide(old.Text, nv.Text)
	}
	return b
}

// size estimates the memory a body holds.
func (b diffBody) size() int {
	n := segmentsSize(b.Title) + segmentsSize(b.Byline)
	for _, r := range b.Rows {
		n += segmentsSize(r.Left) + segmentsSize(r.Right)
	}
	for _, p := range b.Inline {
		n += segmentsSize(p)
	}
	return n
}

func segmentsSize(segs []diff.Segment) int {
	n := 0
	for _, s := range segs {
		n += len(s.Text) + segmentOverhead
	}
	return n
}

// diffCache is a least-recently-used set of computed diffs. The bodies it
// hands out are shared: callers only read them.
type diffCache struct {
	mu         sync.Mutex
	order      *list.List // of *diffEntry, most recently used first
	byKey      map[diffKey]*list.Element
	bytes      int
	maxBytes   int
	maxEntries int
}

type diffEntry struct {
	key  diffKey
	body diffBody
	size int
}

func newDiffCache(maxBytes, maxEntries int) *diffCache {
	return &diffCache{order: list.New(), byKey: map[diffKey]*list.Element{}, maxBytes: maxBytes, maxEntries: maxEntries}
}

func (c *diffCache) get(k diffKey) (diffBody, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return diffBody{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*diffEntry).body, true
}

// put keeps b under k, dropping the least recently used diffs until both
// bounds hold. A diff larger than the whole cache is not kept.
func (c *diffCache) put(k diffKey, b diffBody) {
	size := b.size()
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.remove(e)
	}
	c.byKey[k] = c.order.PushFront(&diffEntry{key: k, body: b, size: size})
	c.bytes += size
	for c.bytes > c.maxBytes || c.order.Len() > c.maxEntries {
		c.remove(c.order.Back())
	}
}

func (c *diffCache) remove(e *list.Element) {
	d := c.order.Remove(e).(*diffEntry)
	delete(c.byKey, d.key)
	c.bytes -= d.size
}
