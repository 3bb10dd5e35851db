package web

import (
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// A capture is the response errata received, kept as evidence of what was
// served. It is an outlet's page, with its scripts and its references to
// the outlet's other resources: errata shows it inside its own page, in a
// sandboxed frame, and serves it under a policy that lets no script run
// and nothing load from anywhere but errata itself (where none of the
// outlet's resources are), so opening it never runs the outlet's code or
// tells the outlet that someone looked.

// captureCSP is the policy of a capture's own document: a sandbox without
// scripts, forms, popups or same-origin access; its inline styles only;
// images from errata's host only (none are archived, so in effect none);
// framed by errata's pages alone.
const captureCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; " +
	"form-action 'none'; base-uri 'none'; frame-ancestors 'self'"

// capturePageCSP is the wrapper page's policy: the site's own, plus a
// frame from errata's host.
const capturePageCSP = contentSecurityPolicy + "; frame-src 'self'"

// captureMaxAge: captures never change, but a purge may remove one.
const captureMaxAge = time.Hour

func capturePath(hash string) string    { return "/captures/" + hash }
func captureRawPath(hash string) string { return "/captures/" + hash + "/raw" }

// capturePage is the wrapper page of one capture.
type capturePage struct {
	Capture model.Capture
	Link    string // the captured URL when it is safe to link
	RawPath string
	Type    string
}

// captureRequest reads the hash in the path and the capture it names; it
// answers the request itself and reports false when either is wrong.
func (s *Server) captureRequest(w http.ResponseWriter, r *http.Request) (model.Capture, bool) {
	hash := r.PathValue("hash")
	if !archive.ValidHash(hash) {
		s.fail(w, r, notFound("capture"))
		return model.Capture{}, false
	}
	c, err := s.cfg.Store.Capture(r.Context(), hash)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "capture"))
		return model.Capture{}, false
	}
	return c, true
}

func (s *Server) handleCapture(w http.ResponseWriter, r *http.Request) {
	c, ok := s.captureRequest(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Security-Policy", capturePageCSP)
	p := capturePage{Capture: c, Link: safeLink(c.URL), RawPath: captureRawPath(c.Hash), Type: contentType(c)}
	s.render(w, r, http.StatusOK, "capture", pageData{Title: "The page as received", Data: p})
}

// handleCaptureRaw serves the captured body itself, under captureCSP.
func (s *Server) handleCaptureRaw(w http.ResponseWriter, r *http.Request) {
	c, ok := s.captureRequest(w, r)
	if !ok {
		return
	}
	body, err := s.cfg.Store.CaptureContent(r.Context(), c.Hash)
	if errors.Is(err, archive.ErrCorrupt) {
		s.log.Error("capture damaged", slog.String("hash", c.Hash), slog.Any("err", err))
		s.fail(w, r, &httpError{status: http.StatusInternalServerError, msg: "this capture is damaged in the store: its body no longer matches its hash"})
		return
	}
	if err != nil {
		s.fail(w, r, notFoundIf(err, "capture"))
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", captureCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", contentType(c))
	h.Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(captureMaxAge.Seconds())))
	h.Set("ETag", `"`+c.Hash+`"`)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, `"`+c.Hash+`"`) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(body)
}

// contentType is the type a capture is served as: its own when it is an
// HTML or XML document type, with its charset, so the text decodes as it
// did for the outlet's readers; otherwise plain text, never anything a
// browser would run.
func contentType(c model.Capture) string {
	raw := ""
	for k, v := range c.Header {
		if strings.EqualFold(k, "Content-Type") && len(v) > 0 {
			raw = v[0]
		}
	}
	mt, params, err := mime.ParseMediaType(raw)
	if err != nil {
		return "text/html"
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
	default:
		mt = "text/plain"
	}
	if cs := params["charset"]; cs != "" {
		return mime.FormatMediaType(mt, map[string]string{"charset": cs})
	}
	return mt
}

// evidence is what a version page says of the capture it was read from,
// and how to cite it.
type evidence struct {
	Capture     model.Capture
	CapturePath string
	Permalink   string // absolute
	TextHash    string
	// Log is where the version stands in the evidence log; nil when the
	// server signs no checkpoints or the version has no leaf.
	Log *logPlace
}

// logPlace is a version's leaf and the tree it is proven against.
type logPlace struct {
	Leaf, TreeSize            int64
	ProofPath, CheckpointPath string
}

// versionEvidence looks up a version's capture; nil when the capture is
// not in the store (versions imported without one, or purged captures).
func (s *Server) versionEvidence(r *http.Request, v model.Version) (*evidence, error) {
	ev := &evidence{Permalink: s.baseURL(r) + versionPath(v.ArticleID, v.Seq), TextHash: v.Hash}
	var err error
	if ev.Log, err = s.logPlace(r, v); err != nil {
		return nil, err
	}
	if !archive.ValidHash(v.CaptureHash) {
		return ev, nil
	}
	c, err := s.cfg.Store.Capture(r.Context(), v.CaptureHash)
	if errors.Is(err, store.ErrNotFound) {
		return ev, nil
	}
	if err != nil {
		return nil, err
	}
	ev.Capture, ev.CapturePath = c, capturePath(c.Hash)
	return ev, nil
}

// logPlace finds the version's leaf; the page links to the proof against
// the checkpoint rather than signing one itself, so showing a page never
// writes.
func (s *Server) logPlace(r *http.Request, v model.Version) (*logPlace, error) {
	if s.cfg.Log == nil {
		return nil, nil
	}
	leaf, err := s.cfg.Store.VersionLeaf(r.Context(), v.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	size, err := s.cfg.Store.LogSize(r.Context())
	if err != nil {
		return nil, err
	}
	return &logPlace{Leaf: leaf, TreeSize: size, CheckpointPath: "/log/checkpoint",
		ProofPath: fmt.Sprintf("/api/v1/articles/%d/versions/%d/proof?size=%d", v.ArticleID, v.Seq, size)}, nil
}
