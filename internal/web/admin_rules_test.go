package web

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

// hostileRules is the rules path of the fixture's outlet whose name is
// markup with a slash in it.
const hostileRules = "/admin/outlets/Evil%20%3Cb%3EOutlet%3C%2Fb%3E/rules"

func outletRules(t *testing.T, f *fixture, name string) model.Rules {
	t.Helper()
	o, err := f.store.OutletByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return o.Rules
}

// sameRules compares rules treating a nil list as an empty one.
func sameRules(a, b model.Rules) bool {
	return slices.Equal(a.Keep, b.Keep) && slices.Equal(a.Drop, b.Drop)
}

// The steps run in order on one store: each row's want is the rules of
// Daily Planet after it.
func TestAdmin_RuleForm(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	const planet = "/admin/outlets/Daily%20Planet/rules"
	added := model.Rules{Drop: []string{".ad"}}
	both := model.Rules{Keep: []string{"article .body"}, Drop: []string{".ad"}}
	tests := []struct {
		name   string
		path   string
		body   *strings.Reader
		header http.Header
		status int
		want   []string // in the page
		rules  model.Rules
	}{
		{"add drop", planet, form("kind", "drop", "selector", " .ad ", "token", "s3cret"), formHeader, 200,
			[]string{"Added the drop rule", "<code>.ad</code>", `name="selector" value=""`}, added},
		{"add keep with a bearer token", planet, form("kind", "keep", "selector", "article .body"), withHeader("Authorization", "Bearer s3cret"), 200,
			[]string{"<code>article .body</code>", `name="remove" value="article .body"`}, both},
		{"invalid selector is shown escaped", planet, form("kind", "drop", "selector", "<script>alert(1)</script>", "token", "s3cret"), formHeader, 422,
			[]string{"is not a CSS selector", `value="&lt;script&gt;alert(1)&lt;/script&gt;"`}, both},
		{"empty selector", planet, form("kind", "keep", "selector", "", "token", "s3cret"), formHeader, 422, []string{"not a CSS selector"}, both},
		{"unknown kind", planet, form("kind", "shred", "selector", ".x", "token", "s3cret"), formHeader, 422, []string{"choose drop or keep"}, both},
		{"wrong token", planet, form("kind", "drop", "selector", ".x", "token", "nope"), formHeader, 401, []string{"admin token"}, both},
		{"cross-site post", planet, form("kind", "drop", "selector", ".x", "token", "s3cret"), withHeader("Sec-Fetch-Site", "cross-site"), 403, []string{"cross-origin"}, both},
		{"unknown outlet", "/admin/outlets/Weekly/rules", form("kind", "drop", "selector", ".x", "token", "s3cret"), formHeader, 404, []string{"outlet not found"}, both},
		{"remove", planet, form("remove", ".ad", "token", "s3cret"), formHeader, 200,
			[]string{"Removed the rule"}, model.Rules{Keep: []string{"article .body"}}},
		{"remove a missing rule", planet, form("remove", ".ad", "token", "s3cret"), formHeader, 422,
			[]string{"no rule &#34;.ad&#34; to remove"}, model.Rules{Keep: []string{"article .body"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, http.MethodPost, tt.path, tt.body, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			mustContain(t, tt.name, body, tt.want...)
			if strings.Contains(body, "<script>alert(1)") {
				t.Errorf("the selector reached the page unescaped")
			}
			if got := outletRules(t, f, "Daily Planet"); !sameRules(got, tt.rules) {
				t.Errorf("rules %+v, want %+v", got, tt.rules)
			}
		})
	}
}

func TestAdmin_RuleFormEscapesOutletNames(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	resp, body := f.do(t, http.MethodPost, hostileRules, form("kind", "keep", "selector", "main", "token", "s3cret"), formHeader)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "<b>Outlet") || !strings.Contains(body, "Evil &lt;b&gt;Outlet&lt;/b&gt;") {
		t.Errorf("outlet name not escaped on the admin page")
	}
	mustContain(t, "form action", body, `action="/admin/outlets/Evil%20%3Cb%3EOutlet%3C%2Fb%3E/rules"`)
	if got := outletRules(t, f, "Evil <b>Outlet</b>"); !reflect.DeepEqual(got.Keep, []string{"main"}) {
		t.Errorf("rules %+v", got)
	}
}

func TestAdmin_RuleFormNotThereWithoutToken(t *testing.T) {
	f := newFixture(t, Config{})
	resp, _ := f.do(t, http.MethodPost, "/admin/outlets/Daily%20Planet/rules", form("kind", "drop", "selector", ".ad", "token", ""), formHeader)
	if resp.StatusCode != 404 {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
}

func TestAPI_PutRules(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	const path = "/api/v1/outlets/Daily%20Planet/rules"
	bearer := http.Header{"Authorization": {"Bearer s3cret"}, "Content-Type": {"application/json"}}
	set := model.Rules{Keep: []string{"article"}, Drop: []string{".ad", "aside.most-read"}}
	tests := []struct {
		name   string
		path   string
		body   string
		header http.Header
		status int
		want   string
		rules  model.Rules
	}{
		{"no token", path, `{"drop":[".ad"]}`, http.Header{}, 401, "admin token", model.Rules{}},
		{"wrong token", path, `{"drop":[".ad"]}`, http.Header{"Authorization": {"Bearer nope"}}, 401, "admin token", model.Rules{}},
		{"cross-site", path, `{"drop":[".ad"]}`, http.Header{"Authorization": {"Bearer s3cret"}, "Sec-Fetch-Site": {"cross-site"}}, 403, "cross-origin", model.Rules{}},
		{"set", path, `{"keep":["article"],"drop":[".ad"," aside.most-read",".ad"]}`, bearer, 200, `"aside.most-read"`, set},
		{"invalid selector", path, `{"drop":["div["]}`, bearer, 400, `is not a CSS selector`, set},
		{"misspelt key", path, `{"drops":[".x"]}`, bearer, 400, "unknown field", set},
		{"not JSON", path, `drop=.x`, bearer, 400, "JSON object", set},
		{"unknown outlet", "/api/v1/outlets/Weekly/rules", `{}`, bearer, 404, "outlet not found", set},
		{"clear", path, `{"keep":[],"drop":[]}`, bearer, 200, `"keep": []`, model.Rules{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, http.MethodPut, tt.path, strings.NewReader(tt.body), tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			mustContain(t, tt.name, body, tt.want)
			if got := outletRules(t, f, "Daily Planet"); !sameRules(got, tt.rules) {
				t.Errorf("rules %+v, want %+v", got, tt.rules)
			}
		})
	}
}

func TestAPI_OutletShowsItsRules(t *testing.T) {
	f := newFixture(t, Config{})
	var o apiOutlet
	getJSON(t, f, "/api/v1/outlets/Daily%20Planet", 200, &o)
	if o.Rules.Keep == nil || o.Rules.Drop == nil || len(o.Rules.Keep)+len(o.Rules.Drop) != 0 {
		t.Errorf("rules of an outlet without any = %+v; want two empty lists", o.Rules)
	}
	ctx := context.Background()
	planet, _ := f.store.OutletByName(ctx, "Daily Planet")
	if err := f.store.SetOutletRules(ctx, planet.ID, model.Rules{Drop: []string{".ad"}}); err != nil {
		t.Fatal(err)
	}
	_, body := f.get(t, "/api/v1/outlets/Daily%20Planet")
	var raw struct {
		Rules map[string][]string `json:"rules"`
	}
	if err := json.Unmarshal([]byte(body), &raw); err != nil || !reflect.DeepEqual(raw.Rules, map[string][]string{"keep": {}, "drop": {".ad"}}) {
		t.Errorf("rules = %+v (%v)\n%s", raw.Rules, err, body)
	}
	if resp, _ := f.do(t, http.MethodPut, "/api/v1/outlets/Daily%20Planet/rules", strings.NewReader(`{}`), http.Header{"Authorization": {"Bearer x"}}); resp.StatusCode != 404 {
		t.Errorf("PUT without an admin token configured = %d, want 404", resp.StatusCode)
	}
}
