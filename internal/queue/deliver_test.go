package queue

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/notify/mailtest"
	"github.com/errata/errata/internal/store"
)

const hookSecret = "s3cret"

// hook is a webhook receiver that verifies every signature. Its first
// request is held until release is closed and then answered 500, so the
// test can see checks go on meanwhile and the delivery retried.
type hook struct {
	t       *testing.T
	arrived chan struct{} // closed when the first request arrives
	release chan struct{}

	mu       sync.Mutex
	requests int
	got      map[int64]int // version id -> deliveries accepted
	payloads []notify.Payload
}

func newHook(t *testing.T) (*hook, *httptest.Server) {
	h := &hook{t: t, arrived: make(chan struct{}), release: make(chan struct{}), got: map[int64]int{}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if !notify.Verify(hookSecret, body, r.Header.Get(notify.SignatureHeader)) {
		h.t.Errorf("webhook: bad signature %q", r.Header.Get(notify.SignatureHeader))
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	h.mu.Lock()
	h.requests++
	first := h.requests == 1
	h.mu.Unlock()
	if first {
		close(h.arrived)
		select {
		case <-h.release:
		case <-time.After(waitBound):
		}
		http.Error(w, "not yet", http.StatusInternalServerError)
		return
	}
	var p notify.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		h.t.Errorf("webhook: %v", err)
	}
	h.mu.Lock()
	h.got[p.VersionID]++
	h.payloads = append(h.payloads, p)
	h.mu.Unlock()
}

func (h *hook) accepted() (map[int64]int, []notify.Payload, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[int64]int{}
	for k, v := range h.got {
		out[k] = v
	}
	return out, slices.Clone(h.payloads), h.requests
}

// subscribe adds the webhook and the mailbox, both for headline changes
// and corrections.
func subscribe(t *testing.T, st *store.Store, hookURL, smtpAddr string) {
	t.Helper()
	classes := []string{"headline", "correction"}
	for _, s := range []model.Subscription{
		{Name: "hook", URL: hookURL, Secret: hookSecret, Classes: classes},
		{Name: "inbox", URL: "smtp://" + smtpAddr + "/?from=errata@example.com&to=desk@example.com", Classes: classes},
	} {
		if _, err := st.AddSubscription(context.Background(), s, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func newDeliverer(e *jobs.Engine) *jobs.Deliverer {
	fc := fetch.New(fetch.Config{AllowPrivate: true})
	return &jobs.Deliverer{
		Store: e.Store, Send: &notify.Sender{Post: fc, Dial: fc.DialContext},
		BaseURL: "https://errata.example", Now: time.Now, Log: e.Log,
	}
}

// matching lists the recorded changes classed headline or correction.
func matching(t *testing.T, st *store.Store) map[int64]model.Version {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]model.Version{}
	for _, a := range arts {
		vs, err := st.Versions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.Seq > 0 && (slices.Contains(v.Classes, "headline") || slices.Contains(v.Classes, "correction")) {
				out[v.ID] = v
			}
		}
	}
	return out
}

func delivered(t *testing.T, st *store.Store) int {
	t.Helper()
	ds, err := st.Deliveries(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range ds {
		if d.Status == model.DeliveryDelivered {
			n++
		}
	}
	return n
}

// TestQueue_NotifiesEachChangeOncePerChannel crawls the newsroom through
// its scripted headline change (step 1) and correction (step 6) with a
// webhook and a mailbox subscribed: every matching change reaches each
// channel exactly once, signed, with its diff; the webhook's first
// delivery hangs and then fails, checks go on meanwhile, and the delivery
// is retried.
func TestQueue_NotifiesEachChangeOncePerChannel(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	nr := newsroom.New(newsroom.Config{Seed: 7})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	h, hookSrv := newHook(t)
	mb := mailtest.Start(t)
	e := newQueueEngine(t)
	subscribe(t, e.Store, hookSrv.URL+"/errata", mb.Addr)
	for _, o := range nr.Outlets() {
		if _, err := e.AddURL(ctx, o.FeedURL, ""); err != nil {
			t.Fatal(err)
		}
	}
	q := newQueue(t, e, Config{Deliver: newDeliverer(e)})
	e.OnVersion = q.EnqueueDeliveries
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	const steps = 6
	for step := 1; step <= steps; step++ {
		for range 2 {
			since := time.Now()
			waitFor(t, "every article checked", func() bool { return checkedSince(t, e.Store, since) })
		}
		nr.Advance()
		if step == 1 {
			// The headline change is found in the next rounds; its
			// webhook delivery then hangs, and checks go on.
			select {
			case <-h.arrived:
			case <-time.After(waitBound):
				t.Fatal("no webhook delivery after the headline change")
			}
			since := time.Now()
			waitFor(t, "checks while a delivery hangs", func() bool { return checkedSince(t, e.Store, since) })
			close(h.release)
		}
	}
	// Two rounds: a change is recorded once a second fetch confirms it.
	for range 2 {
		since := time.Now()
		waitFor(t, "the last step checked", func() bool { return checkedSince(t, e.Store, since) })
	}
	want := matching(t, e.Store)
	waitFor(t, "every delivery made", func() bool { return delivered(t, e.Store) == 2*len(want) })
	if err := q.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	got, payloads, requests := h.accepted()
	t.Logf("%d matching changes; webhook: %d requests; mails: %d", len(want), requests, len(mb.Messages()))
	if len(want) < 2 || !anyClassed(want, "headline") || !anyClassed(want, "correction") {
		t.Fatalf("%d changes, classes %v: want a headline change and a correction", len(want), classesOf(want))
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("version %d reached the webhook %d times, want 1", id, got[id])
		}
	}
	if len(got) != len(want) || requests != len(want)+1 {
		t.Errorf("webhook accepted %d changes in %d requests; want %d in %d (one failed first)", len(got), requests, len(want), len(want)+1)
	}
	for _, p := range payloads {
		v := want[p.VersionID]
		if p.Text == "" || !strings.Contains(p.HTML, "<ins>") && !strings.Contains(p.HTML, "<del>") || p.NewTitle != "" && p.NewTitle != v.Title {
			t.Errorf("payload of version %d lacks its diff: %+v", p.VersionID, p)
		}
	}
	msgs := mb.Messages()
	if len(msgs) != len(want) {
		t.Errorf("%d mails, want %d", len(msgs), len(want))
	}
	for _, m := range msgs {
		if !strings.Contains(string(m.Data), "multipart/alternative") || !strings.Contains(string(m.Data), "<ins>") && !strings.Contains(string(m.Data), "<del>") {
			t.Errorf("mail lacks the diff:\n%s", m.Data)
		}
	}
	ds, _ := e.Store.Deliveries(ctx, 0, 0)
	retried := false
	for _, d := range ds {
		retried = retried || d.Attempts == 2 && d.Status == model.DeliveryDelivered
	}
	if !retried {
		t.Error("no delivery shows a failed attempt and a retry")
	}
}

func anyClassed(vs map[int64]model.Version, class string) bool {
	for _, v := range vs {
		if slices.Contains(v.Classes, class) {
			return true
		}
	}
	return false
}

func classesOf(vs map[int64]model.Version) [][]string {
	var out [][]string
	for _, v := range vs {
		out = append(out, v.Classes)
	}
	return out
}

// TestCrawl_DeliversChangesAfterThePass: a crawl has no queue, so the
// changes it records are kept and delivered once the pass is over; a
// change kept twice is still delivered once.
func TestCrawl_DeliversChangesAfterThePass(t *testing.T) {
	ctx := context.Background()
	nr := newsroom.New(newsroom.Config{Seed: 7})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	var mu sync.Mutex
	got := map[int64]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var p notify.Payload
		if !notify.Verify(hookSecret, body, r.Header.Get(notify.SignatureHeader)) || json.Unmarshal(body, &p) != nil {
			t.Errorf("webhook: unsigned or unreadable body")
		}
		mu.Lock()
		got[p.VersionID]++
		mu.Unlock()
	}))
	defer srv.Close()
	mb := mailtest.Start(t)
	e := newQueueEngine(t)
	subscribe(t, e.Store, srv.URL, mb.Addr)
	c := jobs.NewCollector(newDeliverer(e))
	e.OnVersion = c.Recorded
	for _, o := range nr.Outlets() {
		if _, err := e.AddURL(ctx, o.FeedURL, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Crawl(ctx, true, 2); err != nil {
		t.Fatal(err)
	}
	nr.Advance()
	if _, err := e.Crawl(ctx, true, 2); err != nil {
		t.Fatal(err)
	}
	want := matching(t, e.Store)
	if len(got) != 0 {
		t.Fatalf("%d deliveries during the pass, want none before DeliverAll", len(got))
	}
	if _, failed, err := c.DeliverAll(ctx); err != nil || failed != 0 {
		t.Fatalf("DeliverAll: %d failed, %v", failed, err)
	}
	for _, v := range want {
		c.Recorded(ctx, model.Article{}, v)
	}
	if sent, _, err := c.DeliverAll(ctx); err != nil || sent != 2*len(want) {
		t.Fatalf("second DeliverAll: %d done, %v", sent, err)
	}
	if len(want) == 0 {
		t.Fatal("no headline change recorded after step 1")
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("version %d reached the webhook %d times, want 1", id, got[id])
		}
	}
	if len(got) != len(want) || len(mb.Messages()) != len(want) {
		t.Errorf("webhook got %d changes, mailbox %d; want %d each", len(got), len(mb.Messages()), len(want))
	}
}
