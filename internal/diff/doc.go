// Package diff owns the comparison of two article versions: a word-level
// diff (Words), change statistics and classes (Compare), sentence edit
// actions in the NewsEdits sense (Sentences, SentenceEdit), paragraph-aligned
// side-by-side rows and inline paragraphs for the web UI (SideBySide,
// Inline), with moved paragraphs recognised and long unchanged stretches
// folded (Collapse), and a terminal rendering (WriteTerminal).
//
// It is a pure stage: no network, no database, no clock. The underlying
// diff-match-patch runs without a deadline so the same inputs always give
// the same output. It must not decide whether a version is new (that is
// package revise) nor know how texts were extracted.
package diff
