// Package discover turns the documents a source serves — RSS, Atom, RDF and
// JSON feeds, sitemaps, sitemap indexes, Google News sitemaps, OPML lists —
// into canonical article URLs, and owns what "canonical URL" means for the
// rest of errata (Canonicalize, Resolve, CanonicalFromHTML).
//
// It is a pure stage: bytes in, URLs out. It must not fetch anything, touch
// the database or read the clock; callers hand it bodies they fetched and the
// URL they fetched them from. Every URL it returns is an absolute http(s) URL
// in canonical form, so two sources listing the same article agree on its key.
package discover
