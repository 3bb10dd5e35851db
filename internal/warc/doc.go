// Package warc writes and reads WARC/1.1 archives (ISO 28500), the form web
// archives and their tools (wayback machines, warcio, pywb) exchange
// captured pages in. It builds and parses records with
// github.com/nlnwa/gowarc and compresses each record as its own gzip
// member, so a reader can seek to any record.
//
// The package knows HTTP messages and WARC records, nothing of articles,
// versions or the store: export and import decide what goes in a record.
package warc
