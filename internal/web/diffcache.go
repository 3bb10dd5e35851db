package web

import (
	"strconv"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// Versions are never rewritten, so the diff of two of them, in one view,
// never changes: computed diffs are kept, the most recently used first,
// within both bounds.
const (
	// diffCacheBytes bounds the text the kept diffs hold.
	diffCacheBytes = 64 << 20
	// diffCacheEntries bounds how many diffs are kept.
	diffCacheEntries = 1024
	// segmentOverhead is what one segment costs beyond its text.
	segmentOverhead = 40
)

// diffKey names one computed diff: the two versions and the view, or
// their sentence edits.
type diffKey struct {
	old, new int64 // version ids
	inline   bool
	edits    bool
}

// diffBody is the part of a diff view computed from the versions' texts.
type diffBody struct {
	Title, Byline []diff.Segment // nil when equal
	Rows          []diff.Row
	Paras         []diff.Para
	Inline        [][]diff.Segment // Paras' segments, for the feeds
	Groups        []diffGroup      // Rows or Paras, long unchanged stretches folded
	Cut           diff.Truncation
	Edits         editList // only under a key asking for edits
}

// diffGroup is a stretch of a diff view: rows (side by side) or
// paragraphs (inline), folded away when Collapsed.
type diffGroup struct {
	Collapsed bool
	Rows      []rowView
	Paras     []paraView
}

// Len is how many paragraphs the group shows.
func (g diffGroup) Len() int { return len(g.Rows) + len(g.Paras) }

// rowView and paraView are a row and a paragraph of a view with, for a
// moved paragraph, where it stood.
type rowView struct {
	diff.Row
	Moved *movedFrom
}

type paraView struct {
	diff.Para
	Moved *movedFrom
}

// movedFrom links a moved paragraph to its old place: paragraph Para
// (from 1) of version Seq.
type movedFrom struct {
	Path string
	Para int
	Seq  int
}

func newMovedFrom(old model.Version, m *diff.Move) *movedFrom {
	if m == nil {
		return nil
	}
	return &movedFrom{Path: versionPath(old.ArticleID, old.Seq) + paragraphAnchor(m.From), Para: m.From + 1, Seq: old.Seq}
}

// paragraphAnchor is the fragment of paragraph i (from 0) on a version page.
func paragraphAnchor(i int) string { return "#p" + strconv.Itoa(i+1) }

// computeDiff compares two versions for one view.
func computeDiff(old, nv model.Version, inline bool) diffBody {
	var b diffBody
	if old.Title != nv.Title {
		b.Title = diff.Words(old.Title, nv.Title)
	}
	if old.Byline != nv.Byline {
		b.Byline = diff.Words(old.Byline, nv.Byline)
	}
	if inline {
		b.Paras, b.Cut = diff.Inline(old.Text, nv.Text)
		b.Inline = make([][]diff.Segment, len(b.Paras))
		views := make([]paraView, len(b.Paras))
		changed := make([]bool, len(b.Paras))
		for i, p := range b.Paras {
			b.Inline[i] = p.Segments
			views[i] = paraView{Para: p, Moved: newMovedFrom(old, p.Move)}
			changed[i] = p.Move != nil || diff.HasChanges(p.Segments)
		}
		for _, st := range diff.Collapse(changed) {
			b.Groups = append(b.Groups, diffGroup{Collapsed: st.Collapsed, Paras: views[st.Start:st.End]})
		}
		return b
	}
	b.Rows, b.Cut = diff.SideBySide(old.Text, nv.Text)
	views := make([]rowView, len(b.Rows))
	changed := make([]bool, len(b.Rows))
	for i, r := range b.Rows {
		views[i] = rowView{Row: r, Moved: newMovedFrom(old, r.Move)}
		changed[i] = r.Move != nil || diff.HasChanges(r.Left) || diff.HasChanges(r.Right)
	}
	for _, st := range diff.Collapse(changed) {
		b.Groups = append(b.Groups, diffGroup{Collapsed: st.Collapsed, Rows: views[st.Start:st.End]})
	}
	return b
}

// size estimates the memory a body holds.
func (b diffBody) size() int {
	n := segmentsSize(b.Title) + segmentsSize(b.Byline)
	for _, r := range b.Rows {
		n += segmentsSize(r.Left) + segmentsSize(r.Right)
	}
	for _, p := range b.Paras {
		n += segmentsSize(p.Segments)
	}
	return n + b.Edits.size()
}

func segmentsSize(segs []diff.Segment) int {
	n := 0
	for _, s := range segs {
		n += len(s.Text) + segmentOverhead
	}
	return n
}

// diffCache is a least-recently-used set of computed diffs.
type diffCache = lru[diffKey, diffBody]

func newDiffCache(maxBytes, maxEntries int) *diffCache {
	return newLRU[diffKey](maxBytes, maxEntries, diffBody.size)
}
