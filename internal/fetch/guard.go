package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
)

// privateAddrError is returned by the dialer; Get turns it into an *Error
// naming the URL.
type privateAddrError struct{ addr netip.Addr }

func (e *privateAddrError) Error() string {
	addr := e.addr.String()
	if v4, ok := privateEmbedded(e.addr); ok {
		addr += " (it leads to " + v4.String() + ")"
	}
	return fmt.Sprintf("refused: resolves to a private address %s; use --allow-private to permit", addr)
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
			if c.blocked(a) && !c.allowedAddr(a, port) {
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

// allowedAddr reports whether a:port is one of Config.AllowAddrs.
func (c *Client) allowedAddr(a netip.Addr, port string) bool {
	if len(c.cfg.AllowAddrs) == 0 {
		return false
	}
	p, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return false
	}
	return slices.Contains(c.cfg.AllowAddrs, netip.AddrPortFrom(a.Unmap(), uint16(p)))
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
