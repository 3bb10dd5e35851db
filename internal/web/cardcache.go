package web

import (
	"github.com/errata/errata/internal/card"
)

// Cards are drawn once per change, size and outlet name, and kept, the
// most recently used first, within both bounds.
const (
	// cardCacheBytes bounds the encoded PNGs kept (a card is 50-200 KB).
	cardCacheBytes = 32 << 20
	// cardCacheEntries bounds how many cards are kept.
	cardCacheEntries = 512
)

// cardKey names one drawn card. The outlet's name is part of it because
// outlets can be renamed; the versions never change.
type cardKey struct {
	old, new int64 // version ids
	size     card.Size
	outlet   string
}

// cardImage is one encoded card and its entity tag.
type cardImage struct {
	png  []byte
	etag string
}

// cardCache is a least-recently-used set of encoded cards.
type cardCache = lru[cardKey, cardImage]

func newCardCache(maxBytes, maxEntries int) *cardCache {
	return newLRU[cardKey](maxBytes, maxEntries, func(c cardImage) int { return len(c.png) })
}
