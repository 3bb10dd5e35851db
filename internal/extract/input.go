package extract

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrNotHTML is returned for input that is not an HTML or XHTML document:
// a binary file, or text without any markup.
var ErrNotHTML = errors.New("extract: not an HTML page")

// sniffLen is how much of the input is examined; binary formats show
// themselves in their first bytes, and a page's markup starts early.
const sniffLen = 8 << 10

// maxControlShare is the share of control characters above which a text is
// taken for binary data; pages carry only tabs and line breaks, and at most
// a stray control byte.
const maxControlShare = 0.01

// checkHTML refuses input that no HTML parser should be given: the parser
// accepts anything, and an executable would come out as "article text", a
// feed as an article.
func checkHTML(page []byte) error {
	head := page[:min(len(page), sniffLen)]
	if format := sniffFormat(head); format != "" {
		return fmt.Errorf("%w (%s)", ErrNotHTML, format)
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("%w (binary data: NUL byte at offset %d)", ErrNotHTML, i)
	}
	if controls(head) > maxControlShare*float64(len(head)) {
		return fmt.Errorf("%w (binary data: control characters)", ErrNotHTML)
	}
	if !hasMarkup(page) {
		return fmt.Errorf("%w (no markup)", ErrNotHTML)
	}
	if root, ok := rootElement(page); ok && !htmlRoot(root) {
		return fmt.Errorf("%w (%s)", ErrNotHTML, describeRoot(root))
	}
	return nil
}

// controls counts the C0 control characters other than white space. Bytes
// that are not UTF-8 do not count: a page in a legacy charset is still a page.
func controls(b []byte) float64 {
	n := 0
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			n++
		}
	}
	return float64(n)
}

// hasMarkup reports a tag, comment or doctype: '<' followed by a letter,
// '/', '!' or '?'.
func hasMarkup(page []byte) bool {
	for i := bytes.IndexByte(page, '<'); i >= 0 && i+1 < len(page); {
		c := page[i+1]
		if c == '/' || c == '!' || c == '?' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			return true
		}
		j := bytes.IndexByte(page[i+1:], '<')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
