// Package fetch is errata's polite, safe HTTP client: the only way the
// project reaches outlets on the network.
//
// It owns robots.txt (fetched once per host and cached), per-host
// politeness (one request in flight per host and a pause between requests),
// conditional GET, redirects, size and time limits, decompression with a cap
// on the decompressed size, the guard that refuses private addresses after
// DNS resolution, and charset conversion of bodies to UTF-8.
//
// It must not know about feeds, extraction or storage: it returns bytes and
// headers, and turns every failure into one wrapped error whose message a
// user can act on.
package fetch
