package furniture

import (
	"slices"
	"strings"

	"github.com/errata/errata/internal/model"
)

// Confirmation is what a second fetch says about a candidate change.
type Confirmation struct {
	// Candidate is the second fetch without the blocks that proved
	// volatile; Base is the latest version without the same furniture.
	// The change is real when their texts differ.
	Candidate []model.Block
	Base      []model.Block
	// Learned is what is worth remembering for later checks: the places
	// and masked texts of blocks that appeared in the first fetch and were
	// gone a moment later.
	Learned Set
}

// Confirm weighs a candidate change. latest is the latest version's blocks
// (from its capture, with places), first the fetch that differed from it
// and second the confirmation fetched a moment later; known is the
// furniture learned so far.
//
// A block of the first fetch that is in neither the latest version nor the
// second fetch was served once and withdrawn: volatile, and remembered,
// unless it rewords a paragraph still served (a flip-flop). A place in the
// page whose blocks all changed between the fetches is volatile as a
// whole, and a short block whose numbers alone changed is a counter. A
// block new in the second fetch (in neither of the others) is dropped from
// this comparison only: it may be the next turn of a rotating box or an
// edit made between the two fetches, which the next check will see again.
// A block missing from the first fetch but back in the second was a
// truncated response; one missing from the second only is a removal not
// yet confirmed. The latest version's turn of a rotating box is found by
// its slot (dropSlots) and left out of the comparison.
func Confirm(latest, first, second []model.Block, known Set) Confirmation {
	l, f1, f2 := known.Drop(latest), known.Drop(first), known.Drop(second)
	inL, in1, in2 := texts(l), texts(f1), texts(f2)

	withdrawn := func(b model.Block) bool { return !in2[b.Text] && !inL[b.Text] }
	// A withdrawn block that rewords a paragraph still served is an edit
	// the outlet's caches are still spreading (a flip-flop), not furniture.
	pool := append(append([]model.Block(nil), l...), f2...)
	furnitureLike := func(b model.Block) bool { return withdrawn(b) && !rewords(b, pool) }
	learned := NewSet()
	if share(f1, withdrawn) <= maxDropShare {
		learnWithdrawn(learned, f1, f2, in1, furnitureLike)
		learnReplacements(learned, f1, f2, in1, in2, inL, furnitureLike)
		learnCounters(learned, f1, f2, in1, in2)
	}
	// Otherwise most of the page changed between two fetches moments
	// apart: the page, or what the extractor takes for its body, is
	// unstable, and nothing learned from it would be furniture.
	fresh := func(b model.Block) bool { return !in1[b.Text] && !inL[b.Text] }
	cand := without(f2, func(b model.Block) bool { return fresh(b) || learned.Match(b) })
	base := without(l, learned.Match)
	cand = keepUnconfirmedRemovals(cand, base, in1, in2)
	// Slots are found over the pages as served: a block dropped as known
	// furniture may be the turn of a box whose wording in the latest
	// version is not known yet.
	inCand, inBase := texts(cand), texts(base)
	secondDropped, latestDropped := absent(second, inCand), absent(latest, inBase)
	all := known.union(learned)
	base = dropSlots(base, second, unpaired(latest, latestDropped, second, secondDropped, all), in1, in2)
	return Confirmation{Candidate: cand, Base: base, Learned: learned}
}

// learnWithdrawn remembers the furniture-like blocks of the first fetch
// that the second no longer served, by text and, where no block at the
// same place was served by both fetches, by place.
func learnWithdrawn(learned Set, f1, f2 []model.Block, in1 map[string]bool, furnitureLike func(model.Block) bool) {
	stable := map[string]bool{}
	for _, b := range f2 {
		if in1[b.Text] {
			stable[b.Path] = true
		}
	}
	for _, b := range f1 {
		if !furnitureLike(b) {
			continue
		}
		learned.Texts[Mask(b.Text)] = true
		if b.Path != "" && !stable[b.Path] {
			learned.Paths[b.Path] = true
		}
	}
}

// MaxCounterWords bounds a counter: "3 / 4", "2,805 comments", "Updated 5
// minutes ago". A longer block whose numbers change is more likely a
// sentence of the story being updated (a toll that rose), which must be
// seen at the next check, not learned away.
const MaxCounterWords = 6

// learnCounters remembers a short block whose numbers alone changed
// between the two fetches, even when the first fetch happened to serve the
// latest version's value.
func learnCounters(learned Set, f1, f2 []model.Block, in1, in2 map[string]bool) {
	ticked := map[string]bool{}
	for _, b := range f2 {
		if !in1[b.Text] && words(b.Text) <= MaxCounterWords {
			ticked[Mask(b.Text)] = true
		}
	}
	for _, b := range f1 {
		if m := Mask(b.Text); !in2[b.Text] && words(b.Text) <= MaxCounterWords && ticked[m] {
			learned.Texts[m] = true
		}
	}
}

// share is the part of blocks' words in the blocks that match.
func share(blocks []model.Block, match func(model.Block) bool) float64 {
	n, total := 0, 0
	for _, b := range blocks {
		w := words(b.Text)
		total += w
		if match(b) {
			n += w
		}
	}
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// rewordMinWords and rewordOverlap define a rewording: a block of some
// length sharing most of its words with a block of the pool, yet more
// than a counter apart (digits masked, they differ).
const (
	rewordMinWords = 4
	rewordOverlap  = 0.5
)

// rewords reports whether b is a reworded form of a block in pool.
func rewords(b model.Block, pool []model.Block) bool {
	bw := wordSet(b.Text)
	if len(bw) < rewordMinWords {
		return false
	}
	mask := Mask(b.Text)
	for _, p := range pool {
		if Mask(p.Text) == mask {
			continue
		}
		if jaccard(bw, wordSet(p.Text)) >= rewordOverlap {
			return true
		}
	}
	return false
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		m[w] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// learnReplacements remembers the blocks new in the second fetch that took
// the place of a withdrawn block of the first (the same preceding stable
// block): the next turn of the same rotating box. A block new elsewhere
// may be an edit made between the fetches and is not remembered.
func learnReplacements(learned Set, f1, f2 []model.Block, in1, in2, inL map[string]bool, furnitureLike func(model.Block) bool) {
	withdrawn := map[string]bool{}
	anchor := ""
	for _, b := range f1 {
		switch {
		case in2[b.Text]:
			anchor = b.Text
		case furnitureLike(b):
			withdrawn[anchor] = true
		}
	}
	anchor = ""
	for _, b := range f2 {
		switch {
		case in1[b.Text]:
			anchor = b.Text
		case !inL[b.Text] && withdrawn[anchor]:
			learned.Texts[Mask(b.Text)] = true
		}
	}
}

// unpaired marks the blocks dropped from the second fetch that still need
// a slot in base: those whose counterpart in the latest version (the same
// learned text or place) was not dropped along with them.
func unpaired(l []model.Block, lDropped []bool, f2 []model.Block, f2Dropped []bool, learned Set) []bool {
	key := func(b model.Block) string {
		if learned.Texts[Mask(b.Text)] {
			return "text:" + Mask(b.Text)
		}
		return "path:" + b.Path
	}
	partners := map[string]int{}
	for i, b := range l {
		if lDropped[i] {
			partners[key(b)]++
		}
	}
	out := make([]bool, len(f2))
	for i, b := range f2 {
		if !f2Dropped[i] {
			continue
		}
		if k := key(b); partners[k] > 0 {
			partners[k]--
			continue
		}
		out[i] = true
	}
	return out
}

// keepUnconfirmedRemovals puts back into the candidate the blocks of the
// latest version that the first fetch still served and the second did
// not: a removal seen once is not confirmed (it may be an edit made
// between the two fetches, whose new wording was dropped as new), and the
// next check will see it again if it holds. Each goes after the block it
// followed in the latest version.
func keepUnconfirmedRemovals(cand, base []model.Block, in1, in2 map[string]bool) []model.Block {
	out := append([]model.Block(nil), cand...)
	prev := ""
	for _, b := range base {
		if !in1[b.Text] || in2[b.Text] {
			if slices.ContainsFunc(out, func(c model.Block) bool { return c.Text == b.Text }) {
				prev = b.Text
			}
			continue
		}
		at := 0
		if prev != "" {
			at = slices.IndexFunc(out, func(c model.Block) bool { return c.Text == prev }) + 1
		}
		out = slices.Insert(out, at, b)
		prev = b.Text
	}
	return out
}

// absent marks the blocks whose text is not in keep.
func absent(blocks []model.Block, keep map[string]bool) []bool {
	out := make([]bool, len(blocks))
	for i, b := range blocks {
		out[i] = !keep[b.Text]
	}
	return out
}

// without returns the blocks that out does not match.
func without(blocks []model.Block, out func(model.Block) bool) []model.Block {
	var kept []model.Block
	for _, b := range blocks {
		if !out(b) {
			kept = append(kept, b)
		}
	}
	return kept
}

// dropSlots removes from base the blocks that sit where the second fetch
// had blocks dropped as volatile, one for one: a rotating box with no
// class of its own held one wording in the latest version and another now.
// Blocks are placed by the nearest preceding block both texts share; an
// unequal count means something else changed there too, and base keeps
// its blocks so the change is seen. Boxes that move about the page are
// then paired with their most alike turn (pairByShape).
func dropSlots(base, f2 []model.Block, dropped []bool, in1, in2 map[string]bool) []model.Block {
	type placed struct {
		anchor string
		block  model.Block
	}
	inBase := texts(base)
	var volatile []placed
	perAnchor := map[string]int{}
	anchor := ""
	for i, b := range f2 {
		switch {
		case dropped[i]:
			volatile = append(volatile, placed{anchor, b})
			perAnchor[anchor]++
		case inBase[b.Text]:
			anchor = b.Text
		}
	}
	if len(volatile) == 0 {
		return base
	}
	gone := map[string][]int{}
	anchor = ""
	for i, b := range base {
		switch {
		case in2[b.Text]:
			anchor = b.Text
		case !in1[b.Text]:
			gone[anchor] = append(gone[anchor], i)
		}
	}
	drop := map[int]bool{}
	slotted := map[string]bool{}
	for a, idx := range gone {
		if perAnchor[a] == len(idx) {
			slotted[a] = true
			for _, i := range idx {
				drop[i] = true
			}
		}
	}
	var leftIdx []int
	for i, b := range base {
		if !drop[i] && !in1[b.Text] && !in2[b.Text] {
			leftIdx = append(leftIdx, i)
		}
	}
	var leftVol []model.Block
	for _, v := range volatile {
		if !slotted[v.anchor] {
			leftVol = append(leftVol, v.block)
		}
	}
	for _, i := range pairByShape(base, leftIdx, leftVol) {
		drop[i] = true
	}
	out := base[:0:0]
	for i, b := range base {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}

// pairByShape pairs each volatile block with the most alike block of base
// left unexplained (see sameShape; alike: most masked words in common,
// then closest in length) and returns the base blocks paired. A block of
// base that pairs with none stays: a deletion beside rotating furniture.
func pairByShape(base []model.Block, idx []int, vol []model.Block) []int {
	taken := map[int]bool{}
	var out []int
	for _, v := range vol {
		best, bestScore := -1, -1.0
		vw := wordSet(Mask(v.Text))
		for _, i := range idx {
			if taken[i] || !sameShape(base[i], v) {
				continue
			}
			lengthGap := abs(words(base[i].Text) - words(v.Text))
			score := jaccard(vw, wordSet(Mask(base[i].Text))) - float64(lengthGap)/100
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best >= 0 {
			taken[best] = true
			out = append(out, best)
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// sameShape reports whether two blocks could be turns of one box: both
// short, of comparable length. A paragraph of the article is seldom
// either, so a deletion beside rotating furniture still shows.
func sameShape(a, b model.Block) bool {
	na, nb := words(a.Text), words(b.Text)
	return na <= maxTemplateWords && nb <= maxTemplateWords && na <= 2*nb && nb <= 2*na
}

func texts(blocks []model.Block) map[string]bool {
	m := make(map[string]bool, len(blocks))
	for _, b := range blocks {
		m[b.Text] = true
	}
	return m
}
