package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/card"
)

// cardSuffix turns a diff's path into its card's: /articles/1/diff/0/1.png.
const cardSuffix = ".png"

// cardMaxAge is how long clients keep a card without asking again. The
// versions never change, but the outlet's name on the card can (outlets
// are renamed), so the card is not kept for ever; the ETag makes the
// next check cheap.
const cardMaxAge = 24 * time.Hour

// cardPath is where a diff's card is served; size is "" for the wide card.
func cardPath(id int64, a, b int, size card.Size) string {
	p := diffPath(id, a, b) + cardSuffix
	if size != card.Wide {
		p += "?size=" + size.String()
	}
	return p
}

// cardSeq reads the {b} path value of a card request ("3.png"): ok is
// false when the request is not for a card.
func cardSeq(r *http.Request) (b string, ok bool) {
	return strings.CutSuffix(r.PathValue("b"), cardSuffix)
}

// handleCard serves the PNG card of the change from version a to b. The
// route is the diff's own, with ".png" after b (ServeMux wildcards take
// whole segments, so handleDiff hands such requests here).
func (s *Server) handleCard(w http.ResponseWriter, r *http.Request, id int64, seqB string) {
	r.SetPathValue("b", seqB)
	a, errA := pathSeq(r, "a")
	b, errB := pathSeq(r, "b")
	if errA != nil || errB != nil || a == b {
		s.fail(w, r, notFound("comparison"))
		return
	}
	size, err := card.ParseSize(r.URL.Query().Get("size"))
	if err != nil {
		s.fail(w, r, badRequest("size %.40q is not one of wide, phone", r.URL.Query().Get("size")))
		return
	}
	if a > b {
		http.Redirect(w, r, cardPath(id, b, a, size), http.StatusMovedPermanently)
		return
	}
	c, err := s.loadCard(r.Context(), id, a, b, size)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("ETag", c.etag)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(cardMaxAge/time.Second))+", immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(c.png))
}

// loadCard returns the card of one change, drawing it once.
func (s *Server) loadCard(ctx context.Context, id int64, a, b int, size card.Size) (cardImage, error) {
	art, err := s.cfg.Store.ArticleSummary(ctx, id)
	if err != nil {
		return cardImage{}, notFoundIf(err, "article")
	}
	old, err := s.cfg.Store.VersionBySeq(ctx, id, a)
	if err != nil {
		return cardImage{}, notFoundIf(err, "version")
	}
	nv, err := s.cfg.Store.VersionBySeq(ctx, id, b)
	if err != nil {
		return cardImage{}, notFoundIf(err, "version")
	}
	key := cardKey{old: old.ID, new: nv.ID, size: size, outlet: art.OutletName}
	if c, ok := s.cards.get(key); ok {
		return c, nil
	}
	// A link shared in a busy place has its preview fetched by many
	// clients at once: one draws it, the others wait for that card.
	v, err, _ := s.cardFlight.Do(fmt.Sprintf("%d/%d/%s/%s", key.old, key.new, key.size, key.outlet), func() (any, error) {
		if c, ok := s.cards.get(key); ok {
			return c, nil
		}
		png, err := s.cardRenderer.PNG(card.ForVersions(art.OutletName, old, nv, classLabel), size)
		if err != nil {
			return cardImage{}, err
		}
		sum := sha256.Sum256(png)
		c := cardImage{png: png, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		s.cards.put(key, c)
		return c, nil
	})
	if err != nil {
		return cardImage{}, err
	}
	return v.(cardImage), nil
}

// shareMeta is what a page tells link previews (Open Graph, Twitter
// cards). URLs are absolute: previews are fetched from elsewhere.
type shareMeta struct {
	Title, Description      string
	URL, Image              string
	ImageWidth, ImageHeight int
}

// diffMeta describes a diff page for link previews, with its wide card as
// the image.
func (s *Server) diffMeta(r *http.Request, d diffView) *shareMeta {
	base := s.baseURL(r)
	w, h := card.Wide.Dimensions()
	desc := fmt.Sprintf("%s changed this article between version %d and version %d.", d.Outlet, d.Old.Seq, d.New.Seq)
	if d.Adjacent {
		desc = fmt.Sprintf("%s changed this article (%s): +%d words, −%d words.",
			d.Outlet, strings.ToLower(classNames(d.New.Classes)), d.New.Added, d.New.Removed)
	}
	return &shareMeta{
		Title: d.New.Title, Description: desc,
		URL: base + d.SidePath, Image: base + cardPath(d.ArticleID, d.Old.Seq, d.New.Seq, card.Wide),
		ImageWidth: w, ImageHeight: h,
	}
}
