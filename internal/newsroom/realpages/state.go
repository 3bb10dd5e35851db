package realpages

import "strings"

// slot is what one located paragraph position shows in a state.
type slot struct {
	src  int    // the located paragraph whose words sit here
	text string // the words, when edited; else the source's own
	edit bool
	gone bool
}

// state is one version of an article as served.
type state struct {
	title string
	slots []slot
	tail  []string // paragraphs added after the last located one
}

// published is the first state: the page as found, but with any scripted
// typo in place.
func published(p *page, evs []event) state {
	s := state{title: p.title, slots: make([]slot, len(p.paras))}
	for i := range s.slots {
		s.slots[i].src = i
	}
	for _, e := range evs {
		if e.kind != KindTypo {
			continue
		}
		at := e.targets[0]
		if t, ok := typo(p.lines[p.lineOf[at]]); ok {
			s.slots[at].text, s.slots[at].edit = t, true
		}
	}
	return s
}

// apply returns the state after a real revision; s is left as it was.
func (s state) apply(p *page, e event) state {
	n := state{title: s.title, slots: append([]slot(nil), s.slots...), tail: append([]string(nil), s.tail...)}
	switch e.kind {
	case KindHeadline:
		n.title = e.text
	case KindTypo:
		n.slots[e.targets[0]].edit = false
	case KindSentence, KindFlipFlop:
		at := e.targets[0]
		n.slots[at].text, n.slots[at].edit = editSentence(s.text(p, at), e.text), true
	case KindAppend, KindCorrection:
		n.tail = append(n.tail, e.text)
	case KindDelete:
		n.slots[e.targets[0]].gone = true
	case KindSwap:
		a, b := e.targets[0], e.targets[1]
		n.slots[a], n.slots[b] = n.slots[b], n.slots[a]
	}
	return n
}

// text is the words at paragraph position at, for a whole-line source.
func (s state) text(p *page, at int) string {
	if s.slots[at].edit {
		return s.slots[at].text
	}
	return p.lines[p.lineOf[s.slots[at].src]]
}

// truthText is the ground-truth body with the state's edits: whole-line
// paragraphs take their position's words, added paragraphs follow the
// line of the last located paragraph.
func (s state) truthText(p *page) string {
	lines := append([]string(nil), p.lines...)
	drop := map[int]bool{}
	for at, l := range p.lineOf {
		if l < 0 {
			continue
		}
		if s.slots[at].gone {
			drop[l] = true
			continue
		}
		lines[l] = s.text(p, at)
	}
	var out []string
	for i, l := range lines {
		if !drop[i] {
			out = append(out, l)
		}
		if i == p.lastLine {
			out = append(out, s.tail...)
		}
	}
	return strings.Join(out, "\n\n")
}
