package diff

import (
	"slices"
	"time"
)

// Doc is the comparable part of one version. Text is paragraphs joined by
// "\n\n".
type Doc struct {
	Title, Byline, Text string
	// Modified is when the page said it was last changed; zero when it
	// said nothing. An edit of substance with no new date, no correction
	// and no update note is classed stealth.
	Modified time.Time
}

// Result is the comparison of two versions.
type Result struct {
	Title, Byline, Text []Segment
	// Added and Removed count words (not whitespace or punctuation)
	// inserted and deleted across title, byline and text.
	Added, Removed int
	// Classes are ordered as the Class constants, without duplicates.
	Classes []Class
	Edits   []SentenceEdit
}

// Compare diffs two versions word by word, counts the changed words,
// classifies the change (see classify) and lists sentence edits.
func Compare(old, new Doc) Result {
	r := Result{
		Title:  Words(old.Title, new.Title),
		Byline: Words(old.Byline, new.Byline),
		Text:   Words(old.Text, new.Text),
	}
	for _, segs := range [][]Segment{r.Title, r.Byline, r.Text} {
		ins, del := wordStats(segs)
		r.Added += ins
		r.Removed += del
	}
	if !HasChanges(r.Text) {
		r.Classes = classify(old, new, r.Text, nil)
		return r
	}
	olds := Sentences(old.Text)
	r.Classes = classify(old, new, r.Text, olds)
	r.Edits = sentenceEdits(olds, Sentences(new.Text))
	return r
}

// Edits lists the sentence edits that turn one text into another, as
// Compare does, without the word diff and classes.
func Edits(old, new string) []SentenceEdit {
	if old == new {
		return nil
	}
	return sentenceEdits(Sentences(old), Sentences(new))
}

// EditSentences is Edits over texts already split by Sentences, for a
// caller comparing each of a series of texts with the next, which then
// splits each text once.
func EditSentences(olds, news []string) []SentenceEdit {
	if slices.Equal(olds, news) {
		return nil
	}
	return sentenceEdits(olds, news)
}

// Align pairs every sentence of one text with its counterpart in the
// other, as Edits does, and reports the unchanged pairs too (Action
// Unchanged): each sentence of either text appears exactly once, the
// layout of a sentence-level research corpus such as NewsEdits.
func Align(old, new string) []SentenceEdit {
	return alignSentences(Sentences(old), Sentences(new), true)
}

// wordStats counts the words inserted and deleted by a diff.
func wordStats(segs []Segment) (inserted, deleted int) {
	for _, s := range segs {
		switch s.Op {
		case Insert:
			inserted += countWords(s.Text)
		case Delete:
			deleted += countWords(s.Text)
		}
	}
	return inserted, deleted
}
