package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestRequestHeader_IsWhatAPageRequestCarries: the header an archive
// records as errata's request is the one a page fetch sends.
func TestRequestHeader_IsWhatAPageRequestCarries(t *testing.T) {
	got := make(chan http.Header, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" { // not robots.txt
			got <- r.Header.Clone()
		}
		w.Write([]byte("<p>page</p>"))
	}))
	defer srv.Close()
	c := New(Config{AllowPrivate: true, UserAgent: "errata-test/1"})
	if _, err := c.Get(context.Background(), srv.URL+"/a", Validators{}); err != nil {
		t.Fatal(err)
	}
	sent := <-got
	for k, vs := range RequestHeader("errata-test/1") {
		if sent.Get(k) != vs[0] {
			t.Errorf("%s: sent %q, RequestHeader says %q", k, sent.Get(k), vs[0])
		}
	}
	if ua := RequestHeader("").Get("User-Agent"); ua != DefaultUserAgent {
		t.Errorf("default User-Agent %q, want %q", ua, DefaultUserAgent)
	}
}
