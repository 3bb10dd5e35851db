package model

import (
	"reflect"
	"testing"
)

func TestRules_WithAndWithout(t *testing.T) {
	base := Rules{Keep: []string{"article"}, Drop: []string{".ad"}}
	tests := []struct {
		name    string
		edit    func(Rules) (Rules, bool)
		want    Rules
		removed bool
	}{
		{"add drop", func(r Rules) (Rules, bool) { return r.With(RuleDrop, ".promo"), false },
			Rules{Keep: []string{"article"}, Drop: []string{".ad", ".promo"}}, false},
		{"add keep", func(r Rules) (Rules, bool) { return r.With(RuleKeep, ".body"), false },
			Rules{Keep: []string{"article", ".body"}, Drop: []string{".ad"}}, false},
		{"repeated add is one rule", func(r Rules) (Rules, bool) { return r.With(RuleDrop, ".ad"), false }, base, false},
		{"remove from drop", func(r Rules) (Rules, bool) { return r.Without(".ad") },
			Rules{Keep: []string{"article"}, Drop: []string{}}, true},
		{"remove from keep", func(r Rules) (Rules, bool) { return r.Without("article") },
			Rules{Keep: []string{}, Drop: []string{".ad"}}, true},
		{"remove missing", func(r Rules) (Rules, bool) { return r.Without(".nope") }, base, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := Rules{Keep: []string{"article"}, Drop: []string{".ad"}}
			got, removed := tt.edit(orig)
			if !reflect.DeepEqual(got, tt.want) || removed != tt.removed {
				t.Errorf("got %+v, %v; want %+v, %v", got, removed, tt.want, tt.removed)
			}
			if !reflect.DeepEqual(orig, base) {
				t.Errorf("edit wrote through to the original: %+v", orig)
			}
		})
	}
}
