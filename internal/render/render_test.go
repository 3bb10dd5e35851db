package render

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
)

const scriptPage = `<!DOCTYPE html><html><head><title>Late text</title></head><body>
<article id="story"><h1>Late text</h1></article>
<script>
window.addEventListener("load", () => setTimeout(() => {
	const p = document.createElement("p");
	p.textContent = ["Inserted by", "the page's script", "after load."].join(" ");
	document.getElementById("story").appendChild(p);
	fetch("/body.json").then(r => r.json()).then(j => {
		const q = document.createElement("p");
		q.textContent = j.text;
		document.getElementById("story").appendChild(q);
	});
}, 50));
</script></body></html>`

func TestRender_ScriptTextInDOMNotInRaw(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/story", html(scriptPage))
	mux.HandleFunc("/body.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"text":"Fetched from the JSON endpoint."}`))
	})
	s := newPageSite(t, mux)
	r := newRenderer(t, s.client(t), Config{})

	p, err := r.Render(context.Background(), s.url("news.test", "/story"), fetch.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	dom := string(p.DOM)
	for _, want := range []string{"Inserted by the page's script after load.", "Fetched from the JSON endpoint."} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %q:\n%s", want, dom)
		}
		if strings.Contains(string(p.Raw.Body), want) {
			t.Errorf("raw page already holds %q", want)
		}
	}
	if !strings.HasPrefix(dom, "<!DOCTYPE html>") {
		t.Errorf("DOM does not start with its doctype: %.60q", dom)
	}
	if got := s.hit("/story"); got != 1 {
		t.Errorf("page fetched %d times, want once (the browser gets it from memory)", got)
	}
}

func TestRender_NotModifiedAndGoneAreNotRendered(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		http.NotFound(w, r)
	})
	s := newPageSite(t, mux)
	// No browser is needed for these answers: none must start.
	r := New(s.client(t), Config{Chromium: "/nonexistent/chromium"})
	defer r.Close()
	for _, v := range []fetch.Validators{{ETag: `"v1"`}, {}} {
		p, err := r.Render(context.Background(), s.url("news.test", "/old"), v)
		if err != nil {
			t.Fatal(err)
		}
		if p.DOM != nil || (p.Raw.Status != http.StatusNotModified && p.Raw.Status != http.StatusNotFound) {
			t.Errorf("status %d, DOM %q: want the raw answer alone", p.Raw.Status, p.DOM)
		}
	}
	if r.Started() != 0 {
		t.Errorf("%d browsers started for pages that need none", r.Started())
	}
}

func TestRender_RobotsDisallowedPageNeverLoads(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/robots.txt", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /private\n"))
	}))
	mux.Handle("/private", html(scriptPage))
	s := newPageSite(t, mux)
	r := New(s.client(t), Config{Chromium: "/nonexistent/chromium"})
	defer r.Close()
	_, err := r.Render(context.Background(), s.url("news.test", "/private"), fetch.Validators{})
	if !errors.Is(err, fetch.ErrRobotsDisallowed) {
		t.Fatalf("err = %v, want ErrRobotsDisallowed", err)
	}
	if s.hit("/private") != 0 {
		t.Error("a page robots.txt disallows was requested")
	}
}

// TestRender_OneBrowserAtMostTabsPages renders several pages at once with
// two tabs: one browser serves them all, and no more than two pages are
// ever loading their text at the same time.
func TestRender_OneBrowserAtMostTabsPages(t *testing.T) {
	var inFlight, most atomic.Int64
	mux := http.NewServeMux()
	mux.Handle("/story", html(scriptPage))
	mux.HandleFunc("/body.json", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(200 * time.Millisecond) // keeps pages loading side by side
		w.Write([]byte(`{"text":"Fetched from the JSON endpoint."}`))
	})
	s := newPageSite(t, mux)
	const tabs, pages = 2, 5
	r := newRenderer(t, s.client(t), Config{Tabs: tabs})
	var wg sync.WaitGroup
	errs := make(chan error, pages)
	for range pages {
		wg.Go(func() {
			p, err := r.Render(context.Background(), s.url("news.test", "/story"), fetch.Validators{})
			if err == nil && !strings.Contains(string(p.DOM), "Fetched from the JSON endpoint.") {
				err = errors.New("rendered page lacks its text")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if m := most.Load(); m > tabs || m == 0 {
		t.Errorf("%d pages loaded at once, want between 1 and %d", m, tabs)
	}
	if r.Started() != 1 {
		t.Errorf("%d browsers started, want 1", r.Started())
	}
}
