// Package extract turns one fetched HTML page into an Article: title, byline,
// publication date and body text as paragraphs, all normalised.
//
// It owns the generic extraction pipeline (go-trafilatura underneath, with
// go-readability as a second opinion on which block is the body), the
// cleaning of news furniture (ads, paywall meters, newsletter prompts, "most
// read" boxes, relative timestamps) that would otherwise make every request
// look like an edit, the per-outlet Keep/Drop rules, and Normalize, the text
// normalisation every later stage compares on.
//
// Extract is a pure function of (URL, HTML bytes, rules): it must not touch the
// network, a database or the clock, and it must never panic on input. The one
// use of time is the budget (MaxExtractTime) that stops an extraction running
// too long; it never changes what a finished extraction returns. Input is
// already UTF-8; charset detection belongs to the fetcher. Deciding whether an
// extraction is a new version belongs to the revise package, not here.
package extract
