// Package schedule decides when an article (or a source) is checked next and
// when checking stops for good. It owns the checking policy: dense while an
// article is young, thinning out as it settles, stopping once it has been
// unchanged long enough, backing off after errors and giving up on pages that
// keep answering 404/410.
//
// The package is pure: it never reads the clock, the network or the
// database. Callers pass the article's history and the current time, and get
// back a Plan; jitter is derived from a hash of the article id and the time,
// so the same inputs always give the same answer.
package schedule
