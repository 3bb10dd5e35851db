package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// writeConfig writes a config file in a test's directory.
func writeConfig(t *testing.T, doc string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "errata.toml")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConfig_ShowsEachValueAndWhereItCameFrom: defaults < file < env <
// flags, each value with its origin, secrets not printed.
func TestConfig_ShowsEachValueAndWhereItCameFrom(t *testing.T) {
	path := writeConfig(t, "workers = 3\nrole = \"web\"\naddr = \"127.0.0.1:9000\"\n[schedule]\nstop_after = \"60d\"\n")
	out, stderr, code := runEnv(t, []string{"ERRATA_CONFIG=" + path, "ERRATA_ROLE=worker", "ERRATA_ADMIN_TOKEN=s3cret"},
		"config", "--addr", "127.0.0.1:9001")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`workers = 3`, "# from " + path,
		`role = "worker"`, "# from ERRATA_ROLE",
		`addr = "127.0.0.1:9001"`, "# from --addr",
		`stop_after = "60d"`,
		`admin_token = "(set)"`, "# from ERRATA_ADMIN_TOKEN",
		`tick = "30s"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cret") {
		t.Errorf("the admin token is printed:\n%s", out)
	}
}

// TestConfig_MistakesStopEveryCommandBeforeAnyWork: an unknown key or a
// bad value in the file ends any command with one line naming the file,
// the line and the key, exit 2, and no store is created.
func TestConfig_MistakesStopEveryCommandBeforeAnyWork(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unknown key", "workers = 2\n\n[schedule]\nstop_afterr = \"3d\"\n", ":4: unknown key schedule.stop_afterr"},
		{"tiers out of order", "[schedule]\ntiers = [\"1d:1h\", \"3h:15m\"]\n", `schedule.tiers (`},
		{"base URL not absolute", "base_url = \"errata.example\"\n", `base_url (`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.doc)
			data := t.TempDir()
			for _, args := range [][]string{{"crawl"}, {"serve", "--addr", "127.0.0.1:0"}, {"add", "https://example.com/feed.xml"}} {
				_, stderr, code := runEnv(t, nil, append(args, "--config", path, "--data", data)...)
				if code != exitUsage || !strings.HasPrefix(stderr, "errata: ") || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
					t.Errorf("%s: exit %d, stderr %q; want 2 and one line with %q", args[0], code, stderr, tt.want)
				}
			}
			if _, err := os.Stat(filepath.Join(data, "errata.db")); err == nil {
				t.Errorf("a refused command created the store")
			}
		})
	}
}

// TestHistory_DescribesTheScheduleInForce: history's status follows the
// configured tiers, from the file or the environment, not the default.
func TestHistory_DescribesTheScheduleInForce(t *testing.T) {
	data := trackedOutlet(t)
	article := ""
	out := cli(t, data, "export")
	for _, f := range strings.Split(out, "\"url\":\"")[1:] {
		if u, _, _ := strings.Cut(f, "\""); strings.HasSuffix(u, "/2026/11/20/ferry") {
			article = u
		}
	}
	if article == "" {
		t.Fatalf("no article in the export:\n%s", out)
	}
	path := writeConfig(t, "[schedule]\ntiers = [\"*:7m\"]\n")
	tests := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"default", nil, nil, "checked every "},
		{"file", nil, []string{"--config", path}, "checked every 7 minutes"},
		{"environment over the file", []string{"ERRATA_SCHEDULE_TIERS=1h:5m,*:11h"}, []string{"--config", path}, "checked every 11 hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runEnv(t, tt.env, append([]string{"history", article, "--data", data}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			status := ""
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "status") {
					status = l
				}
			}
			if !strings.Contains(status, tt.want) {
				t.Errorf("status line %q, want %q\n%s", status, tt.want, out)
			}
			if tt.name == "default" && (strings.Contains(status, "7 minutes") || strings.Contains(status, "11 hours")) {
				t.Errorf("default policy shows a configured interval: %q", status)
			}
		})
	}
	t.Run("article page", func(t *testing.T) {
		cmd, base := startServe(t, data, roleWeb, "--config", path)
		defer interrupt(t, cmd)
		_, body := get(t, base+"api/v1/articles?limit=50")
		var list struct {
			Articles []struct {
				ID  int64
				URL string
			}
		}
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			t.Fatal(err)
		}
		for _, a := range list.Articles {
			if a.URL == article {
				if code, page := get(t, base+"articles/"+strconv.FormatInt(a.ID, 10)); code != http.StatusOK || !strings.Contains(page, "checked every 7 minutes") {
					t.Errorf("article page: %d, no \"checked every 7 minutes\"", code)
				}
				return
			}
		}
		t.Fatalf("%s not listed: %s", article, body)
	})
}

// TestAdd_UserAgentCarriesTheContact: --contact (or contact in the file)
// goes into the User-Agent of every request, robots.txt included.
func TestAdd_UserAgentCarriesTheContact(t *testing.T) {
	page := readFixture(t)
	var mu sync.Mutex
	agents := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents[r.URL.Path] = r.UserAgent()
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	for _, tt := range []struct {
		name, contact string
		args          []string
	}{
		{"flag", "ops@example.org", []string{"--contact", "ops@example.org"}},
		{"file", "https://desk.example/errata", []string{"--config", writeConfig(t, "contact = \"https://desk.example/errata\"\n")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cli(t, t.TempDir(), append([]string{"add", srv.URL + "/2026/11/20/ferry"}, tt.args...)...)
			mu.Lock()
			defer mu.Unlock()
			want := "errata/0.1 (+https://github.com/errata/errata; " + tt.contact + ")"
			for _, p := range []string{"/robots.txt", "/2026/11/20/ferry"} {
				if agents[p] != want {
					t.Errorf("%s: User-Agent %q, want %q", p, agents[p], want)
				}
			}
		})
	}
}
