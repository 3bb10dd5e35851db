package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
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
	ID      string // stable, whatever the host name
	Title   string
	HomeURL string // the page the feed mirrors
	SelfURL string
	Updated time.Time
	Entries []feedEntry
}

type feedEntry struct {
	ID, Title, Link, Summary, Author string
	Content                          string // the change as HTML, escaped by its template
	Updated                          time.Time
	Classes                          []string
}

// feedScope says which changes a feed holds.
type feedScope struct {
	Title   string
	Path    string // of the feed without extension
	Home    string // local path of the matching page
	Query   store.ChangeQuery
	Parts   feedParts // changes, lifecycle events or both (see feedPartsOf)
	Filters string    // the request's filters, encoded, for the feed's own URL and id
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
		if err := s.filterScope(r, &sc); err != nil {
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
		s.serveFeed(w, r, buf.Bytes(), fd.Updated)
	}
}

// filterScope applies the changes page's filters (?class=, ?minor=1,
// ?outlet=) to a feed, so any view of the changes can be followed. A feed
// without them keeps its scope's defaults: minor edits are left out of
// the site's and an outlet's feeds, kept in an article's.
func (s *Server) filterScope(r *http.Request, sc *feedScope) error {
	q := r.URL.Query()
	cq, _, err := s.changeQuery(r)
	if err != nil {
		return err
	}
	kinds, err := eventParam(r)
	if err != nil {
		return err
	}
	sc.Parts = feedPartsOf(len(cq.Classes) > 0, kinds)
	if q.Has("class") || q.Has("minor") {
		sc.Query.Classes, sc.Query.HideMinor = cq.Classes, cq.HideMinor
	}
	if cq.OutletID != 0 {
		if sc.Query.OutletID != 0 && sc.Query.OutletID != cq.OutletID {
			return badRequest("this feed is of another outlet")
		}
		sc.Query.OutletID = cq.OutletID
	}
	filters := url.Values{}
	for _, k := range []string{"outlet", "class", "minor", "event"} {
		if q.Has(k) {
			filters[k] = q[k]
		}
	}
	sc.Filters = filters.Encode()
	return nil
}

// serveFeed answers with a feed document: conditional requests get a 304
// (the ETag is the document's hash, Last-Modified its newest entry) and
// clients that accept gzip get it compressed. A feed is polled far more
// often than it changes, so compressed documents are kept by their hash.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, doc []byte, updated time.Time) {
	sum := sha256.Sum256(doc)
	etag := hex.EncodeToString(sum[:12])
	w.Header().Add("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		gz, ok := s.gzipped.get(sum)
		if !ok {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			_, _ = zw.Write(doc) // writes to memory do not fail
			_ = zw.Close()
			gz = b.Bytes()
			s.gzipped.put(sum, gz)
		}
		doc, etag = gz, etag+"-gz"
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, "", updated, bytes.NewReader(doc))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func (s *Server) buildFeed(ctx context.Context, base string, sc feedScope, ext string) (feed, error) {
	sc.Query.Limit = feedSize
	var cs []store.Change
	var err error
	if sc.Parts.Changes {
		if cs, err = s.cfg.Store.Changes(ctx, sc.Query); err != nil {
			return feed{}, err
		}
	}
	in, err := s.cfg.Store.Instance(ctx)
	if err != nil {
		return feed{}, err
	}
	self := base + sc.Path + "." + ext
	if sc.Filters != "" {
		self += "?" + sc.Filters
	}
	// An empty feed is "updated" now: Atom requires the date.
	fd := feed{Title: sc.Title, ID: feedID(in, sc), HomeURL: base + sc.Home, SelfURL: self, Updated: s.now()}
	for i, c := range viewChanges(cs) {
		content, err := s.entryHTML(ctx, base, cs[i], c)
		if err != nil {
			return feed{}, err
		}
		fd.Entries = append(fd.Entries, feedEntry{
			ID: entryID(in, cs[i].VersionID), Title: entryTitle(c), Link: base + c.DiffPath,
			Summary: entrySummary(c), Content: content, Author: c.OutletName, Updated: c.At, Classes: c.Classes,
		})
	}
	events, err := s.eventEntries(ctx, in, base, sc)
	if err != nil {
		return feed{}, err
	}
	fd.Entries = mergeEntries(fd.Entries, events, feedSize)
	if len(fd.Entries) > 0 {
		fd.Updated = fd.Entries[0].Updated
	}
	return fd, nil
}

// Feed and entry ids are tag URIs (RFC 4151) built from the store's
// instance, never from the host name a request came in on, so that they
// stay the same behind a proxy, under another name or after a move to
// another database. The authority is under .invalid, which nobody can
// own, so they collide with no one's tags; the instance keeps two errata
// stores' ids apart.
const tagAuthority = "errata.invalid"

func tagPrefix(in store.Instance) string {
	return "tag:" + tagAuthority + "," + in.Created.UTC().Format("2006-01-02") + ":" + in.ID + ":"
}

func entryID(in store.Instance, versionID int64) string {
	return tagPrefix(in) + "version:" + strconv.FormatInt(versionID, 10)
}

func feedID(in store.Instance, sc feedScope) string {
	id := tagPrefix(in) + "feed:" + sc.Path
	if sc.Filters != "" {
		id += "?" + sc.Filters
	}
	return id
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
