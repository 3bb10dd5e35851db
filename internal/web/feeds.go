package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/errata/errata/internal/store"
)

// feedFormat is one feed encoding and its file extension.
type feedFormat struct {
	ext, contentType string
	write            func(w io.Writer, f feed) error
}

// feedFormats are served for every feed scope. Immutable table.
var feedFormats = []feedFormat{
	{"atom", "application/atom+xml; charset=utf-8", writeAtom},
	{"rss", "application/rss+xml; charset=utf-8", writeRSS},
	{"json", "application/feed+json; charset=utf-8", writeJSONFeed},
}

// feed is a list of changes ready for any encoder; links are absolute.
type feed struct {
	Title   string
	HomeURL string // the page the feed mirrors
	SelfURL string
	Updated time.Time
	Entries []feedEntry
}

type feedEntry struct {
	ID, Title, Link, Summary, Author string
	Updated                          time.Time
	Classes                          []string
}

// feedScope says which changes a feed holds.
type feedScope struct {
	Title string
	Path  string // of the feed without extension
	Home  string // local path of the matching page
	Query store.ChangeQuery
}

type scopeFunc func(r *http.Request) (feedScope, error)

func (s *Server) allScope(r *http.Request) (feedScope, error) {
	return feedScope{Title: "errata: recent changes", Path: "/changes", Home: "/",
		Query: store.ChangeQuery{HideMinor: true}}, nil
}

func (s *Server) outletScope(r *http.Request) (feedScope, error) {
	o, err := s.cfg.Store.OutletByName(r.Context(), r.PathValue("outlet"))
	if err != nil {
		return feedScope{}, notFoundIf(err, "outlet")
	}
	return feedScope{Title: "errata: changes at " + o.Name, Path: outletPath(o.Name) + "/changes",
		Home: outletPath(o.Name), Query: store.ChangeQuery{OutletID: o.ID, HideMinor: true}}, nil
}

// articleScope keeps minor edits: someone following one article wants
// every change to it.
func (s *Server) articleScope(r *http.Request) (feedScope, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return feedScope{}, err
	}
	a, err := s.cfg.Store.ArticleSummary(r.Context(), id)
	if err != nil {
		return feedScope{}, notFoundIf(err, "article")
	}
	title := a.Title
	if title == "" {
		title = a.URL
	}
	return feedScope{Title: "errata: changes to " + title, Path: articlePath(id) + "/changes",
		Home: articlePath(id), Query: store.ChangeQuery{ArticleID: id}}, nil
}

func (s *Server) feedHandler(f feedFormat, scope scopeFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc, err := scope(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		fd, err := s.buildFeed(r.Context(), s.baseURL(r), sc, f.ext)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var buf bytes.Buffer
		if err := f.write(&buf, fd); err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		_, _ = w.Write(buf.Bytes())
	}
}

func (s *Server) buildFeed(ctx context.Context, base string, sc feedScope, ext string) (feed, error) {
	sc.Query.Limit = feedSize
	cs, err := s.cfg.Store.Changes(ctx, sc.Query)
	if err != nil {
		return feed{}, err
	}
	// An empty feed is "updated" now: Atom requires the date.
	fd := feed{Title: sc.Title, HomeURL: base + sc.Home, SelfURL: base + sc.Path + "." + ext, Updated: s.now()}
	for _, c := range viewChanges(cs) {
		fd.Entries = append(fd.Entries, feedEntry{
			ID: base + c.DiffPath, Title: entryTitle(c), Link: base + c.DiffPath,
			Summary: entrySummary(c), Author: c.OutletName, Updated: c.At, Classes: c.Classes,
		})
	}
	if len(cs) > 0 {
		fd.Updated = cs[0].At
	}
	return fd, nil
}

// baseURL is the configured base, or the one the request came in on.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func classNames(cs []string) string {
	labels := make([]string, len(cs))
	for i, c := range cs {
		labels[i] = classLabel(c)
	}
	if len(labels) == 0 {
		return "Changed"
	}
	return strings.Join(labels, ", ")
}

func entryTitle(c changeView) string {
	return fmt.Sprintf("%s: %s", classNames(c.Classes), c.Title)
}

// entrySummary says in one plain sentence what changed; feed readers show
// it without opening the diff.
func entrySummary(c changeView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s changed version %d of this article (%s): +%d words, −%d words.",
		c.OutletName, c.Seq, strings.ToLower(classNames(c.Classes)), c.Added, c.Removed)
	if c.Headline {
		fmt.Fprintf(&b, " Headline was “%s”, now “%s”.", c.PrevTitle, c.Title)
	}
	return b.String()
}
