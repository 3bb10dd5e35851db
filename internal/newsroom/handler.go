package newsroom

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// newHandler wires one outlet's routes. Everything it serves goes through
// the access log.
func (n *Newsroom) newHandler(o int) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", n.serveRobots)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { n.serveHome(w, r, o) })
	mux.HandleFunc("GET /search", func(w http.ResponseWriter, r *http.Request) { n.serveSearch(w, r, o) })
	mux.HandleFunc("/admin/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	})
	mux.HandleFunc("GET /static/", serveAsset)
	mux.HandleFunc("GET /_next/static/", serveAsset)
	mux.HandleFunc("GET "+pathNewsSitemap, func(w http.ResponseWriter, r *http.Request) { n.serveNewsSitemap(w, r, o) })
	mux.HandleFunc("GET "+pathSitemapIndex, n.serveSitemapIndex)
	mux.HandleFunc("GET "+pathSitemap, func(w http.ResponseWriter, r *http.Request) { n.serveSitemap(w, r, o) })
	switch n.outlets[o].style {
	case styleWordPress:
		mux.HandleFunc("GET "+pathRSS, func(w http.ResponseWriter, r *http.Request) { n.serveRSS(w, r, o) })
	case styleNext:
		mux.HandleFunc("GET "+pathAtom, func(w http.ResponseWriter, r *http.Request) { n.serveAtom(w, r, o) })
	case styleLegacy:
		mux.HandleFunc("GET "+pathRDF, func(w http.ResponseWriter, r *http.Request) { n.serveRDF(w, r, o) })
	}
	if n.outlets[o].script == scriptJSON {
		mux.HandleFunc("GET "+pathStoryAPI+"/", func(w http.ResponseWriter, r *http.Request) { n.serveStoryJSON(w, r, o) })
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		n.serveArticle(w, r, o)
	})
	return n.logged(mux)
}

// baseOf is the absolute origin the request came in on, so pages served
// through httptest carry the right absolute links.
func baseOf(r *http.Request) string {
	return "http://" + r.Host
}

func (n *Newsroom) serveRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /admin/\nDisallow: /search\nAllow: /\n\nSitemap: %s%s\nSitemap: %s%s\n",
		baseOf(r), pathSitemapIndex, baseOf(r), pathNewsSitemap)
}

func serveAsset(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasSuffix(r.URL.Path, ".css"):
		w.Header().Set("Content-Type", "text/css")
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		fmt.Fprint(w, "body{font-family:Georgia,serif;max-width:42em;margin:auto}.ad-slot{min-height:90px}\n")
	case strings.HasSuffix(r.URL.Path, ".js"):
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, "/* analytics */\n")
	default:
		http.NotFound(w, r)
	}
}

// page is a rendered response plus what the outlet's caching policy needs.
type page struct {
	body        []byte
	contentType string
	etag        string    // set only by outlets that send ETags
	modified    time.Time // zero when the outlet sends no Last-Modified
}

// send writes p with the outlet's validators. ServeContent answers
// conditional requests (304) from the ETag and Last-Modified it is given.
func (n *Newsroom) send(w http.ResponseWriter, r *http.Request, o int, p page) {
	h := w.Header()
	h.Set("Content-Type", p.contentType)
	h.Set("Vary", "Accept-Encoding")
	switch n.outlets[o].style {
	case styleWordPress:
		h.Set("Cache-Control", "no-cache, must-revalidate, max-age=0")
		writeMaybeGzip(w, r, p.body)
		return
	case styleNext:
		h.Set("ETag", p.etag)
		h.Set("Cache-Control", "public, max-age=0, s-maxage=60")
		h.Set("X-Cache", "HIT")
	}
	http.ServeContent(w, r, "", p.modified, bytes.NewReader(p.body))
}

// writeMaybeGzip compresses like a WordPress host's nginx does, so the
// client's decompression path gets exercised.
func writeMaybeGzip(w http.ResponseWriter, r *http.Request, body []byte) {
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead {
		w.Write(body) //nolint:errcheck // the client went away; nothing to do.
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	gz := gzip.NewWriter(w)
	gz.Write(body) //nolint:errcheck
	gz.Close()     //nolint:errcheck
}

func (n *Newsroom) notFound(w http.ResponseWriter, r *http.Request, o int, status int) {
	body, ctype, err := n.renderNotFound(r, o)
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(body) //nolint:errcheck
}

func (n *Newsroom) serveSearch(w http.ResponseWriter, r *http.Request, o int) {
	n.notFound(w, r, o, http.StatusOK)
}

// serveStoryJSON answers a scriptJSON outlet's page script with the text
// of the article at the rest of the path.
func (n *Newsroom) serveStoryJSON(w http.ResponseWriter, r *http.Request, o int) {
	st, res := n.lookup(o, strings.TrimPrefix(r.URL.Path, pathStoryAPI))
	if res != lookupFound {
		http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		return
	}
	body, err := json.Marshal(map[string]any{"title": st.c.Title, "paragraphs": st.c.Paragraphs()})
	if err != nil {
		http.Error(w, `{"error":"render failed"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body) //nolint:errcheck // the client went away; nothing to do.
}
