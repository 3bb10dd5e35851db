package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// blockedPrefixes are ranges not covered by netip's own predicates that
// must not be reachable from a public crawler: shared address space used
// by carrier-grade NAT, "this network", benchmarking and reserved ranges.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
}

// nat64Prefix embeds an IPv4 address in its last 32 bits; the embedded
// address is what the packet finally reaches.
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

// isPrivate reports whether a is an address a public crawler must not dial:
// loopback, private, link-local, multicast, unspecified and the ranges in
// blockedPrefixes, including their IPv4-mapped IPv6 forms.
func isPrivate(a netip.Addr) bool {
	a = a.Unmap()
	if nat64Prefix.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsMulticast() {
		return true
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// privateAddrError is returned by the dialer; Get turns it into an *Error
// naming the URL.
type privateAddrError struct{ addr netip.Addr }

func (e *privateAddrError) Error() string {
	return fmt.Sprintf("refused: resolves to a private address %s; use --allow-private to permit", e.addr)
}

func (e *privateAddrError) Is(target error) bool { return target == ErrPrivateAddress }

// connectTimeoutError marks a dial that ran out of ConnectTimeout, so Get
// can say which limit was hit.
type connectTimeoutError struct{ err error }

func (e *connectTimeoutError) Error() string { return e.err.Error() }
func (e *connectTimeoutError) Unwrap() error { return e.err }

// dialContext resolves the host itself and checks every address before
// dialing one of them, so the guard applies to the IP actually dialed, on
// every redirect hop and every new connection. Refusing the whole host
// when any address is private defeats DNS answers that mix a public and a
// private address.
func (c *Client) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, fmt.Errorf("fetch: dial %s: %w", address, err)
	}
	addrs, err := c.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	if !c.cfg.AllowPrivate {
		for _, a := range addrs {
			if c.blocked(a) {
				return nil, &privateAddrError{addr: a.Unmap()}
			}
		}
	}
	var firstErr error
	for _, a := range addrs {
		conn, err := c.dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	var ne net.Error
	if errors.As(firstErr, &ne) && ne.Timeout() && ctx.Err() == nil {
		return nil, &connectTimeoutError{err: firstErr}
	}
	return nil, firstErr
}

func (c *Client) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	addrs, err := c.cfg.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, fmt.Errorf("fetch: resolve %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("fetch: resolve %s: no addresses", host)
	}
	return addrs, nil
}
