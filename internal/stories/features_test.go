package stories

import (
	"slices"
	"testing"
)

func TestNewFeatures_Facts(t *testing.T) {
	cases := []struct {
		name, outlet, text string
		want, not          []string
	}{
		{"dateline place, credit left out", "", "PARIS (AFP) — The Senate voted.", []string{"p:paris"}, []string{"n:paris afp", "n:afp", "p:paris afp"}},
		{"abbreviated title stays in the name", "", "Officials at St. Brendan’s Hospital said so.", []string{"p:st brendans hospital"}, []string{"n:st", "p:st"}},
		{"place after a locative", "", "The storm hit homes in Cedar Falls overnight.", []string{"p:cedar falls"}, []string{"n:cedar falls"}},
		{"sentence-initial word is no name", "", "Officials said the Regional Transit Authority agreed.", []string{"n:regional transit authority"}, []string{"n:officials"}},
		{"figures kept, small numbers and years left out", "", "It costs $4.5 million, 12 percent more than in 2019, or 1,200 jobs.", []string{"#:4.5", "#:1200"}, []string{"#:12", "#:2019"}},
		{"the outlet's own name left out", "The Daily Ledger", "Sign up for The Daily Ledger briefing. Copyright The Daily Ledger.", nil, []string{"n:the daily ledger", "n:copyright the daily ledger"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := NewFeatures(Article{Outlet: c.outlet, Paragraphs: []string{c.text}})
			for _, w := range c.want {
				if !slices.Contains(f.Facts, w) {
					t.Errorf("facts %q lack %q", f.Facts, w)
				}
			}
			for _, n := range c.not {
				if slices.Contains(f.Facts, n) {
					t.Errorf("facts %q hold %q", f.Facts, n)
				}
			}
		})
	}
}

func TestCompare_CompoundNameCountsOnce(t *testing.T) {
	a := Features{Facts: []string{"n:board of supervisors", "n:port ellery board of supervisors", "p:port ellery"}}
	b := Features{Facts: []string{"n:board of supervisors", "n:port ellery board of supervisors", "n:port ellery"}}
	if s := Compare(a, b); s.Shared != 2 {
		t.Errorf("shared = %d, want 2 (the place and the body)", s.Shared)
	}
}

func TestMemory_MergeAndSplit(t *testing.T) {
	m := NewMemory()
	m.story = map[int64]int64{1: 1, 2: 1, 3: 2, 4: 2}
	m.nextID = 2
	m.Merge(1, 2)
	for id := int64(1); id <= 4; id++ {
		if m.StoryOf(id) != 1 {
			t.Fatalf("after merge, article %d is in story %d, want 1", id, m.StoryOf(id))
		}
	}
	s := m.Split([]int64{3, 4})
	if s == 1 || m.StoryOf(3) != s || m.StoryOf(4) != s || m.StoryOf(1) != 1 {
		t.Errorf("after split: stories %d %d %d %d", m.StoryOf(1), m.StoryOf(2), m.StoryOf(3), m.StoryOf(4))
	}
}
