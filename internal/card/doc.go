// Package card renders one change of an article as a PNG image (a "diff
// card"): the outlet, the time of the change, the old and new headline,
// the changed sentences with deleted words struck through and inserted
// words highlighted, the counts and classes, and a small footer.
//
// Cards are drawn in Go without a browser: text is shaped with
// github.com/go-text/typesetting (bidirectional text, Arabic joining,
// line breaking between CJK characters, per-run font fallback) and
// rasterised with golang.org/x/image/vector. The fonts are embedded.
//
// card is a pure stage: it takes a Change and returns pixels. It does not
// import the store or the web server, keeps no clock and never panics on
// the text it is given, whatever that text holds.
package card
