package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
)

// maxPendingAge is how long a fetch waits for its confirmation. An older
// one (the process stopped in between, or the confirmation met the bytes
// of the latest version) says nothing about the page now: the next check
// starts a new confirmation instead. It is shorter than the densest
// schedule tier, so a regular check never mistakes itself for a
// confirmation.
const maxPendingAge = 10 * time.Minute

// minConfirmDelay spaces a confirmation from its first fetch when no host
// interval is set, so that the two are not the same instant.
const minConfirmDelay = 10 * time.Millisecond

// read is one page as the extractor saw it.
type read struct {
	version model.Version // the candidate: title, byline, published, text
	art     extract.Article
	blocks  []model.Block // the text's paragraphs with their places, once asked for
}

// blocksOf returns the candidate's paragraphs with their places in the
// page, computed once.
func (r *read) blocksOf() []model.Block {
	if r.blocks == nil {
		r.blocks = r.art.Blocks()
	}
	return r.blocks
}

// confirmDelay is how long after a fetch its confirmation runs: the host
// interval, which the fetcher would make it wait anyway.
func (e *Engine) confirmDelay() time.Duration {
	var d time.Duration
	if e.Fetch != nil {
		d = e.Fetch.HostInterval()
	}
	return max(d, minConfirmDelay)
}

// pendingFor returns the fetch an article's confirmation is waiting for.
func (e *Engine) pendingFor(ctx context.Context, a model.Article, now time.Time) (model.Pending, bool) {
	p, err := e.Store.Pending(ctx, a.ID)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			e.Log.Warn("pending check unreadable", "url", a.URL, "err", err)
		}
		return p, false
	}
	return p, now.Sub(p.FetchedAt) <= maxPendingAge
}

// furnitureFor is the furniture known for an article.
func (e *Engine) furnitureFor(ctx context.Context, a model.Article) furniture.Set {
	set := furniture.NewSet()
	items, err := e.Store.FurnitureFor(ctx, a.OutletID, a.ID)
	if err != nil {
		e.Log.Warn("furniture unreadable", "url", a.URL, "err", err)
		return set
	}
	for _, f := range items {
		set.Add(f.Kind, f.Key)
	}
	return set
}

// read extracts a candidate version from a response body, taking the
// prefer reading where either extractor's body would do.
func (e *Engine) read(ctx context.Context, pageURL string, outletID int64, body []byte, contentType string, prefer extract.Reading) (*read, error) {
	o, err := e.outlet(ctx, outletID)
	if err != nil {
		return nil, err
	}
	html, err := fetch.DecodeCharset(body, contentType)
	if err != nil {
		return nil, err
	}
	art, err := extract.ExtractContext(ctx, pageURL, html, o.Rules, extract.Options{Prefer: prefer, ContentType: contentType})
	if errors.Is(err, extract.ErrNoContent) {
		// What the page promised is still worth knowing (shortText).
		return &read{art: art}, err
	}
	if err != nil {
		return nil, err
	}
	return &read{
		version: model.Version{
			Title: art.Title, Byline: art.Byline, Published: art.Published, Modified: art.Modified,
			Text: art.Text, Extractor: extract.Version,
		},
		art: art,
	}, nil
}

// confirmed weighs a confirmation fetch (r) against the fetch it confirms
// and the latest version. It returns the candidate stripped of what proved
// volatile, or ok false when nothing but furniture changed.
func confirmed(latest model.Version, latestBlocks []model.Block, p model.Pending, r *read, known furniture.Set) (cand, base model.Version, learned furniture.Set, ok bool) {
	conf := furniture.Confirm(latestBlocks, p.Blocks, r.blocksOf(), known)
	cand = r.version
	// A headline or byline that changed between the two fetches is served
	// at random (an A/B test of headlines): the latest one stands.
	if cand.Title != p.Title {
		cand.Title = latest.Title
	}
	if cand.Byline != p.Byline {
		cand.Byline = latest.Byline
	}
	cand.Text = furniture.Text(conf.Candidate)
	base = latest
	base.Text = furniture.Text(conf.Base)
	base.Hash = revise.Hash(base.Title, base.Byline, base.Text)
	return cand, base, conf.Learned, revise.Hash(cand.Title, cand.Byline, cand.Text) != base.Hash
}

// learnedItems turns what a confirmation learned into rows for article a.
func learnedItems(a model.Article, s furniture.Set) []model.Furniture {
	var out []model.Furniture
	add := func(kind, key string) {
		out = append(out, model.Furniture{OutletID: a.OutletID, ArticleID: a.ID, Kind: kind, Origin: furniture.OriginVolatile, Key: key})
	}
	for p := range s.Paths {
		add(furniture.KindPath, p)
	}
	for t := range s.Texts {
		add(furniture.KindText, t)
	}
	return out
}

// steadyChecks drops the checks that only queued a confirmation, so the
// flip-flop and large-loss rules count servings, not fetches.
func steadyChecks(cs []model.Check) []model.Check {
	out := cs[:0:0]
	for _, c := range cs {
		if c.Outcome != model.OutcomeConfirming {
			out = append(out, c)
		}
	}
	return out
}
