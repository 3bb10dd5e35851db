package web

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// handleAdminStories shows the forms that merge and split stories.
func (s *Server) handleAdminStories(w http.ResponseWriter, r *http.Request) {
	if !s.adminEnabled(w, r) {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	rows, next, err := s.storyRows(r, storyListLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := storiesPage{Stories: rows}
	if next != "" {
		p.Next = "/admin/stories?cursor=" + next
	}
	s.render(w, r, http.StatusOK, "admin_stories", pageData{Title: "Stories · admin", Data: p})
}

// handleAdminStoryMerge merges story "from" into story "into" (form
// fields), then shows the merged story.
func (s *Server) handleAdminStoryMerge(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	into, errI := strconv.ParseInt(r.PostForm.Get("into"), 10, 64)
	from, errF := strconv.ParseInt(r.PostForm.Get("from"), 10, 64)
	if errI != nil || errF != nil || into <= 0 || from <= 0 || into == from {
		s.fail(w, r, badRequest("merge needs two different story ids: into and from"))
		return
	}
	if err := s.cfg.Store.MergeStories(r.Context(), into, from, s.now()); err != nil {
		s.fail(w, r, notFoundIf(err, "story"))
		return
	}
	s.log.Info("admin story merge", slog.Int64("into", into), slog.Int64("from", from))
	http.Redirect(w, r, storyPath(into), http.StatusSeeOther)
}

// handleAdminStorySplit moves the listed articles (form field "articles",
// ids separated by commas or spaces) of a story into a new story, then
// shows the new story.
func (s *Server) handleAdminStorySplit(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := storyID(r)
	if r.PathValue("id") == "" {
		// The admin page's form names the story in a field.
		id, err = strconv.ParseInt(r.PostForm.Get("story"), 10, 64)
		if err != nil || id <= 0 {
			err = badRequest("split needs the id of the story")
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var ids []int64
	for _, f := range strings.FieldsFunc(r.PostForm.Get("articles"), func(c rune) bool { return c == ',' || c == ' ' }) {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, badRequest("articles: %q is not an article id", f))
			return
		}
		ids = append(ids, n)
	}
	if len(ids) == 0 {
		s.fail(w, r, badRequest("split needs the ids of the articles to move"))
		return
	}
	fresh, err := s.cfg.Store.SplitStory(r.Context(), id, ids, s.now())
	if err != nil {
		s.fail(w, r, notFoundIf(err, "story member"))
		return
	}
	s.log.Info("admin story split", slog.Int64("story", id), slog.Int64("new", fresh))
	http.Redirect(w, r, storyPath(fresh), http.StatusSeeOther)
}
