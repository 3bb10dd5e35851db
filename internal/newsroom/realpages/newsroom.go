package realpages

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"sync"
)

// Config shapes a run.
type Config struct {
	Dir      string // the article-extraction-benchmark folder
	Seed     uint64 // with the request number, fixes every response
	Articles int    // how many located pages to serve; 0 serves all
}

// Outlet is one simulated site.
type Outlet struct {
	Name, FeedURL string
}

// Newsroom serves the chosen pages as several outlets and advances their
// scripts step by step. Serving, Advance and Truth are safe to call
// concurrently.
type Newsroom struct {
	cfg      Config
	articles []*article
	servers  []*httptest.Server
	located  int // pages located reliably, of total
	total    int

	mu   sync.RWMutex
	step int
}

// Load locates the corpus's articles and scripts the chosen ones. It
// returns an error wrapping ErrMissing when the folder is absent.
func Load(cfg Config) (*Newsroom, error) {
	all, err := locateAll(cfg.Dir)
	if err != nil {
		return nil, err
	}
	if len(all.pages) == 0 {
		return nil, fmt.Errorf("realpages: no page of %d located reliably", all.total)
	}
	n := &Newsroom{cfg: cfg, located: len(all.pages), total: all.total}
	for i, p := range choose(all.pages, cfg.Articles) {
		n.articles = append(n.articles, newArticle(i, p, cfg.Seed))
	}
	return n, nil
}

// Located reports how many corpus pages had their article located
// reliably, of how many.
func (n *Newsroom) Located() (kept, total int) { return n.located, n.total }

// Start serves every outlet on its own loopback listener.
func (n *Newsroom) Start() {
	for o := range styles {
		n.servers = append(n.servers, httptest.NewServer(n.handler(o)))
	}
	var pool []link
	for _, a := range n.articles {
		a.url = n.servers[a.outlet].URL + a.path
		pool = append(pool, link{title: a.page.title, url: a.url})
	}
	for _, a := range n.articles {
		a.pool = pool
	}
}

// Close stops the servers.
func (n *Newsroom) Close() {
	for _, s := range n.servers {
		s.Close()
	}
}

// Outlets lists the outlets with their feeds; valid after Start.
func (n *Newsroom) Outlets() []Outlet {
	var out []Outlet
	for o, s := range n.servers {
		out = append(out, Outlet{Name: styles[o].outlet, FeedURL: s.URL + styles[o].feed})
	}
	return out
}

// Step is the current step, from 0 to Steps-1.
func (n *Newsroom) Step() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.step
}

// Advance moves every script one step on, up to the last.
func (n *Newsroom) Advance() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.step = min(n.step+1, Steps-1)
}

// Articles is how many articles are served.
func (n *Newsroom) Articles() int { return len(n.articles) }

// newArticle scripts page p as the i-th article.
func newArticle(i int, p *page, seed uint64) *article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	a := &article{index: i, page: p, outlet: i % len(styles), served: map[int]bool{}, cache: map[int]string{}}
	a.path = fmt.Sprintf(styles[a.outlet].path, slug(p.title, p.id))
	a.events = scriptFor(i, p, r)
	a.states = statesOf(p, a.events)
	for _, j := range r.Perm(len(captions))[:slideCount] {
		a.slides = append(a.slides, captions[j])
	}
	return a
}
