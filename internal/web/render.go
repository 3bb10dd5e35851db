package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/store"
)

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"changes", "outlets", "outlet", "article", "version", "diff", "search",
	"stories", "story", "story_compare", "admin", "admin_sources", "admin_notify", "admin_stories", "capture", "error"}

// pageData is what every page template receives.
type pageData struct {
	Title string
	Feed  string // path of the page's Atom feed, for <link rel=alternate>
	Data  any
	Meta  *shareMeta // link-preview tags; nil: none
}

// classLabels names change classes for readers. Immutable table.
var classLabels = map[string]string{
	"headline": "Headline", "byline": "Byline", "text_added": "Text added",
	"text_removed": "Text removed", "text_rewritten": "Rewritten", "correction": "Correction",
	"stealth": "Stealth edit", "minor": "Minor edit",
}

func classLabel(c string) string {
	if l, ok := classLabels[c]; ok {
		return l
	}
	return c
}

const (
	dateLayout = "2 Jan 2006, 15:04 MST"
	isoLayout  = time.RFC3339
)

func showDate(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format(dateLayout)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(isoLayout)
}

var templateFuncs = template.FuncMap{
	"date":       showDate,
	"iso":        isoDate,
	"classLabel": classLabel,
	"isIns":      func(s diff.Segment) bool { return s.Op == diff.Insert },
	"isDel":      func(s diff.Segment) bool { return s.Op == diff.Delete },
	"sameRow":    func(r diff.Row) bool { return !diff.HasChanges(r.Left) && !diff.HasChanges(r.Right) },
	"has":        slices.Contains[[]string],
	"inc":        func(n int) int { return n + 1 },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

// parsePages parses every page with the shared functions and "ago", which
// words a time relative to now() when the page is rendered.
func parsePages(now func() time.Time) (map[string]*template.Template, error) {
	ago := template.FuncMap{"ago": func(t time.Time) string { return relativeTime(t, now()) }}
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(templateFuncs).Funcs(ago).ParseFS(templateFS,
			"templates/layout.html", "templates/picker.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// render executes a page into a buffer first, so a template error yields
// a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", slog.String("page", name), slog.String("path", r.URL.Path), slog.Any("err", err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail renders an error page. Store errors are logged, not shown: they
// may name files on the server.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := classify(err)
	if status == http.StatusInternalServerError {
		s.logError(r, err)
	}
	s.render(w, r, status, "error", pageData{Title: http.StatusText(status), Data: msg})
}

// httpError is an error with the status and message a client should see.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func notFound(what string) error {
	return &httpError{status: http.StatusNotFound, msg: what + " not found"}
}

// classify maps an error to a status and a message safe to show.
func classify(err error) (int, string) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return he.status, he.msg
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "not found"
	default:
		return http.StatusInternalServerError, "something went wrong; the error was logged"
	}
}

// snipPart is a piece of a search excerpt; Mark is a matched word.
type snipPart struct {
	Text string
	Mark bool
}

// splitSnippet cuts a store snippet at its match markers, so the template
// escapes every piece and wraps matches in <mark> itself.
func splitSnippet(s string) []snipPart {
	var parts []snipPart
	for s != "" {
		start := strings.Index(s, store.MarkStart)
		if start < 0 {
			return append(parts, snipPart{Text: s})
		}
		if start > 0 {
			parts = append(parts, snipPart{Text: s[:start]})
		}
		s = s[start+len(store.MarkStart):]
		end := strings.Index(s, store.MarkEnd)
		if end < 0 {
			end = len(s)
		}
		parts = append(parts, snipPart{Text: s[:end], Mark: true})
		s = strings.TrimPrefix(s[end:], store.MarkEnd)
	}
	return parts
}

func (s *Server) logError(r *http.Request, err error) {
	s.log.Error("request", slog.String("path", r.URL.Path), slog.Any("err", err))
}
