package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// notFoundIf turns store.ErrNotFound into a 404 naming what was missing.
func notFoundIf(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound(what)
	}
	return err
}

type outletRow struct {
	store.OutletSummary
	Path string
}

type outletsPage struct {
	Outlets []outletRow
	Next    string
}

// outletQuery reads ?cursor=...&limit=N of the outlet list.
func outletQuery(r *http.Request) (store.OutletQuery, error) {
	var q store.OutletQuery
	var err error
	if q.Limit, err = limitParam(r); err != nil {
		return q, err
	}
	q.AfterName, err = decodeOutletCursor(r.URL.Query().Get("cursor"))
	return q, err
}

func (s *Server) handleOutlets(w http.ResponseWriter, r *http.Request) {
	q, err := outletQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	os, err := s.cfg.Store.OutletSummaryPage(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := outletsPage{Outlets: make([]outletRow, len(os))}
	for i, o := range os {
		p.Outlets[i] = outletRow{OutletSummary: o, Path: outletPath(o.Name)}
	}
	if len(os) > 0 {
		p.Next = nextPage(r, encodeOutletCursor(os[len(os)-1].Name), len(os), q.Limit)
	}
	s.render(w, r, http.StatusOK, "outlets", pageData{Title: "Outlets", Data: p})
}

// outletRecentChanges is how many changes an outlet's first page shows
// above its articles.
const outletRecentChanges = 25

// articleRow is one article in a list.
type articleRow struct {
	store.ArticleSummary
	Path    string
	Changes int
}

type outletPage struct {
	Outlet   model.Outlet
	Changes  []changeView
	Articles []articleRow
	Next     string
	FeedPath string
	Learned  learnedFurniture
}

// learnedFurniture is what errata learned to ignore on an outlet's pages:
// the items that apply to every article, how many apply to single
// articles, and the revision (the newest item's id).
type learnedFurniture struct {
	Outlet   []model.Furniture
	Articles int
	Revision int64
}

func (s *Server) learned(ctx context.Context, outletID int64) (learnedFurniture, error) {
	fs, err := s.cfg.Store.OutletFurniture(ctx, outletID)
	if err != nil {
		return learnedFurniture{}, err
	}
	var l learnedFurniture
	for _, f := range fs {
		if f.ArticleID == 0 {
			l.Outlet = append(l.Outlet, f)
		} else {
			l.Articles++
		}
		l.Revision = max(l.Revision, f.ID)
	}
	return l, nil
}

// pathOutlet is the outlet the path's {outlet} names, or a not-found error.
func (s *Server) pathOutlet(r *http.Request) (model.Outlet, error) {
	o, err := s.cfg.Store.OutletByName(r.Context(), r.PathValue("outlet"))
	return o, notFoundIf(err, "outlet")
}

func (s *Server) handleOutlet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.pathOutlet(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := limitParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	before, err := decodeArticleCursor(r.URL.Query().Get("cursor"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := outletPage{Outlet: o, FeedPath: outletFeedPath(o.Name)}
	if p.Learned, err = s.learned(ctx, o.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if before == 0 {
		cs, err := s.cfg.Store.Changes(ctx, store.ChangeQuery{OutletID: o.ID, HideMinor: true, Limit: outletRecentChanges})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Changes = viewChanges(cs)
	}
	as, err := s.cfg.Store.ArticleSummaries(ctx, store.ArticleQuery{OutletID: o.ID, BeforeID: before, Limit: limit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Articles = articleRows(as)
	if len(as) > 0 {
		p.Next = nextPage(r, encodeArticleCursor(as[len(as)-1].ID), len(as), limit)
	}
	s.render(w, r, http.StatusOK, "outlet", pageData{Title: o.Name, Feed: p.FeedPath, Data: p})
}

func articleRows(as []store.ArticleSummary) []articleRow {
	rows := make([]articleRow, len(as))
	for i, a := range as {
		rows[i] = articleRow{ArticleSummary: a, Path: articlePath(a.ID), Changes: max(a.Versions-1, 0)}
	}
	return rows
}
