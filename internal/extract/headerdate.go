package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the article header read after a headline for its date: a few
// dozen short texts (byline, dateline, share buttons) and one long one (a
// standfirst); the next long text is the body, whose dates are the
// story's, not the article's.
const (
	maxHeaderTexts     = 40
	maxHeaderTextRunes = 160
	maxHeaderLongTexts = 1
)

// rxUpdatedLabel marks a dateline that gives the last change, not the
// publication.
var updatedLabels = []string{"updated", "modified", "aktualisiert", "actualizado", "atualizado", "mis à jour", "обновлено"}

// dateAfter returns the first date shown in the texts that follow the
// headline element h, preferring one not labelled as an update.
func dateAfter(h *html.Node) time.Time {
	var updated time.Time
	texts, long := 0, 0
	for n := nextInDocument(h, true); n != nil && texts < maxHeaderTexts; n = nextInDocument(n, false) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.H1) {
			if n.DataAtom == atom.H1 {
				break
			}
			n = lastDescendant(n)
			continue
		}
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) == "" {
			continue
		}
		texts++
		s := Normalize(n.Data)
		if utf8.RuneCountInString(s) > maxHeaderTextRunes {
			if long++; long > maxHeaderLongTexts {
				break
			}
			continue
		}
		t := parseHumanDate(s)
		switch {
		case t.IsZero():
		case isUpdateLabel(s) || isUpdateLabel(previousText(n)):
			if updated.IsZero() {
				updated = t
			}
		default:
			return t
		}
	}
	return updated
}

func isUpdateLabel(s string) bool {
	s = strings.ToLower(s)
	for _, l := range updatedLabels {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// previousText returns the nearest non-blank text before n in its parent.
func previousText(n *html.Node) string {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if s := strings.TrimSpace(textOf(p)); s != "" {
			return s
		}
	}
	return ""
}

// nextInDocument returns the node after n in document order; skipChildren
// starts past n's own subtree.
func nextInDocument(n *html.Node, skipChildren bool) *html.Node {
	if !skipChildren && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func lastDescendant(n *html.Node) *html.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}
