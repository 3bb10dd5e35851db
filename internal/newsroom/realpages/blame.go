package realpages

import (
	"regexp"
	"slices"
	"strings"

	"github.com/errata/errata/internal/newsroom"
)

// cues recognise each churn kind's words in a paragraph a tracker kept.
var cues = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"newsletter", regexp.MustCompile(`readers who start|already get our newsletter|subscribers read our|other readers|Sign up`)},
	{"read-more", regexp.MustCompile(`^Read more`)},
	{"comment-count", regexp.MustCompile(`^[\d,]+ comments$`)},
	{"timestamp", regexp.MustCompile(`Updated \d+ minutes ago`)},
	{"readers-online", regexp.MustCompile(`readers online now`)},
	{"slideshow", regexp.MustCompile(`Prev|Next|\d+ / \d+`)},
	{"ad", regexp.MustCompile(`Advertisement`)},
	{"login", regexp.MustCompile(`Log in`)},
	{"teaser-box", regexp.MustCompile(`^(Most read|Related stories|More on this|You may also like|Also read)`)},
}

// ParagraphDiff lists the paragraphs only in cur (added) and only in prev
// (removed).
func ParagraphDiff(prev, cur string) (added, removed []string) {
	p, c := strings.Split(prev, "\n\n"), strings.Split(cur, "\n\n")
	for _, x := range c {
		if !slices.Contains(p, x) {
			added = append(added, x)
		}
	}
	for _, x := range p {
		if !slices.Contains(c, x) {
			removed = append(removed, x)
		}
	}
	return added, removed
}

// Blame names what most likely made a spurious version: the churn kinds
// whose words appear in the paragraphs that changed, a mishap, or a
// flip-flop back to an earlier recorded text.
func (n *Newsroom) Blame(prev, cur newsroom.TruthVersion, earlier []newsroom.TruthVersion) []string {
	for _, e := range earlier {
		if e.Text == cur.Text && e.Title == cur.Title {
			return []string{"flip-flop"}
		}
	}
	pw, cw := len(strings.Fields(prev.Text)), len(strings.Fields(cur.Text))
	if cw < pw/5 {
		return []string{"outage"}
	}
	added, removed := ParagraphDiff(prev.Text, cur.Text)
	if len(added) == 0 && (cw < pw*7/10 || len(removed) > len(strings.Split(prev.Text, "\n\n"))/4) {
		return []string{"truncated"}
	}
	kinds := map[string]bool{}
	if prev.Title != cur.Title {
		kinds["title"] = true
	}
	if prev.Byline != cur.Byline {
		kinds["byline"] = true
	}
	if len(added) == 0 && len(removed) == 0 && prev.Text != cur.Text {
		// The same paragraphs, in another order or split another way.
		kinds["order"] = true
	}
	back := false
	for _, para := range added {
		k := n.cueOf(para)
		back = back || (k == "other" && seenBefore(para, earlier))
		kinds[k] = true
	}
	for _, para := range removed {
		kinds[n.cueOf(para)] = true
	}
	if back {
		delete(kinds, "other")
		kinds["flip-flop"] = true
	}
	var out []string
	for k := range kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// seenBefore reports whether a paragraph was in an earlier version: the
// page went back to what it showed before.
func seenBefore(para string, earlier []newsroom.TruthVersion) bool {
	for _, e := range earlier {
		if slices.Contains(strings.Split(e.Text, "\n\n"), para) {
			return true
		}
	}
	return false
}

// cueOf names the churn kind a paragraph shows; a bare headline is a
// teaser from a rotating box.
func (n *Newsroom) cueOf(para string) string {
	for _, c := range cues {
		if c.re.MatchString(para) {
			return c.kind
		}
	}
	for _, a := range n.articles {
		if strings.Contains(para, a.page.title) {
			return "teaser-headline"
		}
	}
	for _, c := range captions {
		if strings.Contains(para, c) {
			return "slideshow"
		}
	}
	return "other"
}
