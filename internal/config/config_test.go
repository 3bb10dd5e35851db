package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, doc string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "errata.toml")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoad_ExampleFileIsTheDefaults: contrib/errata.toml loads, sets every
// key, and sets each to its default, as it says.
func TestLoad_ExampleFileIsTheDefaults(t *testing.T) {
	c := Default()
	if err := c.LoadFile("../../contrib/errata.toml"); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want := Default()
	c.origin, want.origin = nil, nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("the example file differs from the defaults:\n got %+v\nwant %+v", c, want)
	}
}

func TestLoad_PrecedenceFileEnvFlag(t *testing.T) {
	path := writeFile(t, "workers = 3\nrole = \"web\"\naddr = \"127.0.0.1:9000\"\n")
	c := Default()
	if err := c.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ERRATA_ROLE": "worker", "ERRATA_ADDR": "127.0.0.1:9001"}
	if err := c.LoadEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if err := c.Set("addr", "127.0.0.1:9002", Origin{Kind: "flag", Name: "--addr"}); err != nil {
		t.Fatal(err)
	}
	if c.Workers != 3 || c.Role != "worker" || c.Addr != "127.0.0.1:9002" || c.Tick != Default().Tick {
		t.Errorf("workers %d role %q addr %q tick %s", c.Workers, c.Role, c.Addr, c.Tick)
	}
	for key, want := range map[string]string{"workers": "workers (" + path + ")", "role": "ERRATA_ROLE", "addr": "--addr", "tick": "--tick"} {
		if got := c.Named(key); got != want {
			t.Errorf("Named(%s) = %q, want %q", key, got, want)
		}
	}
}

func TestLoad_FileErrorsNameKeyAndLine(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"unknown key", "workers = 2\n\nworkerz = 3\n", ":3: unknown key workerz"},
		{"unknown key in a table", "[schedule]\nstop_after = \"40d\"\nstop_afterr = \"4d\"\n", ":3: unknown key schedule.stop_afterr"},
		{"unknown table", "[scheduel]\ntiers = []\n", ":1: unknown key scheduel"},
		{"not a duration", "[schedule]\nstop_after = \"soon\"\n", ":2: schedule.stop_after: not a duration"},
		{"a tier without its interval", "[schedule]\ntiers = [\"3h\"]\n", ":2: schedule.tiers: tier \"3h\": want AGE:EVERY"},
		{"wrong type", "workers = \"many\"\n", ":1: workers: a value of the wrong type"},
		{"syntax", "addr = = 1\n", ":1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.doc)
			c := Default()
			err := c.LoadFile(path)
			if err == nil || !strings.HasPrefix(err.Error(), path+tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v, want one line starting %q", err, path+tt.want)
			}
		})
	}
}

func TestValidate_RefusesWithOneLineNamingTheOrigin(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"addr", "bogus", `ERRATA_X "bogus": want HOST:PORT`},
		{"metrics_addr", "127.0.0.1:http", `ERRATA_X "127.0.0.1:http": port "http" is not a number`},
		{"base_url", "errata.example", `ERRATA_X "errata.example": want an absolute http(s) URL`},
		{"contact", "ftp://x.example/", `ERRATA_X "ftp://x.example/": want an absolute http(s) URL`},
		{"contact", "not an address", `ERRATA_X "not an address": want an http(s) URL or an email address`},
		{"role", "cook", `ERRATA_X "cook": want all, web or worker`},
		{"log_format", "xml", `ERRATA_X "xml": want text or json`},
		{"host_interval", "-1s", `ERRATA_X "-1s": must not be negative`},
		{"rescue_after", "0s", `ERRATA_X "0s": want a positive duration`},
		{"schedule.tiers", "1d:1h,3h:15m", `ERRATA_X "1d:1h,3h:15m": tier 3h:15m comes after 1d:1h: order the tiers by age`},
		{"schedule.tiers", "3h:0s", `ERRATA_X "3h:0s": tier 3h:0s: the interval must be positive`},
		{"schedule.jitter", "2", `ERRATA_X "2": want a fraction from 0 to 0.5`},
	}
	for _, tt := range tests {
		c := Default()
		if err := c.Set(tt.key, tt.value, Origin{Kind: "env", Name: "ERRATA_X"}); err != nil {
			t.Fatalf("%s=%s: %v", tt.key, tt.value, err)
		}
		err := c.Validate()
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s=%s: got %v, want %q", tt.key, tt.value, err, tt.want)
		}
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("the defaults: %v", err)
	}
}

func TestParseDuration_DaysAndWeeks(t *testing.T) {
	tests := map[string]time.Duration{
		"40d": 40 * day, "1w": week, "1w2d": 9 * day, "7d12h": 7*day + 12*time.Hour,
		"90s": 90 * time.Second, "1h30m": 90 * time.Minute, "0.5d": 12 * time.Hour,
	}
	for in, want := range tests {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "d", "soon", "3x", "1d-2h"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q): want an error", bad)
		}
	}
}

func TestFormatDuration_Reads(t *testing.T) {
	tests := map[time.Duration]string{
		40 * day: "40d", 7*day + 6*time.Hour: "7d6h", 15 * time.Minute: "15m", time.Hour: "1h",
		30 * time.Second: "30s", 90 * time.Second: "1m30s", 500 * time.Millisecond: "500ms", 0: "0s",
	}
	for in, want := range tests {
		if got := FormatDuration(in); got != want {
			t.Errorf("FormatDuration(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestPolicy_FromTheFile(t *testing.T) {
	c := Default()
	if err := c.LoadFile(writeFile(t, "[schedule]\ntiers = [\"1h:5m\", \"*:2d\"]\nstop_after = \"3d\"\ngone_after = 5\ngone_every = \"6h\"\ngone_for = \"2w\"\n")); err != nil {
		t.Fatal(err)
	}
	p := c.Policy()
	if len(p.Tiers) != 2 || p.Tiers[0].Every != 5*time.Minute || p.Tiers[1].Every != 2*day || p.StopAfter != 3*day || p.GoneAfter != 5 ||
		p.GoneEvery != 6*time.Hour || p.GoneFor != 14*day {
		t.Errorf("policy %+v", p)
	}
}

func TestWrite_RedactsSecretsAndNamesOrigins(t *testing.T) {
	c := Default()
	c.Set("admin_token", "s3cret", Origin{Kind: "env", Name: "ERRATA_ADMIN_TOKEN"})
	c.Set("db", "postgres://u:pw@db.example/errata", Origin{Kind: "flag", Name: "--db"})
	var b strings.Builder
	if err := c.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`admin_token = "(set)"`, "# from ERRATA_ADMIN_TOKEN", `db = "postgres://u:***@db.example/errata"`, "# from --db", `stop_after = "40d"`, "[schedule]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cret") || strings.Contains(out, "pw@") {
		t.Errorf("output leaks a secret:\n%s", out)
	}
}

// TestLoad_TierTablesAreTheTiers: [[schedule.tier]] tables say what the
// tiers list says; both at once are refused.
func TestLoad_TierTablesAreTheTiers(t *testing.T) {
	tables := "[[schedule.tier]]\nage = \"3h\"\nevery = \"15m\"\n\n[[schedule.tier]]\nage = \"*\"\nevery = \"2d\"\n"
	c := Default()
	if err := c.LoadFile(writeFile(t, tables)); err != nil {
		t.Fatal(err)
	}
	want := []Tier{{MaxAge: 3 * time.Hour, Every: 15 * time.Minute}, {MaxAge: 1<<63 - 1, Every: 2 * day}}
	if !reflect.DeepEqual(c.Schedule.Tiers, want) || c.Schedule.Tier != nil || c.Origin("schedule.tiers").Kind != "file" {
		t.Errorf("tiers %v (tables left %v), origin %v", c.Schedule.Tiers, c.Schedule.Tier, c.Origin("schedule.tiers"))
	}
	c = Default()
	err := c.LoadFile(writeFile(t, "[schedule]\ntiers = [\"*:1h\"]\n"+tables))
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("both forms: got %v", err)
	}
}

func TestRenderConfig_FromEnvironment(t *testing.T) {
	c := Default()
	env := map[string]string{
		"ERRATA_RENDER_CHROMIUM": "/opt/chromium", "ERRATA_RENDER_TABS": "2",
		"ERRATA_RENDER_TIMEOUT": "45s", "ERRATA_RENDER_THIRD_PARTY": "1",
	}
	if err := c.LoadEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	rc := c.RenderConfig()
	if rc.Chromium != "/opt/chromium" || rc.Tabs != 2 || rc.Timeout != 45*time.Second || !rc.ThirdParty {
		t.Errorf("RenderConfig = %+v", rc)
	}
	c.Render.Tabs = 0
	if err := c.Validate(); err == nil {
		t.Error("render.tabs 0 accepted")
	}
}
