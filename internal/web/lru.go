package web

import (
	"container/list"
	"sync"
)

// lru is a least-recently-used set of computed values (diffs, cards)
// bounded by entries and by the bytes size says each value holds. The
// values it hands out are shared: callers only read them.
type lru[K comparable, V any] struct {
	mu         sync.Mutex
	order      *list.List // of *lruEntry, most recently used first
	byKey      map[K]*list.Element
	bytes      int
	maxBytes   int
	maxEntries int
	size       func(V) int
}

type lruEntry[K comparable, V any] struct {
	key  K
	val  V
	size int
}

func newLRU[K comparable, V any](maxBytes, maxEntries int, size func(V) int) *lru[K, V] {
	return &lru[K, V]{order: list.New(), byKey: map[K]*list.Element{}, maxBytes: maxBytes, maxEntries: maxEntries, size: size}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*lruEntry[K, V]).val, true
}

// put keeps v under k, dropping the least recently used values until both
// bounds hold. A value larger than the whole cache is not kept.
func (c *lru[K, V]) put(k K, v V) {
	size := c.size(v)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.remove(e)
	}
	c.byKey[k] = c.order.PushFront(&lruEntry[K, V]{key: k, val: v, size: size})
	c.bytes += size
	for c.bytes > c.maxBytes || c.order.Len() > c.maxEntries {
		c.remove(c.order.Back())
	}
}

func (c *lru[K, V]) remove(e *list.Element) {
	d := c.order.Remove(e).(*lruEntry[K, V])
	delete(c.byKey, d.key)
	c.bytes -= d.size
}
