// Command loadbench seeds a store with many articles and versions, serves
// errata's web UI from it on loopback and drives the history and diff
// pages at a fixed rate, printing latency percentiles. Traffic goes only
// to the server it starts itself, bounded by --rate and --duration.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/errata/errata/internal/loadbench"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/web"
)

func main() {
	data := flag.String("data", "", "data directory to seed or reuse (default: a temporary one)")
	articles := flag.Int("articles", 100_000, "articles to seed")
	versions := flag.Int("versions", 10, "versions per article")
	rate := flag.Int("rate", 500, "requests per second")
	duration := flag.Duration("duration", 30*time.Second, "length of the measured run")
	warmup := flag.Duration("warmup", 5*time.Second, "unmeasured run before it")
	flag.Parse()
	if err := run(*data, *articles, *versions, *rate, *duration, *warmup); err != nil {
		fmt.Fprintf(os.Stderr, "loadbench: %v\n", err)
		os.Exit(1)
	}
}

func run(data string, articles, versions, rate int, duration, warmup time.Duration) error {
	ctx := context.Background()
	if data == "" {
		dir, err := os.MkdirTemp("", "errata-loadbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		data = dir
	}
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	st, err := store.Open(ctx, filepath.Join(data, "errata.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seedIfEmpty(ctx, st, articles, versions); err != nil {
		return err
	}
	srv, err := web.New(web.Config{Store: st})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024}}

	next := pages(base, articles, versions)
	loadbench.Run(ctx, client, rate, warmup, next)
	res := loadbench.Run(ctx, client, rate, duration, next)
	fmt.Printf("store: %d articles × %d versions; pages: half history, half side-by-side diff\n", articles, versions)
	fmt.Printf("target %d req/s for %s: %s\n", rate, duration, res)
	if res.Errors > 0 || res.StatusNot200 > 0 {
		return errors.New("some requests failed")
	}
	return nil
}

func seedIfEmpty(ctx context.Context, st *store.Store, articles, versions int) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if stats.Articles > 0 {
		fmt.Printf("reusing store: %d articles, %d versions\n", stats.Articles, stats.Versions)
		return nil
	}
	s, err := loadbench.Seed(ctx, st, articles, versions, 1)
	if err != nil {
		return err
	}
	fmt.Printf("seeded %d articles, %d versions in %s\n", s.Articles, s.Versions, s.Took.Round(time.Second))
	return nil
}

// pages picks, per request, a random article's history or a diff between
// two of its neighbouring versions.
func pages(base string, articles, versions int) func(int) string {
	r := rand.New(rand.NewPCG(42, 1))
	return func(i int) string {
		id := 1 + r.IntN(articles)
		if i%2 == 0 || versions < 2 {
			return fmt.Sprintf("%s/articles/%d", base, id)
		}
		a := r.IntN(versions - 1)
		return fmt.Sprintf("%s/articles/%d/diff/%d/%d", base, id, a, a+1)
	}
}
