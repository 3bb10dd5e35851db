// Package revise decides whether a freshly extracted article is a new
// version: it hashes the normalised content, compares it with the article's
// history (including the flip-flop rule for caches that serve an old and a
// new copy in turn) and, for a new version, fills its number, change
// classes and word stats from package diff.
//
// It is a pure stage: no network, no database, no clock. It must not store
// anything nor fetch or re-extract captures; the caller passes history in
// and records the Decision.
package revise
