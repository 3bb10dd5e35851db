package model

import "slices"

// RuleKind names the list a rule belongs to.
type RuleKind string

const (
	RuleKeep RuleKind = "keep"
	RuleDrop RuleKind = "drop"
)

// Len is how many selectors the rules hold.
func (r Rules) Len() int { return len(r.Keep) + len(r.Drop) }

// With returns r with sel added to the kind's list. A selector already in
// that list is not added twice: rules are a set, and a repeated add from
// a script must not grow it.
func (r Rules) With(kind RuleKind, sel string) Rules {
	r = r.clone()
	list := &r.Drop
	if kind == RuleKeep {
		list = &r.Keep
	}
	if !slices.Contains(*list, sel) {
		*list = append(*list, sel)
	}
	return r
}

// Without returns r with sel removed from both lists, and whether it was
// there. The user names a selector, not a list: one string is one rule.
func (r Rules) Without(sel string) (Rules, bool) {
	r = r.clone()
	n := r.Len()
	r.Keep = slices.DeleteFunc(r.Keep, func(s string) bool { return s == sel })
	r.Drop = slices.DeleteFunc(r.Drop, func(s string) bool { return s == sel })
	return r, r.Len() < n
}

// clone keeps edits from writing through to the caller's slices.
func (r Rules) clone() Rules {
	return Rules{Keep: slices.Clone(r.Keep), Drop: slices.Clone(r.Drop)}
}
