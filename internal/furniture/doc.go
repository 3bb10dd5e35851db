// Package furniture tells page furniture from article text by how it
// behaves, not by its wording: blocks that differ between two fetches of
// the same page moments apart are volatile (rotating prompts, teasers,
// counters), and blocks that recur across many articles of one outlet are
// its template (newsletter boxes, sign-offs, donation banners).
//
// It owns the Set of what is known to be furniture for an article, the
// rule that finds volatile blocks from a confirmation fetch, and the
// masking that lets "12,345 readers" and "12,346 readers" be one block.
// It is pure: the store keeps what was learned, jobs wires it in.
package furniture
