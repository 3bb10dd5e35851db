package newsroom

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind names what a revision did to an article.
type Kind string

// The kinds of revision the newsroom makes. KindSlug and KindGone change
// only the URL or availability, not the title, byline or text.
const (
	KindPublished       Kind = "published"
	KindHeadline        Kind = "headline"
	KindUpdate          Kind = "update"           // "Update, 3:45 p.m.: ..." paragraph appended
	KindSentenceRemoved Kind = "sentence-removed" // one sentence deleted
	KindQuote           Kind = "quote"            // words inside quotation marks changed
	KindTypo            Kind = "typo"             // one-letter typo fixed
	KindByline          Kind = "byline"           // second author added
	KindCorrection      Kind = "correction"       // "Correction: ..." paragraph appended
	KindSwap            Kind = "swap"             // two paragraphs swapped
	KindEdit            Kind = "edit"             // a sentence reworded (later reverted)
	KindRevert          Kind = "revert"           // back to the state before an edit
	KindSlug            Kind = "slug"             // URL moved, old URL answers 301
	KindGone            Kind = "gone"             // URL answers 404 from now on
	kindTypoPlanted     Kind = "typo-planted"     // part of the first version, not a revision
)

// op is one planned change to one article at one step. apply is a pure
// find-and-replace on content, so it can run on every request; it is a no-op
// when its target is missing.
type op struct {
	step  int
	kind  Kind
	apply func(*content)
}

// The planners below look at an article's current content and decide what
// exactly changes; they return nil when the article offers no target.

func planHeadline(m meta, c content, r *rand.Rand) func(*content) {
	hs := topics[m.vars.Topic].Headlines
	for i := 1; i < len(hs)+1; i++ {
		t := headline(m.vars, m.headIdx+i, r)
		if t != c.Title {
			return func(c *content) { c.Title = t }
		}
	}
	return nil
}

func planSlug(m meta, c content, r *rand.Rand) func(*content) {
	s := slugify(headline(m.vars, m.headIdx+1, r))
	if s == c.Slug {
		s += "-" + strconv.Itoa(m.id)
	}
	return func(c *content) { c.Slug = s }
}

func planAppend(p string) func(*content) {
	return func(c *content) { c.Paras = append(c.Paras, []string{p}) }
}

func updateParagraph(t time.Time, r *rand.Rand) string {
	return "Update, " + apClock(t) + ": " + pick(r, updateLines)
}

func correctionParagraph(r *rand.Rand) string {
	return "Correction: An earlier version of this article " + pick(r, correctionLines) + "."
}

// apClock formats a time the way AP style writes it: "3:45 p.m.".
func apClock(t time.Time) string {
	suffix := "a.m."
	if t.Hour() >= 12 {
		suffix = "p.m."
	}
	return t.Format("3:04") + " " + suffix
}

func planByline(c content, r *rand.Rand) func(*content) {
	for range 8 {
		a := personName(r)
		if !slices.Contains(c.Authors, a) {
			return func(c *content) { c.Authors = append(c.Authors, a) }
		}
	}
	return nil
}

func markGone(c *content) { c.Gone = true }

// plainSentences lists (paragraph, sentence) positions outside the lede that
// hold no quote and no update or correction, the safe targets for edits.
func plainSentences(c content) [][2]int {
	var out [][2]int
	for pi := 1; pi < len(c.Paras); pi++ {
		for si, s := range c.Paras[pi] {
			if !strings.ContainsAny(s, "“”") && !strings.HasPrefix(s, "Update,") && !strings.HasPrefix(s, "Correction:") {
				out = append(out, [2]int{pi, si})
			}
		}
	}
	return out
}

func planSentenceRemoved(c content, r *rand.Rand) func(*content) {
	var cands [][2]int
	for _, pos := range plainSentences(c) {
		if len(c.Paras[pos[0]]) >= 2 {
			cands = append(cands, pos)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	pos := pick(r, cands)
	gone := c.Paras[pos[0]][pos[1]]
	return func(c *content) {
		for pi, p := range c.Paras {
			if i := slices.Index(p, gone); i >= 0 && len(p) > 1 {
				c.Paras[pi] = slices.Delete(slices.Clone(p), i, i+1)
				return
			}
		}
	}
}

// replaceSentence swaps one exact sentence for another wherever it is.
func replaceSentence(from, to string) func(*content) {
	return func(c *content) {
		for pi, p := range c.Paras {
			if i := slices.Index(p, from); i >= 0 {
				p = slices.Clone(p)
				p[i] = to
				c.Paras[pi] = p
				return
			}
		}
	}
}

func planQuote(m meta, c content, r *rand.Rand) func(*content) {
	quotes := topics[m.vars.Topic].Quotes
	for _, p := range c.Paras {
		for _, s := range p {
			open, end := strings.Index(s, "“"), strings.Index(s, ",”")
			if open < 0 || end < open {
				continue
			}
			old := s[open+len("“") : end]
			for _, q := range r.Perm(len(quotes)) {
				if quotes[q] != old {
					return replaceSentence(s, s[:open]+"“"+quotes[q]+s[end:])
				}
			}
		}
	}
	return nil
}

// planTypo returns the op that plants a one-letter typo at publication and
// the op that fixes it later: a letter dropped from a long word.
func planTypo(c content, r *rand.Rand) (plant, fix func(*content)) {
	cands := plainSentences(c)
	for _, i := range r.Perm(len(cands)) {
		clean := c.Paras[cands[i][0]][cands[i][1]]
		if typo, ok := dropLetter(clean); ok {
			return replaceSentence(clean, typo), replaceSentence(typo, clean)
		}
	}
	return nil, nil
}

// dropLetter removes the middle letter of the sentence's first plain ASCII
// word of at least minTypoWord letters.
func dropLetter(s string) (string, bool) {
	const minTypoWord = 7
	start := -1
	for i := 0; i <= len(s); i++ {
		isLetter := i < len(s) && (s[i] >= 'a' && s[i] <= 'z')
		if isLetter && start < 0 {
			start = i
		}
		if !isLetter && start >= 0 {
			if i-start >= minTypoWord {
				mid := start + (i-start)/2
				return s[:mid] + s[mid+1:], true
			}
			start = -1
		}
	}
	return "", false
}

// planEdit rewords one sentence (attributing it) and returns the op that
// restores it, for an A→B→A revert.
func planEdit(c content, r *rand.Rand) (edit, revert func(*content)) {
	cands := slices.DeleteFunc(plainSentences(c), func(pos [2]int) bool {
		return strings.Contains(c.Paras[pos[0]][pos[1]], " said")
	})
	if len(cands) == 0 {
		return nil, nil
	}
	pos := pick(r, cands)
	a := c.Paras[pos[0]][pos[1]]
	b := strings.TrimSuffix(a, ".") + ", officials said."
	return replaceSentence(a, b), replaceSentence(b, a)
}

// planSwap swaps two adjacent paragraphs in the middle of the story,
// identified by their text so earlier edits cannot misdirect it.
func planSwap(c content, r *rand.Rand) func(*content) {
	if len(c.Paras) < 4 {
		return nil
	}
	i := 1 + r.IntN(len(c.Paras)-3)
	a, b := strings.Join(c.Paras[i], " "), strings.Join(c.Paras[i+1], " ")
	return func(c *content) {
		ia, ib := -1, -1
		for j, p := range c.Paras {
			switch strings.Join(p, " ") {
			case a:
				ia = j
			case b:
				ib = j
			}
		}
		if ia >= 0 && ib >= 0 {
			c.Paras[ia], c.Paras[ib] = c.Paras[ib], c.Paras[ia]
		}
	}
}
