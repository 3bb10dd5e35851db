package extract

// minAgreement is the share of a body's words the other must hold for it
// to be read as lying within the other.
const minAgreement = 0.8

// maxOverlap is the share of a body's words the other may hold for the two
// to be read as different blocks of the page.
const maxOverlap = 0.5

// minLead is how many times the evidence must favour readability's body
// over trafilatura's before it is taken: trafilatura is right far more
// often, so a near tie stays with it.
const minLead = 1.5

// chooseBody decides between trafilatura's body (a) and readability's (b)
// by how far they agree. When they share little, one took the wrong block
// (an author box, a teaser list, a ticker) and the page's evidence
// decides. When b lies within a but is less than half of it, a has run on
// into the page around the article, and only the stretch of a that b
// covers is kept (or b, when a cannot be cut there). When a lies within b
// but is less than half of it, a may be a box beside the article that b
// took together with the article: the rest of b is taken instead when the
// page's own account of its text (JSON-LD articleBody, description) points
// to it and not to a; and b whole is taken when a is a single line of it
// (a tag line, the lead) and the evidence clearly favours b. Prose length
// alone does not overrule a longer a: an article often runs on into long
// blocks after it. Otherwise trafilatura's cut stands.
//
// When the two bodies overlap for the most part, either is a fair reading
// of the article, and prefer (the reading an earlier capture of the same
// page was given) decides: otherwise a page on which trafilatura takes a
// slightly different block from one request to the next would read as
// edited. The reading returned says which body was taken, and either
// whether the other would have done as well.
func chooseBody(a, b []string, ev evidence, prefer Reading) (body []string, reading Reading, either bool) {
	if len(b) == 0 {
		return a, ReadingFirst, false
	}
	if len(a) == 0 {
		return b, ReadingSecond, false
	}
	ba, bb := wordBag(a...), wordBag(b...)
	aIn, bIn := ba.within(bb), bb.within(ba)
	either = aIn >= maxOverlap && bIn >= maxOverlap
	switch {
	case either && prefer == ReadingSecond:
		return b, ReadingSecond, true
	case bIn >= minAgreement && aIn < maxOverlap:
		return runOn(a, b, bb), ReadingOther, false
	case aIn >= minAgreement && bIn < maxOverlap:
		if len(a) < minProseParas && ev.favours(b, a, bb, ba) {
			return b, ReadingSecond, false
		}
		rest := outside(b, ba)
		if ev.declares(wordBag(rest...), ba) {
			return rest, ReadingOther, false
		}
	case aIn < maxOverlap && bIn < maxOverlap && ev.favours(b, a, bb, ba):
		return b, ReadingSecond, false
	}
	return a, ReadingFirst, either
}

// outside returns the paragraphs of body whose words are mostly not in
// other.
func outside(body []string, other bag) []string {
	var out []string
	for _, p := range body {
		if wordBag(p).within(other) < maxOverlap {
			out = append(out, p)
		}
	}
	return out
}

// runOn returns the stretch of a that b covers, or b itself when a's
// paragraphs do not follow b's (trafilatura's baseline ran the page into
// one block).
func runOn(a, b []string, bb bag) []string {
	s := stretchWithin(a, bb)
	if bb.within(wordBag(s...)) >= minAgreement {
		return s
	}
	return b
}

// stretchWithin returns the paragraphs of body from the first to the last
// one whose words are mostly in other.
func stretchWithin(body []string, other bag) []string {
	first, last := -1, -1
	for i, p := range body {
		if wordBag(p).within(other) >= maxOverlap {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return body
	}
	return body[first : last+1]
}

// narrowContainer returns readability's body (b) when it lies within the
// article container's text (c): the container, taken whole when
// trafilatura found no body, also holds the page's menus and lists, which
// readability has cut away.
func narrowContainer(c, b []string) []string {
	if len(b) > 0 && wordBag(b...).within(wordBag(c...)) >= minAgreement {
		return b
	}
	return c
}

// f1 is the harmonic mean of how much of x is in y and of y in x.
func f1(x, y bag) float64 {
	p, r := x.within(y), y.within(x)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// prose counts the runes of a body's paragraphs that read as prose: long
// enough, and mostly not link text on the page.
func (ev evidence) prose(body []string) int {
	n := 0
	for _, p := range body {
		r := len([]rune(p))
		if r < minProseLen {
			continue
		}
		if bi, ok := ev.blocks.lookup(p); ok && bi.linkShare > maxBlockLinkShare {
			continue
		}
		n += r
	}
	return n
}

// linkShare is the share of a body's text that sits in link-heavy blocks.
func (ev evidence) linkShare(body []string) float64 {
	linked, total := 0, 0
	for _, p := range body {
		r := len([]rune(p))
		total += r
		if bi, ok := ev.blocks.lookup(p); ok {
			linked += int(bi.linkShare * float64(r))
		}
	}
	if total == 0 {
		return 0
	}
	return float64(linked) / float64(total)
}

// favours reports whether the page's evidence clearly prefers body x to
// body y: the text of its JSON-LD articleBody when it has one, else the
// prose each holds, weighted by how much of the description it repeats.
func (ev evidence) favours(x, y []string, bx, by bag) bool {
	if ev.ldBody.total > 0 {
		return f1(bx, ev.ldBody) > f1(by, ev.ldBody)
	}
	return ev.weight(x, bx) > minLead*ev.weight(y, by)
}

func (ev evidence) weight(body []string, b bag) float64 {
	return float64(ev.prose(body)) * (1 + ev.description.within(b))
}

// minDeclared is the least share of the page's description found in a
// body for the description to point to it; maxStray the most it may share
// with the body it rejects.
const (
	minDeclared = 0.5
	maxStray    = 0.2
)

// declares reports whether the page's JSON-LD articleBody or, lacking one,
// its description points to x and not to y.
func (ev evidence) declares(x, y bag) bool {
	if ev.ldBody.total > 0 {
		return f1(x, ev.ldBody) > minLead*f1(y, ev.ldBody)
	}
	return ev.description.total > 0 && ev.description.within(x) >= minDeclared &&
		ev.description.within(y) <= maxStray
}
