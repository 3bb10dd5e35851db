// Package realpages serves real news pages as simulated outlets, with
// churn and scripted revisions, for an end-to-end test of errata on real
// markup.
//
// It owns: locating each article-extraction-benchmark page's article from
// the corpus ground truth (the smallest element holding most of the body,
// and the <p> elements whose text is in the body; pages where this is not
// reliable are skipped), several outlets on loopback listeners with an RSS
// feed each, furniture that changes on every request inside and outside
// the article (teaser boxes, newsletter prompts, "Read more" teasers,
// counters, ad slots, a shuffled slideshow, relative timestamps, CSRF
// tokens and nonces; dressed differently by each outlet), a script per
// article of real revisions and of mishaps that are not revisions
// (a truncated response, an outage page, a flip-flop between caches), and
// the truth: the versions a perfect tracker records.
//
// It must not: know anything about errata's extractor or change detector
// (churn and script are drawn from a seed and the request number, never
// shaped to pass), write to the shared corpus folder, or reach any address
// but 127.0.0.1. Tests skip when the corpus folder is absent.
//
// The end-to-end test drives the errata CLI over it:
//
//	go test ./cmd/errata -run RealPages -v
//
// REALPAGES_DEBUG=1 adds each spurious version's changed paragraphs.
package realpages
