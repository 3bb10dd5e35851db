// Package loadbench measures errata's web pages under load: it seeds a
// store with many articles and versions, then drives pages over loopback
// at a fixed request rate and reports latency percentiles. It is a
// benchmark tool, not part of the service; it sends traffic only to the
// address it is given, bounded in count and time.
package loadbench
