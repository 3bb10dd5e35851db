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
		{"192.88.99.1", true},
		{"fe80::1%eth0", true},

		// IPv4-mapped, in every spelling.
		{"::ffff:7f00:1", true},
		{"0:0:0:0:0:ffff:127.0.0.1", true},
		{"::ffff:192.168.1.1", true},
		// IPv4-compatible (deprecated) and IPv4-translated (SIIT).
		{"::127.0.0.1", true},
		{"::10.0.0.4", true},
		{"::ffff:0:127.0.0.1", true},
		{"::ffff:0:a9fe:a9fe", true},
		// NAT64, well-known and local-use prefixes.
		{"64:ff9b::127.0.0.1", true},
		{"64:ff9b::a9fe:a9fe", true},
		{"64:ff9b:1::7f00:1", true},
		{"64:ff9b:1:7f00:0:100::", true}, // 127.0.0.1 after a /48 prefix
		{"64:ff9b:1:ff0a:0:4::", true},   // 10.0.0.4 after a /56 prefix
		{"64:ff9b:1::a:0:4:0", true},     // 10.0.0.4 after a /64 prefix
		// The local-use prefix's length is unknown: 8.8.8.8 after a /96
		// prefix reads 0.0.0.0 after a /48 one.
		{"64:ff9b:1::808:808", true},
		// 6to4 embeds its IPv4 address in bits 16-47.
		{"2002:7f00:1::1", true},
		{"2002:a00:4::", true},
		{"2002:c0a8:101:1::1", true},
		// Teredo: client 127.0.0.1 and 10.0.0.4 (bits flipped), server 10.0.0.4.
		{"2001:0:4136:e378:8000:63bf:80ff:fffe", true},
		{"2001:0:4136:e378:8000:63bf:f5ff:fffb", true},
		{"2001:0:a00:4:8000:63bf:3fff:fdd2", true},
		// ISATAP interface identifiers.
		{"2001:db8::5efe:a00:4", true},
		{"2001:db8::200:5efe:7f00:1", true},
		// Site-local, deprecated.
		{"fec0::1", true},
		{"fec0:0:0:1::7", true},
		{"feff::1", true},
		// A zone must not hide the address.
		{"64:ff9b::7f00:1%eth0", true},
		{"2002:7f00:1::1%1", true},

		{"8.8.8.8", false},
		{"93.184.216.34", false},
		{"100.128.0.1", false},
		{"172.32.0.1", false},
		{"2001:4860:4860::8888", false},
		{"::ffff:8.8.8.8", false},
		{"2606:4700::1111", false},
		{"2606:4700:4700::1111", false},
		{"::8.8.8.8", false},
		{"::ffff:0:8.8.8.8", false},
		{"64:ff9b::8.8.8.8", false},
		{"64:ff9b:1:808:8:808:808:808", false}, // 8.8.8.8 whatever the prefix length
		{"2002:808:808::1", false},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", false}, // server 65.54.227.120, client 192.0.2.45
		{"2001:db8::200:5efe:808:808", false},
		{"2001:db8::1", false},
		{"febf::1", true}, // link-local, just below site-local
		{"ff00::", true},
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
