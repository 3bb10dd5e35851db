package extract

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrTooLarge is returned for a page too big to extract within bounds: the
// generic extractor underneath concatenates the text of every <p> of the
// page once per paragraph, so its time and memory grow with the square of
// the page, and one hostile or broken page would hold a worker for minutes.
var ErrTooLarge = errors.New("extract: page too large to extract")

// The caps are far above any article page (news pages hold tens to a few
// hundred paragraphs, a few thousand elements and tens of kilobytes of
// text) and keep the worst page within a second or two of work.
const (
	// MaxParagraphs bounds the <p> elements of a page.
	MaxParagraphs = 4000
	// MaxElements bounds the elements of a page, whatever their kind.
	MaxElements = 100_000
	// MaxTextBytes bounds the text of a page outside scripts and styles.
	MaxTextBytes = 1 << 20
	// MaxExtractTime is the budget of one extraction. It is checked
	// between stages, so it stops the work that is left, not a stage
	// already running; the caps above bound each stage.
	MaxExtractTime = 15 * time.Second
)

// errOverBudget is the cause of a stop at MaxExtractTime, told apart from a
// caller's own cancellation.
var errOverBudget = errors.New("extract: over budget")

// pageSize is what the caps are checked against.
type pageSize struct {
	paragraphs, elements, text int
}

// measure counts a parsed page in one walk.
func measure(doc *html.Node) pageSize {
	var s pageSize
	for n := range doc.Descendants() {
		switch n.Type {
		case html.ElementNode:
			s.elements++
			if n.DataAtom == atom.P {
				s.paragraphs++
			}
		case html.TextNode:
			if !rawText(n.Parent) {
				s.text += len(n.Data)
			}
		}
	}
	return s
}

// rawText reports an element whose text is code or data, not prose.
func rawText(n *html.Node) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	}
	return false
}

// check returns an error wrapping ErrTooLarge for a page over a cap.
func (s pageSize) check() error {
	switch {
	case s.paragraphs > MaxParagraphs:
		return fmt.Errorf("%w: %d paragraphs, limit %d", ErrTooLarge, s.paragraphs, MaxParagraphs)
	case s.elements > MaxElements:
		return fmt.Errorf("%w: %d elements, limit %d", ErrTooLarge, s.elements, MaxElements)
	case s.text > MaxTextBytes:
		return fmt.Errorf("%w: %d bytes of text, limit %d", ErrTooLarge, s.text, MaxTextBytes)
	}
	return nil
}

// stopped returns why ctx is done, or nil: ErrTooLarge when the extraction
// ran past its budget, the caller's reason otherwise.
func stopped(ctx context.Context, budget time.Duration) error {
	if ctx.Err() == nil {
		return nil
	}
	if cause := context.Cause(ctx); !errors.Is(cause, errOverBudget) {
		return fmt.Errorf("extract: %w", cause)
	}
	return fmt.Errorf("%w: not done within %s", ErrTooLarge, budget)
}
