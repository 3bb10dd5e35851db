package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// versionRow is one version in an article's history.
type versionRow struct {
	model.Version
	Path     string
	DiffPath string // against the previous version; empty for version 0
}

// historyPage is an article's history, shared by the page and the API.
type historyPage struct {
	Article     store.ArticleSummary
	Link        string // original URL, only if http(s)
	OutletPath  string
	Changes     int
	LastChanged time.Time // zero when it never changed
	Status      string
	Versions    []versionRow // newest first
	Events      []eventRow   // lifecycle events, newest first
	History     []historyRow // versions and events together, newest first
	FeedPath    string
	Checks      checkSummary
	Picker      *versionPicker // the latest change selected
	Story       articleStory   // its story and its copies in other outlets
}

// recentCheckRows is how many of an article's latest checks its page lists.
const recentCheckRows = 10

// checkSummary tells how an article's checks went: how many, by outcome,
// and the latest few.
type checkSummary struct {
	Total    int
	Outcomes map[model.Outcome]int
	Refused  []outcomeCount // differences not recorded as versions, and why
	Recent   []model.Check  // newest first
}

type outcomeCount struct {
	Outcome model.Outcome
	Count   int
}

func (s *Server) checkSummary(ctx context.Context, id int64) (checkSummary, error) {
	outcomes, err := s.cfg.Store.CheckOutcomes(ctx, id)
	if err != nil {
		return checkSummary{}, err
	}
	recent, err := s.cfg.Store.RecentChecks(ctx, id, recentCheckRows)
	if err != nil {
		return checkSummary{}, err
	}
	sum := checkSummary{Outcomes: outcomes, Recent: recent}
	for _, n := range outcomes {
		sum.Total += n
	}
	for _, o := range []model.Outcome{model.OutcomeChurn, model.OutcomeFlipFlop, model.OutcomeLargeLoss, model.OutcomeLargeChange, model.OutcomeNumbersOnly} {
		if n := outcomes[o]; n > 0 {
			sum.Refused = append(sum.Refused, outcomeCount{o, n})
		}
	}
	return sum, nil
}

func (s *Server) history(ctx context.Context, id int64) (historyPage, error) {
	a, err := s.cfg.Store.ArticleSummary(ctx, id)
	if err != nil {
		return historyPage{}, notFoundIf(err, "article")
	}
	vs, err := s.cfg.Store.VersionHeads(ctx, id)
	if err != nil {
		return historyPage{}, err
	}
	evs, err := s.cfg.Store.ArticleEvents(ctx, id)
	if err != nil {
		return historyPage{}, err
	}
	h := schedule.HistoryOf(a.Article)
	for _, e := range evs {
		if e.Kind == model.EventGone {
			h.GoneSince = e.At
		}
	}
	p := historyPage{
		Article: a, Link: safeLink(a.URL), OutletPath: outletPath(a.OutletName),
		Changes: max(len(vs)-1, 0), FeedPath: articleFeedPath(id),
		Status: s.cfg.Policy.Describe(h, s.now().UTC()),
	}
	if h := holdStatus(a.Hold); h != "" {
		p.Status = h
	}
	if len(vs) > 1 {
		p.LastChanged = vs[len(vs)-1].FetchedAt
	}
	if p.Checks, err = s.checkSummary(ctx, id); err != nil {
		return historyPage{}, err
	}
	p.Picker = newPicker(id, vs, len(vs)-2, len(vs)-1, false)
	if p.Story, err = s.articleStory(ctx, id); err != nil {
		return historyPage{}, err
	}
	for _, v := range slices.Backward(vs) {
		row := versionRow{Version: v, Path: versionPath(id, v.Seq)}
		if v.Seq > 0 {
			row.DiffPath = diffPath(id, v.Seq-1, v.Seq)
		}
		p.Versions = append(p.Versions, row)
	}
	for _, e := range slices.Backward(evs) {
		p.Events = append(p.Events, toEventRow(id, e))
	}
	p.History = interleave(p.Versions, p.Events)
	return p, nil
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.history(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := p.Article.Title
	if title == "" {
		title = p.Article.URL
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: title, Feed: p.FeedPath, Data: p})
}

// versionPage shows one version's text.
type versionPage struct {
	Version     model.Version
	Paragraphs  []string
	ArticlePath string
	Link        string
	Prev, Next  string // neighbouring versions
	DiffPath    string // against the previous version
	Outlet      string
	Evidence    *evidence
}

func (s *Server) handleVersion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, err := pathSeq(r, "n")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.cfg.Store.ArticleSummary(r.Context(), id)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "article"))
		return
	}
	v, err := s.cfg.Store.VersionBySeq(r.Context(), id, n)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "version"))
		return
	}
	ev, err := s.versionEvidence(r, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := versionPage{Version: v, Paragraphs: paragraphs(v.Text), ArticlePath: articlePath(id), Link: safeLink(a.URL),
		Outlet: a.OutletName, Evidence: ev}
	if n > 0 {
		p.Prev, p.DiffPath = versionPath(id, n-1), diffPath(id, n-1, n)
	}
	if n+1 < a.Versions {
		p.Next = versionPath(id, n+1)
	}
	s.render(w, r, http.StatusOK, "version", pageData{Title: v.Title, Data: p})
}

// paragraphs splits a version text ("\n\n" between paragraphs).
func paragraphs(text string) []string {
	var out []string
	for p := range strings.SplitSeq(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// holdStatus says what a person decided about an article, in place of
// its schedule; "" when nothing was.
func holdStatus(h model.Hold) string {
	switch h {
	case model.HoldPaused:
		return "Paused by hand: not checked until it is resumed."
	case model.HoldRemoved:
		return "Removed by hand: no longer checked; the versions below are kept."
	}
	return ""
}
