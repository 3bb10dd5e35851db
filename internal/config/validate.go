package config

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Validate checks every setting, so that a mistake ends a command before
// it does anything. The error is one line naming where the value came
// from: `ERRATA_ADDR "bogus": want HOST:PORT, ...`.
func (c Config) Validate() error {
	checks := []struct {
		key string
		err error
	}{
		{"role", oneOf(c.Role, "all", "web", "worker")},
		{"log_level", oneOf(c.LogLevel, "debug", "info", "warn", "error")},
		{"log_format", oneOf(c.LogFormat, "text", "json")},
		{"addr", CheckListenAddr(c.Addr)},
		{"metrics_addr", optional(c.MetricsAddr, CheckListenAddr)},
		{"base_url", optional(c.BaseURL, CheckHTTPURL)},
		{"contact", optional(c.Contact, checkContact)},
		{"host_interval", notNegative(c.HostInterval)},
		{"workers", atLeastOne(c.Workers)},
		{"tick", atLeast(c.Tick, time.Second)},
		{"rescue_after", positive(c.RescueAfter)},
		{"host_lease", positive(c.HostLease)},
		{"demo.step", atLeast(c.Demo.Step, time.Second)},
		{"schedule.tiers", checkTiers(c.Schedule.Tiers)},
		{"schedule.stop_after", notNegative(c.Schedule.StopAfter)},
		{"schedule.gone_after", notNegativeInt(c.Schedule.GoneAfter)},
		{"schedule.gone_every", positive(c.Schedule.GoneEvery)},
		{"schedule.gone_for", notNegative(c.Schedule.GoneFor)},
		{"schedule.error_base", positive(c.Schedule.ErrorBase)},
		{"schedule.error_max", positive(c.Schedule.ErrorMax)},
		{"schedule.poll_every", positive(c.Schedule.PollEvery)},
		{"schedule.jitter", checkJitter(c.Schedule.Jitter)},
		{"limits.max_body_bytes", atLeastOne(int(min(c.Limits.MaxBodyBytes, math.MaxInt32)))},
		{"limits.max_redirects", atLeastOne(c.Limits.MaxRedirects)},
		{"limits.connect_timeout", positive(c.Limits.ConnectTimeout)},
		{"limits.header_timeout", positive(c.Limits.HeaderTimeout)},
		{"limits.timeout", positive(c.Limits.Timeout)},
		{"render.tabs", atLeastOne(c.Render.Tabs)},
		{"render.timeout", atLeast(c.Render.Timeout, time.Second)},
	}
	for _, ch := range checks {
		if ch.err != nil {
			return fmt.Errorf("%s %q: %w", c.Named(ch.key), c.displayValue(ch.key), ch.err)
		}
	}
	if c.Schedule.ErrorMax < c.Schedule.ErrorBase {
		return fmt.Errorf("%s %q: shorter than schedule.error_base %s", c.Named("schedule.error_max"), c.displayValue("schedule.error_max"), c.Schedule.ErrorBase)
	}
	return nil
}

func (c Config) displayValue(key string) string {
	s, _ := lookup(key)
	return display(s.field(&c))
}

func oneOf(v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	last := len(allowed) - 1
	return fmt.Errorf("want %s or %s", strings.Join(allowed[:last], ", "), allowed[last])
}

func optional(v string, check func(string) error) error {
	if v == "" {
		return nil
	}
	return check(v)
}

// CheckListenAddr accepts HOST:PORT with a numeric port; the host may be
// empty (every interface). Whether the host exists here is for Listen to
// find out.
func CheckListenAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("want HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free port)")
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return nil
}

// CheckHTTPURL accepts an absolute http or https URL with a host.
func CheckHTTPURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want an absolute http(s) URL, e.g. https://errata.example/")
	}
	return nil
}

// checkContact accepts an http(s) URL or an email address, as crawlers'
// User-Agents carry them.
func checkContact(v string) error {
	if strings.ContainsAny(v, "()\r\n") {
		return errors.New("want a URL or an email address, without parentheses")
	}
	if strings.Contains(v, "://") {
		return CheckHTTPURL(v)
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		return errors.New("want an http(s) URL or an email address (ops@example.org)")
	}
	return nil
}

func notNegative(d Duration) error {
	if d < 0 {
		return errors.New("must not be negative")
	}
	return nil
}

func notNegativeInt(n int) error {
	if n < 0 {
		return errors.New("must not be negative")
	}
	return nil
}

func positive(d Duration) error {
	if d <= 0 {
		return errors.New("want a positive duration")
	}
	return nil
}

func atLeast(d Duration, least time.Duration) error {
	if time.Duration(d) < least {
		return fmt.Errorf("want at least %s", FormatDuration(least))
	}
	return nil
}

func atLeastOne(n int) error {
	if n < 1 {
		return errors.New("want at least 1")
	}
	return nil
}

func checkJitter(f float64) error {
	if !(f >= 0 && f <= 0.5) {
		return errors.New("want a fraction from 0 to 0.5")
	}
	return nil
}

// checkTiers wants at least one tier, ages strictly increasing and
// positive intervals.
func checkTiers(ts []Tier) error {
	if len(ts) == 0 {
		return errors.New("want at least one tier, e.g. *:1h")
	}
	for i, t := range ts {
		if t.MaxAge <= 0 {
			return fmt.Errorf("tier %s: the age must be positive", t)
		}
		if t.Every <= 0 {
			return fmt.Errorf("tier %s: the interval must be positive", t)
		}
		if i > 0 && t.MaxAge <= ts[i-1].MaxAge {
			return fmt.Errorf("tier %s comes after %s: order the tiers by age, youngest first", t, ts[i-1])
		}
	}
	return nil
}
