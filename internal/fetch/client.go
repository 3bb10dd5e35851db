package fetch

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// Defaults for Config fields left zero.
const (
	DefaultUserAgent      = "errata/0.1 (+https://github.com/errata/errata)"
	DefaultHostInterval   = time.Second
	DefaultMaxBodySize    = 10 << 20
	DefaultMaxRedirects   = 5
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 15 * time.Second
	DefaultTotalTimeout   = 30 * time.Second
	DefaultRobotsTTL      = 24 * time.Hour

	// robotsProduct is the token robots.txt groups are matched against.
	robotsProduct = "errata"
	// maxRobotsSize follows Google's limit: bytes after 500 KiB are ignored.
	maxRobotsSize = 500 << 10
	// robotsErrorTTL is how long a failed robots.txt fetch counts as
	// "allow all" before it is tried again; shorter than RobotsTTL so a
	// site's real rules are picked up soon after it recovers.
	robotsErrorTTL      = time.Hour
	maxIdleConnsPerHost = 2
	idleConnTimeout     = 90 * time.Second
)

// Resolver looks up a host's addresses; *net.Resolver satisfies it. Tests
// use it to make a name resolve where they want.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Config sets the client's limits. Zero fields take the defaults above,
// except HostInterval, where zero means no pause (tests, benchmarks); use
// DefaultConfig for a polite starting point.
type Config struct {
	UserAgent    string        // sent on every request, robots.txt included
	HostInterval time.Duration // least time between requests to one host; 0 = none
	AllowPrivate bool          // permit loopback, private, link-local... targets
	// AllowAddrs permits these exact address:port pairs even when they
	// are private, leaving every other private address refused: one
	// intranet server named by its operator, or a test's own server.
	AllowAddrs     []netip.AddrPort
	MaxBodySize    int64         // cap on the decompressed body
	MaxRedirects   int           // redirect hops followed before ErrTooManyRedirects
	ConnectTimeout time.Duration // dialing one address
	HeaderTimeout  time.Duration // waiting for response headers
	TotalTimeout   time.Duration // one request hop, from sending to the body's last byte
	RobotsTTL      time.Duration // how long a host's robots.txt is trusted
	Resolver       Resolver      // nil = net.DefaultResolver
	// Gate, when set, spaces requests across processes too (the store's
	// host gate): it is asked after the in-process gate, so each process
	// sends it one waiter per host. nil: the in-process gate alone.
	Gate Gate
}

// Gate spaces requests to one host among several processes. Wait returns
// once the caller may send a request to host (host:port) and keeps it the
// host's only request until release is called, after which the next may
// start no sooner than interval later. robots.txt stays cached per
// process: each process fetches and obeys it itself.
type Gate interface {
	Wait(ctx context.Context, host string, interval time.Duration) (release func(), err error)
}

// UserAgent is the User-Agent errata sends: DefaultUserAgent, with the
// contact of whoever runs this errata (a URL or an email address) when one
// is given, so a site can reach them rather than the project.
func UserAgent(contact string) string {
	contact = strings.TrimSpace(contact)
	if contact == "" {
		return DefaultUserAgent
	}
	return strings.TrimSuffix(DefaultUserAgent, ")") + "; " + contact + ")"
}

// DefaultConfig returns the polite defaults, HostInterval included.
func DefaultConfig() Config {
	return Config{HostInterval: DefaultHostInterval}.withDefaults()
}

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	c.HostInterval = max(c.HostInterval, 0)
	if c.MaxBodySize <= 0 {
		c.MaxBodySize = DefaultMaxBodySize
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.HeaderTimeout <= 0 {
		c.HeaderTimeout = DefaultHeaderTimeout
	}
	if c.TotalTimeout <= 0 {
		c.TotalTimeout = DefaultTotalTimeout
	}
	if c.RobotsTTL <= 0 {
		c.RobotsTTL = DefaultRobotsTTL
	}
	if c.Resolver == nil {
		c.Resolver = net.DefaultResolver
	}
	return c
}

// Client fetches URLs politely and safely. It is safe for concurrent use;
// share one per process so the per-host limits hold across goroutines.
type Client struct {
	cfg    Config
	http   *http.Client
	hosts  *hostGate
	robots *robotsCache

	// Seams for tests: which addresses are refused, and how an address
	// that passed the guard is dialed.
	blocked func(netip.Addr) bool
	dial    func(ctx context.Context, network, address string) (net.Conn, error)
}

// New builds a Client from cfg, filling zero fields with defaults.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	c := &Client{
		cfg:     cfg,
		hosts:   newHostGate(cfg.HostInterval),
		robots:  newRobotsCache(),
		blocked: isPrivate,
	}
	d := &net.Dialer{Timeout: cfg.ConnectTimeout}
	c.dial = d.DialContext
	transport := &http.Transport{
		// No Proxy: a proxy would dial for us and bypass the address guard.
		Proxy:                  nil,
		DialContext:            c.dialContext,
		ForceAttemptHTTP2:      true,
		DisableCompression:     true, // we decompress ourselves, with a cap
		TLSHandshakeTimeout:    cfg.ConnectTimeout,
		ResponseHeaderTimeout:  cfg.HeaderTimeout,
		MaxResponseHeaderBytes: MaxHeaderBytes,
		MaxIdleConnsPerHost:    maxIdleConnsPerHost,
		IdleConnTimeout:        idleConnTimeout,
	}
	c.http = &http.Client{
		Transport: transport,
		// Redirects are followed by Get, hop by hop, so that each hop gets
		// URL checks, robots.txt and the host interval.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c
}
