package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/store"
)

const storyPage = `<!doctype html><html><head><title>Council approves budget</title></head><body>
<article><h1>Council approves budget</h1>
<p>The council approved the budget on Tuesday after a long debate about the new library.</p>
<p>The council will meet again next month to discuss the remaining items on its agenda, officials said.</p>
<p>Residents can read the full plan on the city's website and comment until the end of the year.</p>
</article></body></html>`

// TestQueue_NotifiesLifecycleEventsOnce: an article that goes (404) and
// comes back reaches a subscription asking for gone and back events once
// per event, through the same delivery jobs as changes; a subscription
// without an event filter gets neither.
func TestQueue_NotifiesLifecycleEventsOnce(t *testing.T) {
	ctx := context.Background()
	var gone atomic.Bool
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, storyPage)
	}))
	defer site.Close()
	var mu sync.Mutex
	got := map[string][]notify.Payload{} // by path: one receiver per subscription
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var p notify.Payload
		if !notify.Verify(hookSecret, body, r.Header.Get(notify.SignatureHeader)) || json.Unmarshal(body, &p) != nil {
			t.Errorf("webhook: unsigned or unreadable body")
		}
		if r.Header.Get("X-Errata-Event") != p.Event {
			t.Errorf("X-Errata-Event %q for a %q payload", r.Header.Get("X-Errata-Event"), p.Event)
		}
		mu.Lock()
		got[r.URL.Path] = append(got[r.URL.Path], p)
		mu.Unlock()
	}))
	defer hook.Close()
	e := newQueueEngine(t)
	e.Policy.GoneEvery = time.Second
	for _, s := range []model.Subscription{
		{Name: "lifecycle", URL: hook.URL + "/lifecycle", Secret: hookSecret, Events: []string{"gone", "back"}},
		{Name: "changes", URL: hook.URL + "/changes", Secret: hookSecret},
	} {
		if _, err := e.Store.AddSubscription(ctx, s, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.AddURL(ctx, site.URL+"/2026/11/20/budget", ""); err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, e, Config{Deliver: newDeliverer(e)})
	e.OnVersion, e.OnEvent = q.EnqueueDeliveries, q.EnqueueEventDeliveries
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	received := func(event string) bool {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range got["/lifecycle"] {
			if p.Event == event {
				return true
			}
		}
		return false
	}
	gone.Store(true)
	waitFor(t, "the gone event delivered", func() bool { return received("gone") })
	gone.Store(false)
	waitFor(t, "the back event delivered", func() bool { return received("back") })
	// A few more rounds of checks: nothing is delivered twice.
	for range 2 {
		since := time.Now()
		waitFor(t, "another round of checks", func() bool { return checkedSince(t, e.Store, since) })
	}
	if err := q.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got["/changes"]) != 0 {
		t.Errorf("the changes-only subscription got %d payloads, want none", len(got["/changes"]))
	}
	ps := got["/lifecycle"]
	if len(ps) != 2 || ps[0].Event != "gone" || ps[1].Event != "back" {
		t.Fatalf("lifecycle subscription got %+v, want gone then back, once each", ps)
	}
	if ps[0].Status != http.StatusNotFound || ps[0].EventID == 0 || ps[0].EventURL == "" || ps[0].Text == "" || ps[0].HTML == "" {
		t.Errorf("gone payload %+v", ps[0])
	}
	evs, err := e.Store.Events(ctx, store.EventQuery{})
	if err != nil || len(evs) != 2 {
		t.Fatalf("events recorded: %d, %v", len(evs), err)
	}
}
