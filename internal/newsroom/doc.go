// Package newsroom simulates several news outlets on loopback for errata's
// tests, benchmarks and `errata demo`.
//
// It owns: deterministic article prose generated from a seed, a script of
// real revisions (headline changes, appended updates, corrections, removed
// sentences, swapped paragraphs, byline changes, slug moves with 301s,
// articles that vanish), realistic page markup in the styles of common CMSs
// (WordPress, a Next.js/Arc-like React site, a legacy windows-1252 CMS),
// feeds, sitemaps, robots.txt, HTTP validators, boilerplate that churns on
// every request, and the ground truth of what was really published.
//
// It must not: know anything about errata's extractor (markup is what real
// sites send, never tailored), reach any address but 127.0.0.1, hold article
// text in memory (pages are regenerated from the seed on demand, so memory
// stays O(1) per article beyond its revisions), or panic on any request.
package newsroom
