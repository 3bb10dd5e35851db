package newsroom

import (
	"math/rand/v2"
	"slices"
)

// Script shape. The first scriptedPerOutlet articles of each outlet are
// revised; the rest stay as published.
const (
	scriptSteps       = 10
	scriptedPerOutlet = 6
	revertAfter       = 2 // steps between an edit and its revert
	endlessTries      = 16
)

// scriptEntry revises the article in slot at step. Slots spread across
// outlets first (slot % outlets), so every outlet sees several kinds.
type scriptEntry struct {
	step int
	kind Kind
	slot int
}

var script = []scriptEntry{
	{1, KindHeadline, 0},
	{1, KindUpdate, 1},
	{2, KindSentenceRemoved, 2},
	{3, KindQuote, 3},
	{3, KindEdit, 9}, // reverted at step 5
	{4, KindTypo, 4},
	{5, KindByline, 5},
	{6, KindCorrection, 6},
	{6, KindSlug, 7},
	{7, KindSwap, 8},
	{8, KindCorrection, 0},
	{9, KindGone, 10},
}

// newArticleSteps are the scripted steps that publish a new article, on
// outlet i % outlets for the i-th entry.
var newArticleSteps = []int{2, 4, 7}

// endlessKinds is drawn from uniformly after the script ends; repeats weight
// the common kinds, and KindGone appears once so articles rarely vanish.
var endlessKinds = []Kind{
	KindHeadline, KindUpdate, KindUpdate, KindSentenceRemoved, KindQuote, KindTypo,
	KindByline, KindCorrection, KindSwap, KindEdit, KindSlug, KindUpdate,
	KindHeadline, KindSentenceRemoved, KindTypo, KindGone,
}

func (n *Newsroom) slotKey(slot int) key {
	per := min(n.cfg.ArticlesPerOutlet, scriptedPerOutlet)
	return key{outlet: slot % len(n.outlets), index: (slot / len(n.outlets)) % per}
}

// planScript lays out every scripted op, in step order so each planner sees
// the content its step will really change.
func (n *Newsroom) planScript() {
	for step := 1; step < scriptSteps; step++ {
		for i, s := range newArticleSteps {
			if s == step {
				n.publish(i%len(n.outlets), step)
			}
		}
		for _, e := range script {
			if e.step == step {
				n.plan(n.slotKey(e.slot), e.kind, step, newRand(n.cfg.Seed, 3, uint64(step), uint64(e.slot)))
			}
		}
	}
}

// publish adds a new article to outlet o at step and returns its key.
func (n *Newsroom) publish(o, step int) key {
	out := n.outlets[o]
	k := key{outlet: o, index: n.cfg.ArticlesPerOutlet + len(out.extras)}
	out.extras = append(out.extras, step)
	n.register(n.metaFor(k, step))
	return k
}

// plan decides one revision of kind for article k at step and records its
// ops. It reports false when the article has nothing the kind could change.
func (n *Newsroom) plan(k key, kind Kind, step int, r *rand.Rand) bool {
	m := n.meta(k)
	c := n.contentAt(m, step-1)
	if c.Gone || m.pubStep >= step {
		return false
	}
	var apply func(*content)
	switch kind {
	case KindHeadline:
		apply = planHeadline(m, c, r)
	case KindUpdate:
		apply = planAppend(updateParagraph(n.stepTime(step), r))
	case KindCorrection:
		apply = planAppend(correctionParagraph(r))
	case KindSentenceRemoved:
		apply = planSentenceRemoved(c, r)
	case KindQuote:
		apply = planQuote(m, c, r)
	case KindByline:
		apply = planByline(c, r)
	case KindSwap:
		apply = planSwap(c, r)
	case KindGone:
		apply = markGone
		n.gone[k] = true
	case KindSlug:
		apply = n.planSlugRoute(m, c, step, r)
	case KindTypo:
		if step >= scriptSteps {
			return n.fixPendingTypo(k, step)
		}
		return n.planTypoFix(m, n.contentAt(m, m.pubStep), step, r)
	case KindEdit:
		edit, revert := planEdit(c, r)
		if edit == nil {
			return false
		}
		n.addOp(k, op{step: step + revertAfter, kind: KindRevert, apply: revert})
		apply = edit
	}
	if apply == nil {
		return false
	}
	n.addOp(k, op{step: step, kind: kind, apply: apply})
	return true
}

func (n *Newsroom) planSlugRoute(m meta, c content, step int, r *rand.Rand) func(*content) {
	moved := c
	planSlug(m, c, r)(&moved)
	slug := n.claimPath(m, moved.Slug, step)
	return func(c *content) { c.Slug = slug }
}

// pendingTypo is a typo planted at publication in endless mode, waiting
// for its fix.
type pendingTypo struct {
	key   key
	since int // publication step; the fix must come later
	fix   func(*content)
}

// fixPendingTypo fixes the typo planted when k was published, or else the
// oldest pending one on a live article. Endless mode never plants a typo
// after publication: that would rewrite a version the truth already reported.
func (n *Newsroom) fixPendingTypo(k key, step int) bool {
	i := slices.IndexFunc(n.typos, func(p pendingTypo) bool { return p.key == k && p.since < step })
	if i < 0 {
		i = slices.IndexFunc(n.typos, func(p pendingTypo) bool { return !n.gone[p.key] && p.since < step })
	}
	if i < 0 {
		return false
	}
	p := n.typos[i]
	n.typos = slices.Delete(n.typos, i, i+1)
	n.addOp(p.key, op{step: step, kind: KindTypo, apply: p.fix})
	return true
}

// planTypoFix plants a typo in the first version (as published) and fixes it
// at step.
func (n *Newsroom) planTypoFix(m meta, c content, step int, r *rand.Rand) bool {
	plant, fix := planTypo(c, r)
	if plant == nil {
		return false
	}
	n.addOp(m.key, op{step: m.pubStep, kind: kindTypoPlanted, apply: plant})
	n.addOp(m.key, op{step: step, kind: KindTypo, apply: fix})
	return true
}

// addOp keeps each article's ops sorted by step; ops of one step keep the
// order they were planned in.
func (n *Newsroom) addOp(k key, o op) {
	ops := n.ops[k]
	i := len(ops)
	for i > 0 && ops[i-1].step > o.step {
		i--
	}
	n.ops[k] = slices.Insert(ops, i, o)
}

// advanceEndless publishes one article and makes one real revision to a
// live article, both drawn deterministically from the seed and step.
func (n *Newsroom) advanceEndless(step int) {
	r := newRand(n.cfg.Seed, 4, uint64(step))
	k := n.publish(step%len(n.outlets), step)
	if plant, fix := planTypo(n.baseContent(n.meta(k)), r); plant != nil {
		n.addOp(k, op{step: step, kind: kindTypoPlanted, apply: plant})
		n.typos = append(n.typos, pendingTypo{key: k, since: step, fix: fix})
	}
	for range endlessTries {
		o := r.IntN(len(n.outlets))
		k := key{outlet: o, index: r.IntN(n.publishedCount(o, step-1))}
		if n.gone[k] {
			continue
		}
		if n.plan(k, pick(r, endlessKinds), step, r) {
			return
		}
	}
}

// publishedCount is how many articles outlet o has published by step.
func (n *Newsroom) publishedCount(o, step int) int {
	c := n.cfg.ArticlesPerOutlet
	for _, s := range n.outlets[o].extras {
		if s > step {
			break
		}
		c++
	}
	return c
}
