// Package jobs wires errata's stages together: it polls sources for new
// articles and checks articles for new versions, moving data one way
// through fetch, extract, revise and store. It is the only package that
// knows every stage; the stages know nothing of each other or of jobs.
//
// Engine holds the wiring. Crawl makes one pass over what is due; the
// background queue (internal/queue, under serve) runs the same checks and
// polls through CheckDue and PollDue.
package jobs
