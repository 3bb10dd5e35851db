// Package stories recognises the same text across outlets (wire copy) and
// groups coverage of one event into stories.
//
// It owns the text measures: normalised word shingles, MinHash signatures
// and their LSH band keys (so candidates are an index lookup), the exact
// verification of a candidate pair, the alignment of two copies (what each
// shares, adds and lacks), the origin of a group of copies (agency credit
// lines, then the earliest copy), event features (content words, names,
// numbers, places) and the decision which story an article joins.
//
// It is a pure package: no network, no database, no clock. Where it needs
// stored articles it asks a Catalog, which the store-backed job and the
// in-memory Memory implement.
package stories
