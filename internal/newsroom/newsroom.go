package newsroom

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for Config's zero values.
const (
	DefaultOutlets           = 3
	DefaultArticlesPerOutlet = 6
	DefaultStepInterval      = 30 * time.Minute
	DefaultAccessLogSize     = 1 << 20
	readHeaderTimeout        = 10 * time.Second
)

// DefaultEpoch is when step 0 happens unless Config.Epoch says otherwise;
// fixed so that the same seed renders the same pages.
var DefaultEpoch = time.Date(2026, time.November, 23, 8, 0, 0, 0, time.UTC)

// Config shapes a newsroom. Zero values take the defaults above.
type Config struct {
	Seed              int64
	Outlets           int  // each outlet has its own listener, template and CMS style
	ArticlesPerOutlet int  // published at step 0; scales to 10,000 (generated lazily)
	Endless           bool // after the script, every Advance publishes and revises
	// Epoch is the simulated time of step 0; the demo sets it to time.Now().
	Epoch time.Time
	// StepInterval is the simulated time between steps; published and
	// Last-Modified dates follow it.
	StepInterval time.Duration
	// SharedStories makes outlets reprint agency stories and report shared
	// events (see shared.go), so stories across outlets form; the demo
	// sets it.
	SharedStories bool
	// ScriptOutlets adds two outlets after the others whose article text
	// is not in the HTML: one inserts it from an inline script after
	// load, one fetches it from a JSON endpoint. Off by default, so the
	// other outlets and their script stay as they are.
	ScriptOutlets bool
	// AccessLogSize bounds AccessLog (a ring of the latest requests).
	AccessLogSize int
	// Addrs are the addresses Start listens on, one per outlet in order;
	// an outlet without one gets 127.0.0.1:0 (a free port). The demo
	// gives the ports of an earlier run, so the articles it kept are
	// served where they were found.
	Addrs []string
}

func (c Config) withDefaults() Config {
	if c.Outlets <= 0 {
		c.Outlets = DefaultOutlets
	}
	if c.ArticlesPerOutlet <= 0 {
		c.ArticlesPerOutlet = DefaultArticlesPerOutlet
	}
	if c.Epoch.IsZero() {
		c.Epoch = DefaultEpoch
	}
	if c.StepInterval <= 0 {
		c.StepInterval = DefaultStepInterval
	}
	if c.AccessLogSize <= 0 {
		c.AccessLogSize = DefaultAccessLogSize
	}
	return c
}

// Newsroom is a set of simulated outlets driven by a script. Serving,
// Advance and Truth are safe to call concurrently.
type Newsroom struct {
	cfg      Config
	outlets  []*outlet
	handlers []http.Handler
	log      *accessLog
	requests atomic.Uint64 // seeds per-request churn

	mu    sync.RWMutex // guards everything below and outlet routes/extras
	step  int
	ops   map[key][]op
	gone  map[key]bool
	typos []pendingTypo

	srvMu   sync.Mutex
	servers []*http.Server
	bases   []string
}

// New builds a newsroom at step 0. It generates only titles up front (for
// routing); article bodies are regenerated from the seed when requested.
func New(cfg Config) *Newsroom {
	cfg = cfg.withDefaults()
	n := &Newsroom{
		cfg:  cfg,
		log:  newAccessLog(cfg.AccessLogSize),
		ops:  map[key][]op{},
		gone: map[key]bool{},
	}
	for i := range cfg.Outlets {
		n.outlets = append(n.outlets, newOutlet(i))
	}
	if cfg.ScriptOutlets {
		n.outlets = append(n.outlets, newScriptOutlet(cfg.Outlets, scriptInline), newScriptOutlet(cfg.Outlets+1, scriptJSON))
	}
	n.bases = make([]string, len(n.outlets))
	for o := range n.outlets {
		for i := range cfg.ArticlesPerOutlet {
			n.register(n.metaFor(key{outlet: o, index: i}, 0))
		}
	}
	n.planScript()
	for i := range n.outlets {
		n.handlers = append(n.handlers, n.newHandler(i))
	}
	return n
}

// Start serves every outlet on its own listener: Config.Addrs, or
// 127.0.0.1:0.
func (n *Newsroom) Start() error {
	n.srvMu.Lock()
	defer n.srvMu.Unlock()
	if n.servers != nil {
		return errors.New("newsroom: already started")
	}
	for i, h := range n.handlers {
		addr := "127.0.0.1:0"
		if i < len(n.cfg.Addrs) && n.cfg.Addrs[i] != "" {
			addr = n.cfg.Addrs[i]
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			n.closeLocked()
			return fmt.Errorf("newsroom: listen for outlet %d: %w", i, err)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout}
		n.servers = append(n.servers, srv)
		n.bases[i] = "http://" + ln.Addr().String()
		go srv.Serve(ln) //nolint:errcheck // Serve always errs on Close.
	}
	return nil
}

// Close stops every listener Start opened.
func (n *Newsroom) Close() {
	n.srvMu.Lock()
	defer n.srvMu.Unlock()
	n.closeLocked()
}

func (n *Newsroom) closeLocked() {
	for _, s := range n.servers {
		s.Close()
	}
	n.servers = nil
}

// Handler returns outlet i's handler, the one Start serves. Unknown outlets
// get a handler that answers 404.
func (n *Newsroom) Handler(outlet int) http.Handler {
	if outlet < 0 || outlet >= len(n.handlers) {
		return http.NotFoundHandler()
	}
	return n.handlers[outlet]
}

// SetBaseURL tells the newsroom where outlet i is served when the caller
// serves Handler itself (httptest); Truth and Outlets use it for absolute URLs.
func (n *Newsroom) SetBaseURL(outlet int, base string) {
	n.srvMu.Lock()
	defer n.srvMu.Unlock()
	if outlet >= 0 && outlet < len(n.bases) {
		n.bases[outlet] = base
	}
}

func (n *Newsroom) baseURL(outlet int) string {
	n.srvMu.Lock()
	defer n.srvMu.Unlock()
	return n.bases[outlet]
}

// Step is the current step, from 0.
func (n *Newsroom) Step() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.step
}

// Steps is the length of the scripted part: steps 0..Steps()-1.
func (n *Newsroom) Steps() int { return scriptSteps }

// Advance moves to the next step. Without Endless it stops at the last
// scripted step.
func (n *Newsroom) Advance() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.step+1 >= scriptSteps && !n.cfg.Endless {
		return
	}
	n.step++
	if n.step >= scriptSteps {
		n.advanceEndless(n.step)
	}
}

// meta returns k's fixed part. Callers hold n.mu.
func (n *Newsroom) meta(k key) meta {
	pub := 0
	if i := k.index - n.cfg.ArticlesPerOutlet; i >= 0 {
		pub = n.outlets[k.outlet].extras[i]
	}
	return n.metaFor(k, pub)
}

// register routes a newly published article, remembering its slug when it
// had to be made unique.
func (n *Newsroom) register(m meta) {
	if got := n.claimPath(m, m.slug, m.pubStep); got != m.slug {
		n.outlets[m.key.outlet].slugs[m.key.index] = got
	}
}
