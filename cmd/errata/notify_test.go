package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/errata/errata/internal/notify"
)

func TestNotify_AddListTestRemove(t *testing.T) {
	var mu sync.Mutex
	var got []notify.Payload
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !notify.Verify("s3cret", body, r.Header.Get(notify.SignatureHeader)) {
			http.Error(w, "bad signature", http.StatusForbidden)
			return
		}
		var p notify.Payload
		_ = json.Unmarshal(body, &p)
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	}))
	defer srv.Close()
	data := t.TempDir()
	if out := cli(t, data, "notify", "add", "desk", srv.URL, "--class", "headline", "--min-words", "3", "--secret", "s3cret"); !strings.Contains(out, "added desk (webhook)") {
		t.Errorf("add said %q", out)
	}
	if _, errOut, code := cliStatus(t, data, "notify", "add", "desk", srv.URL); code == 0 || !strings.Contains(errOut, "exists") {
		t.Errorf("second add: exit %d, %q", code, errOut)
	}
	if _, errOut, code := cliStatus(t, data, "notify", "add", "bad", "ftp://example.com/x"); code == 0 || !strings.Contains(errOut, "ftp") {
		t.Errorf("ftp URL: exit %d, %q", code, errOut)
	}
	if _, errOut, code := cliStatus(t, data, "notify", "add", "typo", srv.URL, "--class", "headlines"); code != 2 ||
		!strings.Contains(errOut, "text_rewritten") || strings.Contains(errOut, "notify:") {
		t.Errorf("unknown class: exit %d, %q; want 2 naming the classes, without a package prefix", code, errOut)
	}
	if out := cli(t, data, "notify", "list"); !strings.Contains(out, "desk") || !strings.Contains(out, "class=headline min-words=3") {
		t.Errorf("list said %q", out)
	}
	cli(t, data, "notify", "test", "desk")
	mu.Lock()
	n := len(got)
	ok := n == 1 && got[0].NewTitle != "" && strings.Contains(got[0].HTML, "<ins>")
	mu.Unlock()
	if !ok {
		t.Errorf("receiver got %d signed payloads, want one sample with its diff", n)
	}
	// Without --allow-private the webhook's loopback address is refused.
	_, errOut, code := runBinary(t, "--data", data, "notify", "test", "desk")
	if code == 0 || !strings.Contains(errOut, "private address") {
		t.Errorf("test without --allow-private: exit %d, %q", code, errOut)
	}
	cli(t, data, "notify", "remove", "desk")
	if out := cli(t, data, "notify", "list"); !strings.Contains(out, "no subscriptions") {
		t.Errorf("list after remove said %q", out)
	}
}

func TestNotify_AddWithLifecycleEvents(t *testing.T) {
	data := t.TempDir()
	cli(t, data, "notify", "add", "watch", "https://hooks.example/x", "--event", "gone,back", "--event", "moved")
	if out := cli(t, data, "notify", "list"); !strings.Contains(out, "event=gone event=back event=moved") {
		t.Errorf("list said %q", out)
	}
	_, errOut, code := cliStatus(t, data, "notify", "add", "typo", "https://hooks.example/y", "--event", "deleted")
	if code != 2 || !strings.Contains(errOut, `"deleted" is not one of change, gone, back, moved, flip_flop`) {
		t.Errorf("unknown event: exit %d, %q; want 2 naming the allowed values", code, errOut)
	}
}
