// Package archive owns the form raw capture bodies are kept in: addressed
// by their SHA-256 and zstd-compressed, with a dictionary trained on the
// site's own pages once there are enough of them (TrainDict, Dict.Pack).
// Pack turns a response body into a blob; Unpack turns a blob back into
// the body, whichever form it was kept in (gzip before zstd, zstd, zstd
// with a dictionary), refusing one that inflates without end or no longer
// hashes to its address.
//
// The package knows nothing of articles, HTTP or where blobs are kept (the
// store keeps them beside the version they belong to, in one transaction,
// and keeps the dictionaries blobs name).
package archive
