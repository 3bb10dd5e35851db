package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"testing"
)

// TestDialContext_AllowAddrsPermitsOnlyThePairNamed dials a private
// listener allowed by address and port, then the same address on another
// port and another loopback address, which stay refused.
func TestDialContext_AllowAddrsPermitsOnlyThePairNamed(t *testing.T) {
	allowed := listen(t, "127.0.0.1:0")
	other := listen(t, "127.0.0.1:0")
	c := New(Config{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(allowed.Addr().String())}})
	ctx := context.Background()

	conn, err := c.DialContext(ctx, "tcp", allowed.Addr().String())
	if err != nil {
		t.Fatalf("allowed pair refused: %v", err)
	}
	conn.Close()
	for _, addr := range []string{other.Addr().String(), "127.0.0.2:" + port(allowed)} {
		conn, err := c.DialContext(ctx, "tcp", addr)
		if err == nil {
			conn.Close()
			t.Fatalf("dial %s: no error, want a private-address refusal", addr)
		}
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("dial %s: %v, want ErrPrivateAddress", addr, err)
		}
	}
}

func listen(t *testing.T, addr string) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func port(l net.Listener) string {
	_, p, _ := net.SplitHostPort(l.Addr().String())
	return p
}
