package fetch

import "net/netip"

// blockedV4 are IPv4 ranges not covered by netip's own predicates that a
// public crawler must not reach.
var blockedV4 = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("192.88.99.0/24"), // 6to4 relay anycast
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast included
}

// blockedV6 are IPv6 ranges not covered by netip's own predicates that a
// public crawler must not reach. Site-local is deprecated, yet networks
// that still route it treat it as private.
var blockedV6 = []netip.Prefix{
	netip.MustParsePrefix("fec0::/10"),
}

// IPv6 ranges whose addresses carry an IPv4 address that packets sent to
// them finally reach, through the host's stack, a translator or a tunnel.
var (
	v4CompatPrefix     = netip.MustParsePrefix("::/96")           // IPv4-compatible
	v4TranslatedPrefix = netip.MustParsePrefix("::ffff:0:0:0/96") // SIIT
	nat64Prefix        = netip.MustParsePrefix("64:ff9b::/96")    // well-known NAT64
	nat64LocalPrefix   = netip.MustParsePrefix("64:ff9b:1::/48")  // local-use NAT64
	sixToFourPrefix    = netip.MustParsePrefix("2002::/16")
	teredoPrefix       = netip.MustParsePrefix("2001::/32")
)

// isPrivate reports whether a is an address a public crawler must not dial:
// loopback, private, link-local, multicast, unspecified, the ranges in
// blockedV4 and blockedV6, and any IPv6 address that embeds an IPv4
// address that is one of these (IPv4-mapped, -compatible and -translated
// forms, NAT64, 6to4, Teredo, ISATAP). An embedded public IPv4 address
// is as good as the address itself.
func isPrivate(a netip.Addr) bool {
	a = a.WithZone("").Unmap() // a zone would make every Prefix.Contains false
	if a.Is4() {
		return privateV4(a)
	}
	if reserved(a) || inAny(blockedV6, a) {
		return true
	}
	for _, v4 := range embeddedV4(a) {
		if privateV4(v4) {
			return true
		}
	}
	return false
}

// privateEmbedded returns the first private IPv4 address a carries, so a
// refusal can name what the address leads to.
func privateEmbedded(a netip.Addr) (netip.Addr, bool) {
	for _, v4 := range embeddedV4(a.WithZone("").Unmap()) {
		if privateV4(v4) {
			return v4, true
		}
	}
	return netip.Addr{}, false
}

func privateV4(a netip.Addr) bool { return reserved(a) || inAny(blockedV4, a) }

func reserved(a netip.Addr) bool {
	return !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsMulticast()
}

func inAny(prefixes []netip.Prefix, a netip.Addr) bool {
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// embeddedV4 returns every IPv4 address an IPv6 address a carries.
func embeddedV4(a netip.Addr) []netip.Addr {
	b := a.As16()
	switch {
	case v4CompatPrefix.Contains(a), v4TranslatedPrefix.Contains(a), nat64Prefix.Contains(a):
		return []netip.Addr{v4(b[12], b[13], b[14], b[15])}
	case nat64LocalPrefix.Contains(a):
		// RFC 6052 places the IPv4 address after a prefix of 96, 64, 56
		// or 48 bits, skipping bits 64-71. The translator's prefix length
		// is its operator's choice, unknown here, so every reading counts;
		// the usual one comes first.
		return []netip.Addr{
			v4(b[12], b[13], b[14], b[15]),
			v4(b[9], b[10], b[11], b[12]),
			v4(b[7], b[9], b[10], b[11]),
			v4(b[6], b[7], b[9], b[10]),
		}
	case sixToFourPrefix.Contains(a):
		return []netip.Addr{v4(b[2], b[3], b[4], b[5])}
	case teredoPrefix.Contains(a):
		// The Teredo server, then the client, whose address is stored
		// with every bit flipped.
		return []netip.Addr{
			v4(b[4], b[5], b[6], b[7]),
			v4(^b[12], ^b[13], ^b[14], ^b[15]),
		}
	case isISATAP(b):
		return []netip.Addr{v4(b[12], b[13], b[14], b[15])}
	}
	return nil
}

// isISATAP reports an interface identifier of the ISATAP form
// (::0:5efe:a.b.c.d or ::200:5efe:a.b.c.d, RFC 5214), whose IPv4
// address is the tunnel's endpoint.
func isISATAP(b [16]byte) bool {
	return (b[8]|0x02) == 0x02 && b[9] == 0 && b[10] == 0x5e && b[11] == 0xfe
}

func v4(a, b, c, d byte) netip.Addr { return netip.AddrFrom4([4]byte{a, b, c, d}) }
