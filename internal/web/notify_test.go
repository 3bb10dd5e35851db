package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/notify"
)

// receiver is a webhook on loopback that counts the signed posts it gets.
func receiver(t *testing.T, secret string) (*httptest.Server, *int) {
	t.Helper()
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !notify.Verify(secret, body, r.Header.Get(notify.SignatureHeader)) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		n++
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func loopbackSender(t *testing.T) *notify.Sender {
	c := fetch.New(fetch.Config{AllowPrivate: true})
	t.Cleanup(c.CloseIdleConnections)
	return &notify.Sender{Post: c, Dial: c.DialContext, Timeout: 10 * time.Second}
}

func TestAdminNotify_AddListTestRemove(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret", Notify: loopbackSender(t)})
	hook, got := receiver(t, "hush")

	resp, body := f.get(t, "/admin/notify")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /admin/notify = %d, cache %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	mustContain(t, "notify page", body, `action="/admin/notify/add"`, `value="headline"`, "Show subscriptions")

	add := func(kv ...string) (*http.Response, string) {
		return f.do(t, http.MethodPost, "/admin/notify/add", form(kv...), formHeader)
	}
	hookURL := hook.URL + "/hooks/SECRETPATH"
	if resp, body := add("token", "s3cret", "name", "desk", "url", hookURL, "secret", "hush",
		"outlets", "daily planet", "class", "headline", "class", "correction", "min_words", "2",
		"event", "change", "event", "gone"); resp.StatusCode != 200 {
		t.Fatalf("add = %d: %s", resp.StatusCode, body)
	} else {
		mustContain(t, "after add", body, "Added desk.", "webhook · signed", "sends change, gone;", "outlet Daily Planet;", "headline;", "correction;",
			"at least 2 words")
		if strings.Contains(body, "SECRETPATH") || strings.Contains(body, "hush") {
			t.Error("the page shows the webhook's path or its secret")
		}
	}
	refused := []struct {
		name   string
		kv     []string
		status int
		want   string
	}{
		{"wrong token", []string{"token", "nope", "name", "x", "url", hookURL}, 401, "admin token"},
		{"same name", []string{"token", "s3cret", "name", "desk", "url", hookURL}, 422, "exists"},
		{"unknown outlet", []string{"token", "s3cret", "name", "x", "url", hookURL, "outlets", "Nowhere"}, 422, "no outlet named"},
		{"unknown class", []string{"token", "s3cret", "name", "x", "url", hookURL, "class", "headlines"}, 422, "text_rewritten"},
		{"bad scheme", []string{"token", "s3cret", "name", "x", "url", "ftp://h.test/"}, 422, "scheme"},
		{"bad size", []string{"token", "s3cret", "name", "x", "url", hookURL, "min_words", "-3"}, 422, "whole number"},
		{"unknown event", []string{"token", "s3cret", "name", "x", "url", hookURL, "event", "vanished"}, 422, "flip_flop"},
		{"markup in name", []string{"token", "s3cret", "name", "<script>x</script>", "url", "ftp://h.test/"}, 422, "&lt;script&gt;"},
	}
	for _, tt := range refused {
		resp, body := add(tt.kv...)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, resp.StatusCode, tt.status, tt.want)
		}
		if strings.Contains(body, "<script>x") {
			t.Errorf("%s: the name came out raw", tt.name)
		}
	}

	if resp, body := f.do(t, http.MethodPost, "/admin/notify", form("token", "nope"), formHeader); resp.StatusCode != 401 || strings.Contains(body, "desk") {
		t.Errorf("list with a wrong token = %d, shows desk: %v", resp.StatusCode, strings.Contains(body, "desk"))
	}
	subs, err := f.store.Subscriptions(t.Context())
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions = %v, %v", subs, err)
	}
	id := subs[0].ID
	resp, body = f.do(t, http.MethodPost, fmt.Sprintf("/admin/notify/%d/test", id), form("token", "s3cret"), formHeader)
	if resp.StatusCode != 200 || *got != 1 {
		t.Fatalf("test = %d (%d posts received): %s", resp.StatusCode, *got, body)
	}
	mustContain(t, "after test", body, "Sent a sample change to desk.")

	resp, body = f.do(t, http.MethodPost, fmt.Sprintf("/admin/notify/%d/remove", id), form("token", "s3cret"), formHeader)
	if resp.StatusCode != 200 || !strings.Contains(body, "Removed desk") || !strings.Contains(body, "No subscriptions yet") {
		t.Fatalf("remove = %d: %s", resp.StatusCode, body)
	}
}

func TestAPINotify_Subscriptions(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret", Notify: loopbackSender(t)})
	hook, got := receiver(t, "hush")
	bearer := http.Header{"Authorization": {"Bearer s3cret"}, "Content-Type": {"application/json"}}

	post := func(body string, h http.Header) (*http.Response, string) {
		return f.do(t, http.MethodPost, "/api/v1/subscriptions", strings.NewReader(body), h)
	}
	in := fmt.Sprintf(`{"name":"desk","url":%q,"secret":"hush","classes":["headline"],"events":["change","moved"],"min_words":1}`, hook.URL+"/x")
	resp, body := post(in, bearer)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST = %d: %s", resp.StatusCode, body)
	}
	var v subscriptionView
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "desk" || v.Channel != "webhook" || !v.Signed || v.URL != hook.URL+"/…" || len(v.Classes) != 1 || v.MinWords != 1 ||
		strings.Join(v.Events, ",") != "change,moved" {
		t.Errorf("created %+v", v)
	}
	if strings.Contains(body, "hush") {
		t.Error("the API shows the secret")
	}
	for _, tt := range []struct {
		name   string
		body   string
		h      http.Header
		status int
	}{
		{"no token", in, http.Header{"Content-Type": {"application/json"}}, 401},
		{"same name", in, bearer, 409},
		{"unknown key", `{"name":"x","url":"https://h.test/","clases":["headline"]}`, bearer, 400},
		{"unknown class", `{"name":"x","url":"https://h.test/","classes":["nope"]}`, bearer, 400},
		{"unknown event", `{"name":"x","url":"https://h.test/","events":["nope"]}`, bearer, 400},
		{"unknown outlet", `{"name":"x","url":"https://h.test/","outlets":["Nowhere"]}`, bearer, 400},
		{"not JSON", `name=x`, bearer, 400},
	} {
		if resp, body := post(tt.body, tt.h); resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.name, resp.StatusCode, tt.status, body)
		}
	}

	resp, body = f.do(t, http.MethodGet, "/api/v1/subscriptions", nil, bearer)
	if resp.StatusCode != 200 || !strings.Contains(body, `"name": "desk"`) {
		t.Errorf("GET list = %d: %s", resp.StatusCode, body)
	}
	if resp, _ := f.get(t, "/api/v1/subscriptions"); resp.StatusCode != 401 {
		t.Errorf("GET list without a token = %d, want 401", resp.StatusCode)
	}
	path := fmt.Sprintf("/api/v1/subscriptions/%d", v.ID)
	if resp, body := f.do(t, http.MethodPost, path+"/test", nil, bearer); resp.StatusCode != 200 || *got != 1 {
		t.Errorf("test = %d (%d received): %s", resp.StatusCode, *got, body)
	}
	if resp, body := f.do(t, http.MethodGet, path+"/deliveries?limit=5", nil, bearer); resp.StatusCode != 200 || !strings.Contains(body, `"deliveries": []`) {
		t.Errorf("deliveries = %d: %s", resp.StatusCode, body)
	}
	if resp, _ := f.do(t, http.MethodDelete, path, nil, bearer); resp.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE = %d", resp.StatusCode)
	}
	if resp, _ := f.do(t, http.MethodGet, path, nil, bearer); resp.StatusCode != 404 {
		t.Errorf("GET after DELETE = %d, want 404", resp.StatusCode)
	}
}

func TestAPINotify_TestWithoutSender(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	bearer := http.Header{"Authorization": {"Bearer s3cret"}, "Content-Type": {"application/json"}}
	resp, body := f.do(t, http.MethodPost, "/api/v1/subscriptions", strings.NewReader(`{"name":"d","url":"https://h.test/"}`), bearer)
	if resp.StatusCode != 201 {
		t.Fatalf("POST = %d: %s", resp.StatusCode, body)
	}
	var v subscriptionView
	_ = json.Unmarshal([]byte(body), &v)
	if resp, _ := f.do(t, http.MethodPost, fmt.Sprintf("/api/v1/subscriptions/%d/test", v.ID), nil, bearer); resp.StatusCode != 503 {
		t.Errorf("test without a sender = %d, want 503", resp.StatusCode)
	}
}
