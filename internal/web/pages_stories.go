package web

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

func (s *Server) storyRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /stories", s.handleStories)
	mux.HandleFunc("GET /stories/{id}", s.handleStory)
	mux.HandleFunc("GET /stories/{id}/compare", s.handleStoryCompare)
	for _, f := range feedFormats {
		mux.HandleFunc("GET /stories/{id}/changes."+f.ext, s.feedHandler(f, s.storyScope))
	}
	mux.HandleFunc("GET /api/v1/stories", s.apiStories)
	mux.HandleFunc("GET /api/v1/stories/{id}", s.apiStory)
	mux.HandleFunc("GET /admin/stories", s.handleAdminStories)
	mux.HandleFunc("POST /admin/stories/merge", s.handleAdminStoryMerge)
	mux.HandleFunc("POST /admin/stories/split", s.handleAdminStorySplit)
	mux.HandleFunc("POST /admin/stories/{id}/split", s.handleAdminStorySplit)
}

// storyRow is one story in the list.
type storyRow struct {
	store.StorySummary
	Path string
}

// storyRows reads one page of stories, ?cursor= on, and the cursor of
// the next page ("" when this one is the last).
func (s *Server) storyRows(r *http.Request, limit int) ([]storyRow, string, error) {
	after, err := decodeStoryCursor(r.URL.Query().Get("cursor"))
	if err != nil {
		return nil, "", err
	}
	list, err := s.cfg.Store.StoryPage(r.Context(), after, limit)
	if err != nil {
		return nil, "", err
	}
	rows := make([]storyRow, len(list))
	for i, st := range list {
		rows[i] = storyRow{StorySummary: st, Path: storyPath(st.ID)}
	}
	next := ""
	if len(list) == limit {
		next = encodeStoryCursor(list[len(list)-1])
	}
	return rows, next, nil
}

// storiesPage is /stories: a page of stories and the link to the next.
type storiesPage struct {
	Stories []storyRow
	Next    string
}

func (s *Server) handleStories(w http.ResponseWriter, r *http.Request) {
	rows, next, err := s.storyRows(r, storyListLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := storiesPage{Stories: rows}
	if next != "" {
		p.Next = "/stories?cursor=" + next
	}
	s.render(w, r, http.StatusOK, "stories", pageData{Title: "Stories", Data: p})
}

// cursorStories marks a stories cursor (see paths.go).
const cursorStories = "t"

func encodeStoryCursor(st store.StorySummary) string {
	raw := fmt.Sprintf("%s.%d.%d", cursorStories, st.Updated.UnixNano(), st.ID)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeStoryCursor(s string) (store.StoryCursor, error) {
	if s == "" {
		return store.StoryCursor{}, nil
	}
	parts, err := cursorParts(s, cursorStories, 2)
	if err != nil {
		return store.StoryCursor{}, err
	}
	return store.StoryCursor{Updated: time.Unix(0, parts[0]).UTC(), ID: parts[1]}, nil
}

func (s *Server) handleStory(w http.ResponseWriter, r *http.Request) {
	id, err := storyID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.storyPage(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := p.Story.Title
	if title == "" {
		title = "Story " + strconv.FormatInt(id, 10)
	}
	s.render(w, r, http.StatusOK, "story", pageData{Title: title, Feed: p.FeedPath, Data: p})
}

// storyCompare is a side-by-side diff of two members' latest versions.
type storyCompare struct {
	StoryPath string
	Left      storyMember
	Right     storyMember
	diffBody
}

func (s *Server) handleStoryCompare(w http.ResponseWriter, r *http.Request) {
	id, err := storyID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, errA := strconv.ParseInt(r.URL.Query().Get("a"), 10, 64)
	b, errB := strconv.ParseInt(r.URL.Query().Get("b"), 10, 64)
	if errA != nil || errB != nil || a == b {
		s.fail(w, r, badRequest("compare needs two different members: ?a=ID&b=ID"))
		return
	}
	ms, err := s.cfg.Store.StoryMembers(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var left, right *store.StoryMember
	for i := range ms {
		switch ms[i].ID {
		case a:
			left = &ms[i]
		case b:
			right = &ms[i]
		}
	}
	if left == nil || right == nil {
		s.fail(w, r, notFound("member of this story"))
		return
	}
	c := storyCompare{StoryPath: storyPath(id), Left: member(*left), Right: member(*right),
		diffBody: computeDiff(asVersion(*left), asVersion(*right), false)}
	s.render(w, r, http.StatusOK, "story_compare", pageData{Title: left.Outlet + " and " + right.Outlet, Data: c})
}

func member(m store.StoryMember) storyMember {
	return storyMember{StoryMember: m, Path: articlePath(m.ID), OutletPath: outletPath(m.Outlet), Link: safeLink(m.URL)}
}

func asVersion(m store.StoryMember) model.Version {
	return model.Version{ArticleID: m.ID, Title: m.Title, Byline: m.Byline, Text: m.Text}
}

func storyID(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, notFound("story")
	}
	return n, nil
}

func (s *Server) storyScope(r *http.Request) (feedScope, error) {
	id, err := storyID(r)
	if err != nil {
		return feedScope{}, err
	}
	st, err := s.cfg.Store.Story(r.Context(), id)
	if err != nil {
		return feedScope{}, notFoundIf(err, "story")
	}
	return feedScope{Title: "errata: changes in the story “" + st.Title + "”", Path: storyPath(id) + "/changes",
		Home: storyPath(id), Query: store.ChangeQuery{StoryID: id}}, nil
}
