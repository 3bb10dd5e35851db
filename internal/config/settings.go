package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Setting describes one key: its flag, if the command line has one, its
// help line and whether its value is a secret, never printed.
type Setting struct {
	Key    string
	Flag   string
	Help   string
	Secret bool
	field  func(c *Config) any // a pointer to the key's field
}

// Env is the environment variable that sets the key.
func (s Setting) Env() string {
	return "ERRATA_" + strings.ToUpper(strings.ReplaceAll(s.Key, ".", "_"))
}

// settings lists every key, in the order `errata config` shows them.
var settings = []Setting{
	{Key: "data", Flag: "data", Help: "data directory holding the errata.db database", field: func(c *Config) any { return &c.Data }},
	{Key: "db", Flag: "db", Help: "database URL; postgres://… selects PostgreSQL", Secret: true, field: func(c *Config) any { return &c.DB }},
	{Key: "log_key", Flag: "log-key", Help: "file holding the evidence log's signing key; empty: log.key in the data directory", field: func(c *Config) any { return &c.LogKey }},
	{Key: "allow_private", Flag: "allow-private", Help: "let fetches reach loopback and private addresses", field: func(c *Config) any { return &c.AllowPrivate }},
	{Key: "host_interval", Flag: "host-interval", Help: "least time between two requests to one host", field: func(c *Config) any { return &c.HostInterval }},
	{Key: "contact", Flag: "contact", Help: "URL or email address sent in the User-Agent, for sites to reach whoever runs this errata", field: func(c *Config) any { return &c.Contact }},
	{Key: "log_level", Flag: "log-level", Help: "debug, info, warn or error", field: func(c *Config) any { return &c.LogLevel }},
	{Key: "log_format", Flag: "log-format", Help: "text or json", field: func(c *Config) any { return &c.LogFormat }},
	{Key: "addr", Flag: "addr", Help: "address serve and demo listen on", field: func(c *Config) any { return &c.Addr }},
	{Key: "role", Flag: "role", Help: "all, web or worker", field: func(c *Config) any { return &c.Role }},
	{Key: "admin_token", Flag: "admin-token", Help: "token for the admin pages and the API's writes; empty disables them", Secret: true, field: func(c *Config) any { return &c.AdminToken }},
	{Key: "base_url", Flag: "base-url", Help: "public URL of the site, for the links in feeds", field: func(c *Config) any { return &c.BaseURL }},
	{Key: "metrics_addr", Flag: "metrics-addr", Help: "address a worker serves /healthz and /metrics on; empty: none", field: func(c *Config) any { return &c.MetricsAddr }},
	{Key: "workers", Flag: "workers", Help: "checks a worker process or a crawl runs at once", field: func(c *Config) any { return &c.Workers }},
	{Key: "tick", Flag: "tick", Help: "how often the scheduler looks for due work", field: func(c *Config) any { return &c.Tick }},
	{Key: "rescue_after", Flag: "rescue-after", Help: "run a job again once it has run this long", field: func(c *Config) any { return &c.RescueAfter }},
	{Key: "host_lease", Flag: "host-lease", Help: "on PostgreSQL, how long one request may hold its host", field: func(c *Config) any { return &c.HostLease }},
	{Key: "demo.step", Flag: "step", Help: "time between two revisions of the demo's newsroom", field: func(c *Config) any { return &c.Demo.Step }},
	{Key: "schedule.tiers", Help: "AGE:EVERY steps, youngest first; *:EVERY for every older article", field: func(c *Config) any { return &c.Schedule.Tiers }},
	{Key: "schedule.stop_after", Help: "stop checking an article unchanged this long", field: func(c *Config) any { return &c.Schedule.StopAfter }},
	{Key: "schedule.gone_after", Help: "404/410 answers in a row before an article is gone", field: func(c *Config) any { return &c.Schedule.GoneAfter }},
	{Key: "schedule.gone_every", Help: "how often a gone article is checked for its return", field: func(c *Config) any { return &c.Schedule.GoneEvery }},
	{Key: "schedule.gone_for", Help: "how long after going a gone article is still checked", field: func(c *Config) any { return &c.Schedule.GoneFor }},
	{Key: "schedule.error_base", Help: "first back-off after a failed check", field: func(c *Config) any { return &c.Schedule.ErrorBase }},
	{Key: "schedule.error_max", Help: "longest back-off", field: func(c *Config) any { return &c.Schedule.ErrorMax }},
	{Key: "schedule.poll_every", Help: "how often a feed or sitemap is polled", field: func(c *Config) any { return &c.Schedule.PollEvery }},
	{Key: "schedule.jitter", Help: "fraction each delay varies by, from 0 to 0.5", field: func(c *Config) any { return &c.Schedule.Jitter }},
	{Key: "limits.max_body_bytes", Help: "largest response body read, after decompression", field: func(c *Config) any { return &c.Limits.MaxBodyBytes }},
	{Key: "limits.max_redirects", Help: "redirects followed per fetch", field: func(c *Config) any { return &c.Limits.MaxRedirects }},
	{Key: "limits.connect_timeout", Help: "time to connect to one address", field: func(c *Config) any { return &c.Limits.ConnectTimeout }},
	{Key: "limits.header_timeout", Help: "time to wait for response headers", field: func(c *Config) any { return &c.Limits.HeaderTimeout }},
	{Key: "limits.timeout", Help: "time for one request, from sending to the body's last byte", field: func(c *Config) any { return &c.Limits.Timeout }},
	{Key: "render.chromium", Flag: "chromium", Help: "the headless browser for outlets in browser mode; empty: Debian's chromium", field: func(c *Config) any { return &c.Render.Chromium }},
	{Key: "render.tabs", Flag: "render-tabs", Help: "pages rendered at once in the browser", field: func(c *Config) any { return &c.Render.Tabs }},
	{Key: "render.timeout", Help: "time for one rendered page, from loading to reading its text", field: func(c *Config) any { return &c.Render.Timeout }},
	{Key: "render.third_party", Help: "let rendered pages load scripts and data from other sites", field: func(c *Config) any { return &c.Render.ThirdParty }},
}

// Settings returns the table of keys.
func Settings() []Setting { return append([]Setting(nil), settings...) }

// lookup finds a key's setting.
func lookup(key string) (Setting, bool) {
	for _, s := range settings {
		if s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// KeyOfFlag returns the key a command-line flag sets, or "".
func KeyOfFlag(flag string) string {
	for _, s := range settings {
		if s.Flag != "" && s.Flag == flag {
			return s.Key
		}
	}
	return ""
}

// Origin says where a value came from: Kind is "default", "file", "env"
// or "flag"; Name is the file (with its line when known), the variable or
// the flag.
type Origin struct {
	Kind string
	Name string
}

// Origin returns where key's value came from.
func (c Config) Origin(key string) Origin {
	if o, ok := c.origin[key]; ok {
		return o
	}
	return Origin{Kind: "default"}
}

// Named is how an error names the key: the flag or variable that set it,
// or the key with its file.
func (c Config) Named(key string) string {
	switch o := c.Origin(key); o.Kind {
	case "flag", "env":
		return o.Name
	case "file":
		return key + " (" + o.Name + ")"
	}
	if s, ok := lookup(key); ok && s.Flag != "" {
		return "--" + s.Flag
	}
	return key
}

func (c *Config) setOrigin(key string, o Origin) {
	if c.origin == nil {
		c.origin = map[string]Origin{}
	}
	c.origin[key] = o
}

// Set gives key the value written as text, as the environment and the
// command line write it (tiers comma-separated), and records its origin.
func (c *Config) Set(key, value string, o Origin) error {
	s, ok := lookup(key)
	if !ok {
		return fmt.Errorf("unknown key %s", key)
	}
	if err := set(s.field(c), value); err != nil {
		return err
	}
	c.setOrigin(key, o)
	return nil
}

func set(p any, v string) error {
	switch p := p.(type) {
	case *string:
		*p = v
	case *bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false (1 or 0)", v)
		}
		*p = b
	case *int:
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		*p = n
	case *int64:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", v)
		}
		*p = n
	case *float64:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		*p = f
	case *Duration:
		d, err := ParseDuration(v)
		if err != nil {
			return fmt.Errorf("%q is not a duration (e.g. 2s, 500ms)", v)
		}
		*p = Duration(d)
	case *[]Tier:
		var tiers []Tier
		for _, s := range strings.Split(v, ",") {
			t, err := ParseTier(s)
			if err != nil {
				return err
			}
			tiers = append(tiers, t)
		}
		*p = tiers
	default:
		return fmt.Errorf("no way to set %T", p)
	}
	return nil
}

// Value writes key's value as the command line takes it: durations as Go
// writes them, tiers comma-separated.
func (c Config) Value(key string) string {
	s, ok := lookup(key)
	if !ok {
		return ""
	}
	switch p := s.field(&c).(type) {
	case *Duration:
		return time.Duration(*p).String()
	case *[]Tier:
		return joinTiers(*p)
	default:
		return display(p)
	}
}

// display writes a value for people: durations with days, tiers as a list.
func display(p any) string {
	switch p := p.(type) {
	case *string:
		return *p
	case *bool:
		return strconv.FormatBool(*p)
	case *int:
		return strconv.Itoa(*p)
	case *int64:
		return strconv.FormatInt(*p, 10)
	case *float64:
		return strconv.FormatFloat(*p, 'g', -1, 64)
	case *Duration:
		return p.String()
	case *[]Tier:
		return joinTiers(*p)
	}
	return fmt.Sprint(p)
}

func joinTiers(ts []Tier) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.String()
	}
	return strings.Join(parts, ",")
}
