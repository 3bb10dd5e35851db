// Package config owns errata's settings: every one with its default, read
// from a TOML file, the environment (ERRATA_*) and the command line, in
// that order of precedence, and validated before anything starts. It knows
// where each value came from, so errors and `errata config` can name it.
//
// It does no I/O beyond reading the file it is given, and never starts
// anything: cmd/errata turns a Config into the wiring.
package config

import (
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/queue"
	"github.com/errata/errata/internal/render"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// Defaults that are the config's own; the others are the packages'.
const (
	DefaultData      = "./errata-data"
	DefaultAddr      = "127.0.0.1:8080"
	DefaultRole      = "all"
	DefaultLogLevel  = "info"
	DefaultLogFormat = "text"
	DefaultDemoStep  = 8 * time.Second
)

// Config is every setting errata takes. The TOML keys are the field tags;
// the environment variable of a key is ERRATA_ and the key in capitals,
// dots as underscores (schedule.stop_after: ERRATA_SCHEDULE_STOP_AFTER).
type Config struct {
	Data         string   `toml:"data"`
	DB           string   `toml:"db"`
	LogKey       string   `toml:"log_key"`
	AllowPrivate bool     `toml:"allow_private"`
	HostInterval Duration `toml:"host_interval"`
	Contact      string   `toml:"contact"`
	LogLevel     string   `toml:"log_level"`
	LogFormat    string   `toml:"log_format"`

	Addr        string   `toml:"addr"`
	Role        string   `toml:"role"`
	AdminToken  string   `toml:"admin_token"`
	BaseURL     string   `toml:"base_url"`
	MetricsAddr string   `toml:"metrics_addr"`
	Workers     int      `toml:"workers"`
	Tick        Duration `toml:"tick"`
	RescueAfter Duration `toml:"rescue_after"`
	HostLease   Duration `toml:"host_lease"`

	Demo     Demo     `toml:"demo"`
	Schedule Schedule `toml:"schedule"`
	Limits   Limits   `toml:"limits"`
	Render   Render   `toml:"render"`

	// origin maps a key to where its value came from; absent: the default.
	origin map[string]Origin
}

// Demo holds the settings of `errata demo`.
type Demo struct {
	Step Duration `toml:"step"`
}

// Schedule is the checking policy (schedule.Policy) in the file's terms.
type Schedule struct {
	Tiers []Tier `toml:"tiers"`
	// Tier is the table form of Tiers ([[schedule.tier]] with age and
	// every), read from the file only and folded into Tiers.
	Tier      []TierTable `toml:"tier"`
	StopAfter Duration    `toml:"stop_after"`
	GoneAfter int         `toml:"gone_after"`
	GoneEvery Duration    `toml:"gone_every"`
	GoneFor   Duration    `toml:"gone_for"`
	ErrorBase Duration    `toml:"error_base"`
	ErrorMax  Duration    `toml:"error_max"`
	PollEvery Duration    `toml:"poll_every"`
	Jitter    float64     `toml:"jitter"`
}

// TierTable is one tier written as a table: age = "3h", every = "15m";
// age "*" is every age beyond the tiers before.
type TierTable struct {
	Age   string `toml:"age"`
	Every string `toml:"every"`
}

// Limits bound each fetch.
type Limits struct {
	MaxBodyBytes   int64    `toml:"max_body_bytes"`
	MaxRedirects   int      `toml:"max_redirects"`
	ConnectTimeout Duration `toml:"connect_timeout"`
	HeaderTimeout  Duration `toml:"header_timeout"`
	Timeout        Duration `toml:"timeout"`
}

// Render sets the headless browser that outlets in browser mode are
// rendered in.
type Render struct {
	Chromium   string   `toml:"chromium"`
	Tabs       int      `toml:"tabs"`
	Timeout    Duration `toml:"timeout"`
	ThirdParty bool     `toml:"third_party"`
}

// Default returns every setting at its default.
func Default() Config {
	p := schedule.DefaultPolicy()
	tiers := make([]Tier, len(p.Tiers))
	for i, t := range p.Tiers {
		tiers[i] = Tier(t)
	}
	return Config{
		Data:         DefaultData,
		HostInterval: Duration(fetch.DefaultHostInterval),
		LogLevel:     DefaultLogLevel,
		LogFormat:    DefaultLogFormat,
		Addr:         DefaultAddr,
		Role:         DefaultRole,
		Workers:      jobs.DefaultWorkers,
		Tick:         Duration(queue.DefaultTick),
		RescueAfter:  Duration(queue.DefaultRescueAfter),
		HostLease:    Duration(store.DefaultHostLease),
		Demo:         Demo{Step: Duration(DefaultDemoStep)},
		Schedule: Schedule{
			Tiers: tiers, StopAfter: Duration(p.StopAfter), GoneAfter: p.GoneAfter,
			GoneEvery: Duration(p.GoneEvery), GoneFor: Duration(p.GoneFor),
			ErrorBase: Duration(p.ErrorBase), ErrorMax: Duration(p.ErrorMax),
			PollEvery: Duration(p.PollEvery), Jitter: p.Jitter,
		},
		Limits: Limits{
			MaxBodyBytes: fetch.DefaultMaxBodySize, MaxRedirects: fetch.DefaultMaxRedirects,
			ConnectTimeout: Duration(fetch.DefaultConnectTimeout),
			HeaderTimeout:  Duration(fetch.DefaultHeaderTimeout),
			Timeout:        Duration(fetch.DefaultTotalTimeout),
		},
		Render: Render{Tabs: render.DefaultTabs, Timeout: Duration(render.DefaultTimeout)},
	}
}

// Policy is the checking policy the settings describe.
func (c Config) Policy() schedule.Policy {
	p := schedule.DefaultPolicy()
	p.Tiers = make([]schedule.Tier, len(c.Schedule.Tiers))
	for i, t := range c.Schedule.Tiers {
		p.Tiers[i] = schedule.Tier(t)
	}
	s := c.Schedule
	p.StopAfter, p.GoneAfter, p.Jitter = time.Duration(s.StopAfter), s.GoneAfter, s.Jitter
	p.ErrorBase, p.ErrorMax, p.PollEvery = time.Duration(s.ErrorBase), time.Duration(s.ErrorMax), time.Duration(s.PollEvery)
	p.GoneEvery, p.GoneFor = time.Duration(s.GoneEvery), time.Duration(s.GoneFor)
	return p
}

// Fetch is the fetch client's configuration the settings describe; the
// caller adds what is not a setting (the host gate).
func (c Config) Fetch() fetch.Config {
	return fetch.Config{
		UserAgent:      fetch.UserAgent(c.Contact),
		HostInterval:   time.Duration(c.HostInterval),
		AllowPrivate:   c.AllowPrivate,
		MaxBodySize:    c.Limits.MaxBodyBytes,
		MaxRedirects:   c.Limits.MaxRedirects,
		ConnectTimeout: time.Duration(c.Limits.ConnectTimeout),
		HeaderTimeout:  time.Duration(c.Limits.HeaderTimeout),
		TotalTimeout:   time.Duration(c.Limits.Timeout),
	}
}

// RenderConfig is the browser renderer's configuration the settings
// describe; nothing starts until an outlet in browser mode is checked.
func (c Config) RenderConfig() render.Config {
	return render.Config{
		Chromium:   c.Render.Chromium,
		Tabs:       c.Render.Tabs,
		Timeout:    time.Duration(c.Render.Timeout),
		ThirdParty: c.Render.ThirdParty,
		UserAgent:  fetch.UserAgent(c.Contact),
	}
}
