// Package archive owns the form raw capture bodies are kept in: addressed
// by their SHA-256 and gzip-compressed. Pack turns a response body into a
// blob; Unpack turns a blob back into the body, refusing one that inflates
// without end or no longer hashes to its address.
//
// The package knows nothing of articles, HTTP or where blobs are kept (the
// store keeps them beside the version they belong to, in one transaction).
package archive
