package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// changeView is one change as lists and feeds show it.
type changeView struct {
	store.Change
	Link        string // the original article, only if http(s)
	ArticlePath string
	DiffPath    string
	OutletPath  string
	Headline    bool // the title changed: show old and new
}

func viewChange(c store.Change) changeView {
	v := changeView{
		Change: c, Link: safeLink(c.ArticleURL), ArticlePath: articlePath(c.ArticleID),
		DiffPath: diffPath(c.ArticleID, c.Seq-1, c.Seq), OutletPath: outletPath(c.OutletName),
	}
	v.Headline = c.PrevTitle != "" && c.PrevTitle != c.Title
	return v
}

func viewChanges(cs []store.Change) []changeView {
	out := make([]changeView, len(cs))
	for i, c := range cs {
		out[i] = viewChange(c)
	}
	return out
}

// changeFilter is the state of the filter form on the changes page.
type changeFilter struct {
	Outlet    string
	Classes   []string
	ShowMinor bool
}

// Class is the class list as the form's select holds it.
func (f changeFilter) Class() string { return strings.Join(f.Classes, ",") }

// ClassLabel names the class list for the select's extra option when the
// filter asks for several.
func (f changeFilter) ClassLabel() string {
	labels := make([]string, len(f.Classes))
	for i, c := range f.Classes {
		labels[i] = classLabel(c)
	}
	return strings.Join(labels, " or ")
}

type changesPage struct {
	Filter    changeFilter
	Outlets   []model.Outlet
	Classes   []string
	Changes   []changeView
	Next      string    // local URL of the next page; empty on the last
	LastCheck time.Time // when any article was last checked; zero before the first
}

// changeQuery reads the filters shared by the changes page and the API:
// ?outlet=NAME&class=CLASS[,CLASS...]&minor=yes&cursor=...&limit=N
func (s *Server) changeQuery(r *http.Request) (store.ChangeQuery, changeFilter, error) {
	q := r.URL.Query()
	f := changeFilter{Outlet: q.Get("outlet")}
	var cq store.ChangeQuery
	var err error
	if f.Classes, err = classParam(r); err != nil {
		return cq, f, err
	}
	if f.ShowMinor, err = boolParam(r, "minor"); err != nil {
		return cq, f, err
	}
	if cq.Limit, err = limitParam(r); err != nil {
		return cq, f, err
	}
	cq.Classes = f.Classes
	cq.HideMinor = !f.ShowMinor && !slices.Contains(f.Classes, "minor")
	if f.Outlet != "" {
		o, err := s.cfg.Store.OutletByName(r.Context(), f.Outlet)
		if err != nil {
			return cq, f, notFoundIf(err, "outlet")
		}
		cq.OutletID = o.ID
	}
	cq.After, err = decodeChangeCursor(q.Get("cursor"))
	return cq, f, err
}

// nextPage returns the local URL of the page after cs, keeping the other
// query parameters, or "" when cs did not fill a page.
func nextPage(r *http.Request, cursor string, got, limit int) string {
	if got < limit {
		return ""
	}
	q := r.URL.Query()
	q.Set("cursor", cursor)
	return (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
}

func (s *Server) handleChanges(w http.ResponseWriter, r *http.Request) {
	cq, f, err := s.changeQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cs, err := s.cfg.Store.Changes(r.Context(), cq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	outlets, err := s.cfg.Store.Outlets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	last, err := s.cfg.Store.LastCheck(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := changesPage{Filter: f, Outlets: outlets, Classes: changeClasses, Changes: viewChanges(cs), LastCheck: last}
	if len(cs) > 0 {
		p.Next = nextPage(r, encodeChangeCursor(cs[len(cs)-1]), len(cs), cq.Limit)
	}
	s.render(w, r, http.StatusOK, "changes", pageData{Title: "Recent changes", Feed: "/changes.atom", Data: p})
}
