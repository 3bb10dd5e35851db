// Package store persists errata's domain model in SQLite (the embedded
// default) or PostgreSQL (scale out). It is the only package that speaks
// SQL: every query lives here as a plain string, one file per table or
// aggregate, written once with "?" placeholders in the subset both engines
// accept; the dialect (dialect.go) rewrites placeholders for PostgreSQL and
// picks what cannot be shared: migrations, error codes, the search query.
//
// store owns the schema (numbered, embedded migrations applied at Open), the
// append-only guarantee for versions, captures and lifecycle events
// (enforced by triggers, not just by convention) and the atomicity of
// recording one check with its version and events (Record).
//
// It must not decide anything: scheduling, extraction, change detection and
// the clock policy belong to other packages. It never logs; it returns errors
// prefixed "store: " that a user can act on.
package store
