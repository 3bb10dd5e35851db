package newsroom

import (
	"net"
	"testing"
)

// TestStart_ListensOnTheAddressesGiven: a newsroom restarted on the
// addresses of an earlier one serves its outlets at the same URLs.
func TestStart_ListensOnTheAddressesGiven(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	n := started(t, Config{Outlets: 2, Addrs: []string{addr}})
	outlets := n.Outlets()
	if outlets[0].BaseURL != "http://"+addr {
		t.Errorf("outlet 0 at %s, want http://%s", outlets[0].BaseURL, addr)
	}
	if outlets[1].BaseURL == "" || outlets[1].BaseURL == outlets[0].BaseURL {
		t.Errorf("outlet 1 at %q: want a port of its own", outlets[1].BaseURL)
	}
	if got := fetch(t, outlets[0].FeedURL, nil); got.status != 200 {
		t.Errorf("feed at the given address: status %d", got.status)
	}
}
