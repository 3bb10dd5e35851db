// Package archive owns the raw capture bodies: every HTTP response body
// behind a version is stored once, gzip-compressed, under its SHA-256 in a
// directory tree (dir/ab/cd/<hash>.gz). Blobs are append-only and written
// atomically (temp file, fsync, rename), and every read is verified against
// its hash.
//
// The package knows nothing of articles, HTTP or the database: it maps bytes
// to hashes and back. It must never rewrite a stored blob in place, and never
// let a caller-supplied hash name a path outside its directory.
package archive
