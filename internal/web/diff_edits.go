package web

import (
	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// maxListedEdits bounds the sentence edits a diff page and its JSON list:
// a text rewritten from top to bottom has one per sentence. The counts
// always cover every edit.
const maxListedEdits = 300

// editList is the sentence edits between two versions (see
// diff.SentenceEdit), in the order of the new text.
type editList struct {
	Counts editCounts
	Items  []sentenceEdit
	More   int // edits counted but not listed
}

// editCounts counts sentence edits by action.
type editCounts struct {
	Added, Deleted, Edited, Moved int
}

func (c editCounts) Total() int { return c.Added + c.Deleted + c.Edited + c.Moved }

// sentenceEdit is one sentence edit with, when the sentence's text
// changed (edited, or moved and edited), the word diff of its two texts.
type sentenceEdit struct {
	diff.SentenceEdit
	Words []diff.Segment
}

// computeEdits lists the sentence edits that turn one text into another.
func computeEdits(old, new string) editList {
	var l editList
	for _, e := range diff.Edits(old, new) {
		switch e.Action {
		case diff.Added:
			l.Counts.Added++
		case diff.Deleted:
			l.Counts.Deleted++
		case diff.Edited:
			l.Counts.Edited++
		case diff.Moved:
			l.Counts.Moved++
		}
		if len(l.Items) == maxListedEdits {
			l.More++
			continue
		}
		item := sentenceEdit{SentenceEdit: e}
		if e.OldText != "" && e.NewText != "" && e.OldText != e.NewText {
			item.Words = diff.Words(e.OldText, e.NewText)
		}
		l.Items = append(l.Items, item)
	}
	return l
}

// size estimates the memory a list holds.
func (l editList) size() int {
	n := 0
	for _, e := range l.Items {
		n += len(e.OldText) + len(e.NewText) + segmentOverhead + segmentsSize(e.Words)
	}
	return n
}

// sentenceEdits returns the sentence edits between two versions, computed
// once and kept with the diffs.
func (s *Server) sentenceEdits(old, nv model.Version) editList {
	key := diffKey{old: old.ID, new: nv.ID, edits: true}
	body, ok := s.diffs.get(key)
	if !ok {
		body = diffBody{Edits: computeEdits(old.Text, nv.Text)}
		s.diffs.put(key, body)
	}
	return body.Edits
}
