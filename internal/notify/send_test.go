package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/notify/mailtest"
)

func sample(t *testing.T) Payload {
	t.Helper()
	p, err := Sample("https://errata.example", time.Unix(1e9, 0))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sender(t *testing.T, allowPrivate bool) *Sender {
	c := fetch.New(fetch.Config{AllowPrivate: allowPrivate})
	t.Cleanup(c.CloseIdleConnections)
	return &Sender{Post: c, Dial: c.DialContext, Timeout: 10 * time.Second}
}

func TestSend_WebhookIsSignedWithTheSecret(t *testing.T) {
	var got Payload
	var valid atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		valid.Store(Verify("s3cret", body, r.Header.Get(SignatureHeader)))
		_ = json.Unmarshal(body, &got)
	}))
	defer srv.Close()
	sub := Subscription{Name: "hook", URL: srv.URL, Secret: "s3cret"}
	if err := sender(t, true).Send(context.Background(), sub, sample(t)); err != nil {
		t.Fatal(err)
	}
	if !valid.Load() {
		t.Error("signature does not verify")
	}
	if got.NewTitle != "Council rejects budget" || !strings.Contains(got.Text, "rejected") || !strings.Contains(got.HTML, "<ins>") {
		t.Errorf("payload = %+v", got)
	}
}

func TestVerify_RefusesAnotherSecretOrBody(t *testing.T) {
	sig := Sign("a", []byte("body"))
	if Verify("b", []byte("body"), sig) || Verify("a", []byte("body2"), sig) || !Verify("a", []byte("body"), sig) {
		t.Error("Verify accepts a wrong secret or body, or refuses the right one")
	}
}

func TestSend_WebhookFailureStatusIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	err := sender(t, true).Send(context.Background(), Subscription{Name: "hook", URL: srv.URL}, sample(t))
	if !errors.Is(err, ErrRejected) {
		t.Fatalf("err = %v, want ErrRejected", err)
	}
}

func TestSend_WebhookToPrivateAddressIsRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	err := sender(t, false).Send(context.Background(), Subscription{Name: "hook", URL: srv.URL}, sample(t))
	if !errors.Is(err, fetch.ErrPrivateAddress) {
		t.Fatalf("err = %v, want ErrPrivateAddress", err)
	}
	if hits.Load() != 0 {
		t.Error("the receiver was reached")
	}
}

func TestSend_EmailIsMultipartTextAndHTML(t *testing.T) {
	mb := mailtest.Start(t)
	sub := Subscription{Name: "inbox", URL: "smtp://" + mb.Addr + "/?from=errata@example.com&to=desk@example.com,editor@example.com"}
	if err := sender(t, true).Send(context.Background(), sub, sample(t)); err != nil {
		t.Fatal(err)
	}
	msgs := mb.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.From != "errata@example.com" || len(m.To) != 2 {
		t.Errorf("envelope from %q to %v", m.From, m.To)
	}
	data := string(m.Data)
	for _, want := range []string{"multipart/alternative", "text/plain", "text/html", "Council rejects budget"} {
		if !strings.Contains(data, want) {
			t.Errorf("message lacks %q:\n%s", want, data)
		}
	}
}

func TestParseMailbox_NeedsFromAndTo(t *testing.T) {
	for _, u := range []string{"smtp://host/?to=a@x", "smtp://host/?from=a@x", "smtp:///?from=a@x&to=b@y", "smtp://host:xx/?from=a@x&to=b@y"} {
		if _, err := parseMailbox(u); !errors.Is(err, ErrBadURL) {
			t.Errorf("parseMailbox(%q) err = %v", u, err)
		}
	}
}

func TestSend_EmailToPrivateAddressIsRefused(t *testing.T) {
	mb := mailtest.Start(t)
	sub := Subscription{Name: "inbox", URL: "smtp://" + mb.Addr + "/?from=errata@example.com&to=desk@example.com"}
	err := sender(t, false).Send(context.Background(), sub, sample(t))
	if !errors.Is(err, fetch.ErrPrivateAddress) {
		t.Fatalf("err = %v, want ErrPrivateAddress", err)
	}
	if n := len(mb.Messages()); n != 0 {
		t.Errorf("%d messages reached the server", n)
	}
}
