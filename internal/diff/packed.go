package diff

import (
	"encoding/binary"
	"unsafe"
)

// Packed edits: the sentence edits from one text to the next, computed
// once when the second text is stored and kept beside it, so that an
// export of every version does not split and align every text again (the
// larger part of its work). A sentence is kept as its place in its text,
// not as a copy of it: a few bytes an edit.
//
// Layout (unsigned varints): the byte lengths of the old and the new
// text, the number of edits, then for each edit its action (1 added,
// 2 deleted, 3 edited, 4 moved), Old+1 and New+1 (0 when absent), and for
// each side present the sentence's offset and length in its text.

var actionCodes = map[Action]uint64{Added: 1, Deleted: 2, Edited: 3, Moved: 4}

var codeActions = [...]Action{1: Added, 2: Deleted, 3: Edited, 4: Moved}

// PackEdits packs EditSentences(Sentences(old), Sentences(new)). It
// returns nil when a text holds a carriage return: Sentences splits a
// copy of such a text, whose places are not the text's.
func PackEdits(old, new string) []byte {
	olds, ok := sentencesOf(old)
	if !ok {
		return nil
	}
	news, ok := sentencesOf(new)
	if !ok {
		return nil
	}
	edits := EditSentences(olds, news)
	b := make([]byte, 0, 8+12*len(edits))
	b = binary.AppendUvarint(b, uint64(len(old)))
	b = binary.AppendUvarint(b, uint64(len(new)))
	b = binary.AppendUvarint(b, uint64(len(edits)))
	for _, e := range edits {
		b = binary.AppendUvarint(b, actionCodes[e.Action])
		b = binary.AppendUvarint(b, uint64(e.Old+1))
		b = binary.AppendUvarint(b, uint64(e.New+1))
		if e.Old >= 0 {
			if b, ok = appendPlace(b, old, e.OldText); !ok {
				return nil
			}
		}
		if e.New >= 0 {
			if b, ok = appendPlace(b, new, e.NewText); !ok {
				return nil
			}
		}
	}
	return b
}

// UnpackEdits reads edits PackEdits packed from old to new. ok is false
// when b is not such a packing of texts of these lengths, or names a
// place outside them: the caller then computes the edits itself.
func UnpackEdits(b []byte, old, new string) (edits []SentenceEdit, ok bool) {
	r := packedReader{b: b}
	if r.next() != uint64(len(old)) || r.next() != uint64(len(new)) {
		return nil, false
	}
	n := r.next()
	if r.bad || n > uint64(len(b)) {
		return nil, false
	}
	edits = make([]SentenceEdit, 0, n)
	for range n {
		code := r.next()
		if code == 0 || code >= uint64(len(codeActions)) {
			return nil, false
		}
		e := SentenceEdit{Action: codeActions[code], Old: r.index(old), New: r.index(new)}
		if e.Old >= 0 {
			e.OldText = r.place(old)
		}
		if e.New >= 0 {
			e.NewText = r.place(new)
		}
		if r.bad {
			return nil, false
		}
		edits = append(edits, e)
	}
	return edits, !r.bad && len(r.b) == 0
}

// sentencesOf is Sentences(text), and whether every sentence is a part
// of text itself (no carriage return was normalised away).
func sentencesOf(text string) ([]string, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] == '\r' {
			return nil, false
		}
	}
	return Sentences(text), true
}

// appendPlace appends the offset and length of sentence s in text:
// Sentences slices the text it is given, so s lies inside it (ok is false
// if it does not).
func appendPlace(b []byte, text, s string) ([]byte, bool) {
	off := uintptr(unsafe.Pointer(unsafe.StringData(s))) - uintptr(unsafe.Pointer(unsafe.StringData(text)))
	if off > uintptr(len(text)) || uintptr(len(s)) > uintptr(len(text))-off {
		return b, false
	}
	b = binary.AppendUvarint(b, uint64(off))
	return binary.AppendUvarint(b, uint64(len(s))), true
}

type packedReader struct {
	b   []byte
	bad bool
}

func (r *packedReader) next() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

// index reads a sentence index of text plus one: -1 for none. A text has
// fewer sentences than bytes.
func (r *packedReader) index(text string) int {
	i := r.next()
	if i > uint64(len(text)) {
		r.bad = true
		return -1
	}
	return int(i) - 1
}

// place reads an offset and a length and returns that part of text.
func (r *packedReader) place(text string) string {
	off, n := r.next(), r.next()
	if r.bad || off > uint64(len(text)) || n > uint64(len(text))-off {
		r.bad = true
		return ""
	}
	return text[off : off+n]
}
