// Command newsroom serves errata's simulated outlets on loopback and
// advances their script of revisions at a fixed pace, for trying errata
// by hand without the internet.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

func main() {
	every := flag.Duration("every", 10*time.Second, "time between two steps of the revision script")
	articles := flag.Int("articles", newsroom.DefaultArticlesPerOutlet, "articles per outlet")
	seed := flag.Int64("seed", 1, "seed of the generated outlets")
	endless := flag.Bool("endless", true, "keep publishing and revising after the script ends")
	flag.Parse()

	n := newsroom.New(newsroom.Config{
		Seed: *seed, ArticlesPerOutlet: *articles, Endless: *endless,
		Epoch: time.Now().UTC(), StepInterval: *every,
	})
	if err := n.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "newsroom: %v\n", err)
		os.Exit(1)
	}
	defer n.Close()
	for _, o := range n.Outlets() {
		fmt.Printf("%-24s %s  feed %s  news sitemap %s\n", o.Name, o.BaseURL, o.FeedURL, o.NewsSitemapURL)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	tick := time.NewTicker(*every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			n.Advance()
			fmt.Printf("step %d\n", n.Step())
		}
	}
}
