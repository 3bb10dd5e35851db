package fetch

import (
	"net/http"
	"slices"
)

// Limits on response headers. Real pages send a few KiB of headers;
// browsers refuse a response whose headers pass 256 KiB, and so does the
// client, rather than read net/http's default of 10 MB. What a Response
// keeps, and so what a capture stores, is smaller still: a server that
// sends thousands of fields or a cookie of many KiB loses the excess
// fields, never the page.
const (
	MaxHeaderBytes      = 256 << 10 // header block read, else the fetch fails
	MaxKeptHeaderFields = 100       // field lines kept in Response.Header
	MaxKeptHeaderBytes  = 32 << 10  // bytes of names and values kept in Response.Header
)

// keptFirst are the fields errata reads or a reader of a capture needs
// most; they are kept before any other when a header is cut down.
var keptFirst = []string{
	"Content-Type", "Etag", "Last-Modified", "Date", "Content-Language",
	"Content-Location", "Link", "Cache-Control", "Expires", "Age",
}

// boundHeader returns h when it is within MaxKeptHeaderFields and
// MaxKeptHeaderBytes, else a copy holding the fields of keptFirst, then
// the others in name order, as long as they fit. A value that does not
// fit is dropped whole: a cut value would be a value the server never
// sent.
func boundHeader(h http.Header) http.Header {
	if fields, size := headerSize(h); fields <= MaxKeptHeaderFields && size <= MaxKeptHeaderBytes {
		return h
	}
	names := make([]string, 0, len(h))
	for name := range h {
		if !slices.Contains(keptFirst, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	out := make(http.Header)
	fields, size := 0, 0
	for _, name := range slices.Concat(keptFirst, names) {
		for _, v := range h[name] {
			if fields == MaxKeptHeaderFields {
				return out
			}
			if n := fieldSize(name, v); size+n <= MaxKeptHeaderBytes {
				out[name] = append(out[name], v)
				fields, size = fields+1, size+n
			}
		}
	}
	return out
}

func headerSize(h http.Header) (fields, size int) {
	for name, vs := range h {
		for _, v := range vs {
			fields, size = fields+1, size+fieldSize(name, v)
		}
	}
	return fields, size
}

// fieldSize counts a field as it travels: "Name: value\r\n".
func fieldSize(name, value string) int { return len(name) + len(value) + 4 }
