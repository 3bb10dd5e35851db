// Package tlog owns the form of errata's tamper-evident log: the canonical
// encoding of a logged row (a leaf), the signing key and the signed
// checkpoints over the tree of leaves. The Merkle tree itself, its stored
// hashes and proofs are golang.org/x/mod/sumdb/tlog (RFC 6962 hashing);
// checkpoints are golang.org/x/mod/sumdb/note signed notes.
//
// The package knows nothing of databases: the store appends leaves in the
// transaction that inserts their row, and verification reads the rows back
// and re-encodes them here.
package tlog
