package termsafe

import (
	"io"
	"unicode/utf8"
)

// JSONWriter passes a stream of encoding/json output to another writer
// through JSON. A character split between two writes, as a buffered
// writer splits them, is held back until its last byte arrives.
type JSONWriter struct {
	w    io.Writer
	tail []byte
}

// NewJSONWriter returns a JSONWriter writing to w. Call Flush when the
// stream ends.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

func (j *JSONWriter) Write(p []byte) (int, error) {
	b := p
	if len(j.tail) > 0 {
		b = append(j.tail, p...)
	}
	n := len(b) - partialRune(b)
	_, err := j.w.Write(JSON(b[:n]))
	j.tail = append(j.tail[:0], b[n:]...)
	return len(p), err
}

// Flush writes what is held back: the start of a character whose end
// never came, which JSON shows as \ufffd.
func (j *JSONWriter) Flush() error {
	if len(j.tail) == 0 {
		return nil
	}
	_, err := j.w.Write(JSON(j.tail))
	j.tail = j.tail[:0]
	return err
}

// partialRune is the length of an incomplete UTF-8 sequence ending b.
func partialRune(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return 0
			}
			return len(b) - i
		}
	}
	return 0
}
