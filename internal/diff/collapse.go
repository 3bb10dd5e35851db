package diff

// A diff view folds long stretches of unchanged paragraphs away so the
// changes stand out; CollapseContext unchanged paragraphs around each
// change stay open for context, and fewer than MinCollapsed paragraphs
// are never folded: a fold hiding one or two paragraphs saves the reader
// nothing.
const (
	CollapseContext = 1
	MinCollapsed    = 3
)

// Stretch is a run of consecutive paragraphs of a view, items[Start:End];
// Collapsed when they are unchanged and far enough from every change to
// be folded away.
type Stretch struct {
	Start, End int
	Collapsed  bool
}

// Len is how many paragraphs the stretch holds.
func (s Stretch) Len() int { return s.End - s.Start }

// Collapse cuts a view of len(changed) paragraphs into stretches that
// cover it in order, alternating between open and collapsed ones.
// changed[i] tells whether paragraph i shows a change.
func Collapse(changed []bool) []Stretch {
	open := make([]bool, len(changed))
	for i, c := range changed {
		if !c {
			continue
		}
		for j := max(0, i-CollapseContext); j <= min(len(changed)-1, i+CollapseContext); j++ {
			open[j] = true
		}
	}
	var out []Stretch
	add := func(start, end int, collapsed bool) {
		if n := len(out); n > 0 && !collapsed && !out[n-1].Collapsed {
			out[n-1].End = end
			return
		}
		out = append(out, Stretch{Start: start, End: end, Collapsed: collapsed})
	}
	for i := 0; i < len(open); {
		j := i + 1
		for j < len(open) && open[j] == open[i] {
			j++
		}
		add(i, j, !open[i] && j-i >= MinCollapsed)
		i = j
	}
	return out
}
