package web

import (
	"context"
	"net/http"

	"github.com/errata/errata/internal/model"
)

// diffView compares two versions of one article; the page and the API
// both render it.
type diffView struct {
	ArticleID   int64
	ArticlePath string
	Outlet      string
	Link        string
	Old, New    model.Version // texts not needed past building the view
	diffBody                  // shared with the cache: read only
	OldPath     string        // the full texts, for a truncated diff
	NewPath     string
	InlineMode  bool
	Adjacent    bool // New follows Old directly: its stored classes describe the change
	Prev, Next  string
	Permalink   string
	SidePath    string
	InlinePath  string
	Edits       editList
	Picker      *versionPicker // on the page only
}

// inlineSuffix asks a diff page for the inline view.
const inlineSuffix = "?view=" + viewInline

// loadDiff builds the comparison of versions a and b (a < b).
func (s *Server) loadDiff(ctx context.Context, id int64, a, b int, inline bool) (diffView, error) {
	art, err := s.cfg.Store.ArticleSummary(ctx, id)
	if err != nil {
		return diffView{}, notFoundIf(err, "article")
	}
	old, err := s.cfg.Store.VersionBySeq(ctx, id, a)
	if err != nil {
		return diffView{}, notFoundIf(err, "version")
	}
	nv, err := s.cfg.Store.VersionBySeq(ctx, id, b)
	if err != nil {
		return diffView{}, notFoundIf(err, "version")
	}
	d := diffView{
		ArticleID: id, ArticlePath: articlePath(id), Outlet: art.OutletName, Link: safeLink(art.URL), Old: old, New: nv,
		InlineMode: inline, Adjacent: b == a+1, SidePath: diffPath(id, a, b),
	}
	d.InlinePath = d.SidePath + inlineSuffix
	// The permalink keeps the view the reader is looking at.
	d.Permalink = d.SidePath
	if inline {
		d.Permalink = d.InlinePath
	}
	d.OldPath, d.NewPath = versionPath(id, a), versionPath(id, b)
	key := diffKey{old: old.ID, new: nv.ID, inline: inline}
	body, ok := s.diffs.get(key)
	if !ok {
		body = computeDiff(old, nv, inline)
		s.diffs.put(key, body)
	}
	d.diffBody = body
	d.Edits = s.sentenceEdits(old, nv)
	d.navigation(art.Versions)
	return d, nil
}

// navigation links the change before and after this one; a diff across
// several versions steps from its ends.
func (d *diffView) navigation(versions int) {
	a, b := d.Old.Seq, d.New.Seq
	suffix := ""
	if d.InlineMode {
		suffix = inlineSuffix
	}
	if a > 0 {
		d.Prev = diffPath(d.ArticleID, a-1, a) + suffix
	}
	if b+1 < versions {
		d.Next = diffPath(d.ArticleID, b, b+1) + suffix
	}
}

func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if seqB, ok := cardSeq(r); ok {
		s.handleCard(w, r, id, seqB)
		return
	}
	a, errA := pathSeq(r, "a")
	b, errB := pathSeq(r, "b")
	if errA != nil || errB != nil || a == b {
		s.fail(w, r, notFound("comparison"))
		return
	}
	inline, err := inlineParam(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if a > b {
		// Old on the left, always: send the reader to the ordered URL in
		// the same view, built here from numbers, never from the request.
		to := diffPath(id, b, a)
		if inline {
			to += inlineSuffix
		}
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	d, err := s.loadDiff(r.Context(), id, a, b, inline)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	heads, err := s.cfg.Store.VersionHeads(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Picker = newPicker(id, heads, a, b, inline)
	title := "Changes to “" + d.New.Title + "”"
	s.render(w, r, http.StatusOK, "diff", pageData{Title: title, Feed: articleFeedPath(id), Data: d, Meta: s.diffMeta(r, d)})
}
