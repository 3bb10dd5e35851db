package newsroom

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"time"
)

// Churn limits: boxes hold this many links; the paywall allows this many
// free articles.
const (
	mostReadSize  = 5
	relatedSize   = 3
	freeArticles  = 5
	maxMinutesAgo = 59
	tokenBytes    = 16
)

var adUnits = []string{"/21775744923/news/article_inline", "/21775744923/news/leaderboard", "/6499/example/mrec"}

// churn is the boilerplate that changes on every request (or, for a
// CDN-cached outlet, with every content version): never article content.
type churn struct {
	Asset      string // cache-busting asset version
	CSRF       string
	TopAdID    string
	InlineAdID string
	AdUnit     string
	MinutesAgo int
	Read       int // paywall meter
	MostRead   []link
	Related    []link
}

type link struct {
	Title, Href string
}

// freshChurn draws churn that differs between any two requests.
func (n *Newsroom) freshChurn() *rand.Rand {
	return newRand(n.cfg.Seed, 5, n.requests.Add(1), uint64(time.Now().UnixNano()))
}

// frozenChurn draws churn fixed by the content hash, like a CDN that caches
// the rendered page until the article changes.
func (n *Newsroom) frozenChurn(hash string) *rand.Rand {
	b, _ := hex.DecodeString(hash[:16])
	return newRand(n.cfg.Seed, 6, binary.BigEndian.Uint64(b))
}

func newChurn(r *rand.Rand, candidates []link) churn {
	c := churn{
		Asset:      token(r, 4),
		CSRF:       token(r, tokenBytes),
		TopAdID:    "ad-" + token(r, 4),
		InlineAdID: "ad-" + token(r, 4),
		AdUnit:     adUnits[r.IntN(len(adUnits))],
		MinutesAgo: 1 + r.IntN(maxMinutesAgo),
		Read:       1 + r.IntN(freeArticles-1),
	}
	perm := r.Perm(len(candidates))
	for i, j := range perm {
		switch {
		case i < mostReadSize:
			c.MostRead = append(c.MostRead, candidates[j])
		case i < mostReadSize+relatedSize:
			c.Related = append(c.Related, candidates[j])
		}
	}
	if len(c.Related) == 0 && len(c.MostRead) > 0 {
		c.Related = c.MostRead[len(c.MostRead)-1:]
	}
	return c
}

func token(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b)
}

// contentHash identifies one content version of a page: what an ETag names.
func contentHash(c *content) string {
	h := sha256.New()
	for _, s := range []string{c.Title, c.Slug, c.Byline(), c.Text()} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}
