package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestPost_SendsBodyAndHeadersWhenAllowed(t *testing.T) {
	var got, sig string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, sig = string(b), r.Header.Get("X-Sig")
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	c := newTestClient(t, Config{})
	status, err := c.Post(context.Background(), srv.URL+"/hook", "application/json", http.Header{"X-Sig": {"abc"}}, []byte(`{"a":1}`))
	if err != nil || status != http.StatusAccepted {
		t.Fatalf("Post = %d, %v; want 202", status, err)
	}
	if got != `{"a":1}` || sig != "abc" {
		t.Errorf("receiver saw body %q header %q", got, sig)
	}
}

func TestPost_RefusesPrivateAddressUnlessAllowed(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer srv.Close()
	c := New(Config{})
	t.Cleanup(c.CloseIdleConnections)
	_, err := c.Post(context.Background(), srv.URL, "application/json", nil, []byte(`{}`))
	if !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("err = %v, want ErrPrivateAddress", err)
	}
	if hits != 0 {
		t.Errorf("receiver was reached %d times", hits)
	}
}

func TestPost_RefusesOtherSchemes(t *testing.T) {
	c := newTestClient(t, Config{})
	for _, u := range []string{"file:///etc/passwd", "gopher://x/", "http://user:pw@example.com/"} {
		if _, err := c.Post(context.Background(), u, "text/plain", nil, nil); err == nil {
			t.Errorf("Post(%q) succeeded", u)
		}
	}
}

func TestDialContext_RefusesPrivateAddressUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	c := New(Config{})
	if _, err := c.DialContext(context.Background(), "tcp", addr); !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("err = %v, want ErrPrivateAddress", err)
	}
	conn, err := newTestClient(t, Config{}).DialContext(context.Background(), "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
}
