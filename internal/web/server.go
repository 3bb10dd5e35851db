package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/errata/errata/internal/card"
	"github.com/errata/errata/internal/metrics"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/tlog"
	"golang.org/x/sync/singleflight"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Config is what a Server needs. Store is required.
type Config struct {
	Store      *store.Store
	Policy     schedule.Policy // for "checked every hour" / "won't be checked again" wording
	Metrics    *metrics.Set    // may be nil; when set, /metrics serves it and requests are counted
	AdminToken string          // empty: admin routes answer 404
	// Add starts tracking a URL (admin "add a source") and returns a
	// summary, one line per thing done.
	Add     func(ctx context.Context, url, outlet string) (string, error)
	BaseURL string // absolute base for feed links; empty: taken from the request
	// Notify sends the admin's test notifications (a *notify.Sender);
	// nil: testing a subscription answers 503.
	Notify interface {
		Send(ctx context.Context, sub model.Subscription, p notify.Payload) error
	}
	// Log signs the evidence log's checkpoints; nil: /log/checkpoint and
	// the proof routes answer 404 and version pages show no proof.
	Log    *tlog.Signer
	Logger *slog.Logger
	Now    func() time.Time // nil: time.Now
}

// Server serves errata's pages, feeds and API.
type Server struct {
	cfg   Config
	pages map[string]*template.Template
	log   *slog.Logger
	now   func() time.Time
	diffs *diffCache
	// entries holds rendered feed entries (see entryHTML), gzipped whole
	// compressed feeds (see serveFeed).
	entries *entryCache
	gzipped *gzipCache
	cards   *cardCache

	cardRenderer card.Renderer // parses the fonts on the first card
	cardFlight   singleflight.Group
}

// New checks cfg and parses the embedded templates.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: config has no store")
	}
	if len(cfg.Policy.Tiers) == 0 {
		cfg.Policy = schedule.DefaultPolicy()
	}
	if err := CheckBaseURL(cfg.BaseURL); err != nil {
		return nil, fmt.Errorf("web: base URL: %w", err)
	}
	s := &Server{cfg: cfg, log: cfg.Logger, now: cfg.Now, diffs: newDiffCache(diffCacheBytes, diffCacheEntries),
		entries: newEntryCache(), gzipped: newGzipCache(), cards: newCardCache(cardCacheBytes, cardCacheEntries)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	pages, err := parsePages(s.now)
	if err != nil {
		return nil, err
	}
	s.pages = pages
	return s, nil
}

// CheckBaseURL accepts an empty base URL (links follow each request) or an
// absolute http or https URL without a query or fragment.
func CheckBaseURL(base string) error {
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q is not an absolute http(s) URL such as https://errata.example/", base)
	}
	return nil
}

// Handler returns the routes wrapped in the security headers and, when
// metrics are configured, request counting.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	var h http.Handler = mux
	if s.cfg.Metrics != nil {
		h = s.counted(h)
	}
	return secure(h)
}

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.handleChanges)
	mux.HandleFunc("GET /outlets", s.handleOutlets)
	mux.HandleFunc("GET /outlets/{outlet}", s.handleOutlet)
	mux.HandleFunc("GET /articles/{id}", s.handleArticle)
	mux.HandleFunc("GET /articles/{id}/v/{n}", s.handleVersion)
	mux.HandleFunc("GET /articles/{id}/diff/{a}/{b}", s.handleDiff)
	mux.HandleFunc("GET /articles/{id}/diff", s.handlePick)
	mux.HandleFunc("GET /captures/{hash}", s.handleCapture)
	mux.HandleFunc("GET /captures/{hash}/raw", s.handleCaptureRaw)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /log/checkpoint", s.handleCheckpoint)
	mux.HandleFunc("GET /log/tile/{path...}", s.handleTile)
	s.storyRoutes(mux)
	for _, f := range feedFormats {
		mux.HandleFunc("GET /changes."+f.ext, s.feedHandler(f, s.allScope))
		mux.HandleFunc("GET /outlets/{outlet}/changes."+f.ext, s.feedHandler(f, s.outletScope))
		mux.HandleFunc("GET /articles/{id}/changes."+f.ext, s.feedHandler(f, s.articleScope))
	}
	s.apiRoutes(mux)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	if s.cfg.Metrics != nil {
		mux.Handle("GET /metrics", metricsHandler(s.cfg.Metrics))
	}
	mux.HandleFunc("GET /admin", s.handleAdminForm)
	mux.HandleFunc("POST /admin", s.handleAdminAdd)
	mux.HandleFunc("POST /admin/outlets/{outlet}/rules", s.handleAdminRules)
	mux.HandleFunc("POST /admin/outlets/{outlet}/fetch", s.handleAdminFetch)
	s.sourceRoutes(mux)
	s.notifyRoutes(mux)
	static, _ := fs.Sub(staticFS, "static") // cannot fail: the directory is embedded
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	// Browsers ask for /favicon.ico whatever the page links to.
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, "favicon.svg")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, notFound("page")) })
}

// handleHealth answers 200 when the store answers a query.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Store.Ping(r.Context()); err != nil {
		s.log.Error("health check", slog.Any("err", err))
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "store unavailable")
		return
	}
	fmt.Fprintln(w, "ok")
}
