package fetch

import (
	"net/netip"
	"strings"
	"testing"
)

func TestIsPrivate_RefusesInternalRanges(t *testing.T) {
	tests := []struct {
		addr    string
		private bool
	}{
		{"127.0.0.1", true},
		{"127.255.0.9", true},
		{"10.0.0.4", true},
		{"172.16.3.4", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true},
		{"100.64.0.1", true},
		{"100.127.255.254", true},
		{"0.0.0.0", true},
		{"224.0.0.251", true},
		{"255.255.255.255", true},
		{"::1", true},
		{"::", true},
		{"fc00::1", true},
		{"fd12:3456::1", true},
		{"fe80::1", true},
		{"ff02::1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.4", true},
		{"64:ff9b::a00:4", true},
		{"8.8.8.8", false},
		{"93.184.216.34", false},
		{"100.128.0.1", false},
		{"172.32.0.1", false},
		{"2001:4860:4860::8888", false},
		{"::ffff:8.8.8.8", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := isPrivate(netip.MustParseAddr(tt.addr)); got != tt.private {
				t.Errorf("isPrivate(%s) = %v, want %v", tt.addr, got, tt.private)
			}
		})
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
