package store

import (
	"strconv"
	"strings"
)

// A listing's statement is built from the filters the query actually
// has: a filter left out is not in the text at all, so every predicate
// the planner sees is one it can serve from an index. (A constant text
// with "? = 0 OR col = ?" slots hides the indexes: the planner must plan
// for the slot being 0 and walks the whole table.) The same filters
// always give the same text, so the statement cache prepares each
// combination once.

// sqlArgs collects a statement's arguments, numbered in the order they
// are added.
type sqlArgs []any

// add appends v and returns its placeholder ("?n"), which may be used
// more than once in the text.
func (a *sqlArgs) add(v any) string {
	*a = append(*a, v)
	return "?" + strconv.Itoa(len(*a))
}

// where joins predicates with AND; none gives an always-true condition.
func where(preds []string) string {
	if len(preds) == 0 {
		return "1 = 1"
	}
	return strings.Join(preds, "\n\t  AND ")
}

// before is the keyset condition "strictly after the cursor" of a list
// ordered by (at, id) descending, written as a row comparison so both
// engines take it as a range of the index that orders the list.
func before(args *sqlArgs, atCol, idCol string, at, id int64) string {
	return "(" + atCol + ", " + idCol + ") < (" + args.add(at) + ", " + args.add(id) + ")"
}

// uniqueStrings drops repeated values, keeping the first of each, so
// repeats in a filter neither repeat work nor multiply statement texts.
func uniqueStrings(ss []string) []string {
	out := make([]string, 0, len(ss))
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// placeholders adds vs and returns their placeholders joined by commas.
func placeholders(args *sqlArgs, vs []string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = args.add(v)
	}
	return strings.Join(ps, ", ")
}
