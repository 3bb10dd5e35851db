package render

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
)

// TestRender_BrowserKilledMidRenderIsRetried kills the browser while the
// page waits for its text: the render starts again in a new browser and
// returns the text, so the check is not lost.
func TestRender_BrowserKilledMidRenderIsRetried(t *testing.T) {
	testLostBrowser(t, syscall.SIGKILL, Config{})
}

// TestRender_HungBrowserIsReplaced stops the browser process mid-render:
// it no longer answers, the render runs out of time, the browser is found
// hung and replaced, and the render succeeds in the new one.
func TestRender_HungBrowserIsReplaced(t *testing.T) {
	testLostBrowser(t, syscall.SIGSTOP, Config{Timeout: 10 * time.Second, IdleTimeout: 3 * time.Second})
}

func testLostBrowser(t *testing.T, sig syscall.Signal, cfg Config) {
	reached := make(chan struct{})
	release := make(chan struct{})
	var calls atomic.Int64
	mux := http.NewServeMux()
	mux.Handle("/story", html(scriptPage))
	mux.HandleFunc("/body.json", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			close(reached)
			<-release
			return
		}
		w.Write([]byte(`{"text":"Fetched from the JSON endpoint."}`))
	})
	s := newPageSite(t, mux)
	defer close(release)
	r := newRenderer(t, s.client(t), cfg)

	done := make(chan error, 1)
	var page *Page
	go func() {
		var err error
		page, err = r.Render(context.Background(), s.url("news.test", "/story"), fetch.Validators{})
		done <- err
	}()
	select {
	case <-reached:
	case err := <-done:
		t.Fatalf("render ended before the page asked for its text: %v", err)
	}
	r.mu.Lock()
	pid := r.b.pid()
	r.mu.Unlock()
	if pid == 0 {
		t.Fatal("no browser process")
	}
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("render lost: %v", err)
	}
	if !strings.Contains(string(page.DOM), "Fetched from the JSON endpoint.") {
		t.Errorf("retried render lacks the text:\n%.2000s", page.DOM)
	}
	if r.Started() != 2 {
		t.Errorf("%d browsers started, want 2", r.Started())
	}
	if s.hit("/story") != 1 {
		t.Errorf("page fetched %d times, want once: the retry renders the same response", s.hit("/story"))
	}
}
