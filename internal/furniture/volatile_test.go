package furniture

import (
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

// page builds blocks from "path|text" lines; a line without "|" has no place.
func page(lines ...string) []model.Block {
	out := make([]model.Block, 0, len(lines))
	for _, l := range lines {
		path, text, ok := strings.Cut(l, "|")
		if !ok {
			path, text = "", l
		}
		out = append(out, model.Block{Path: path, Text: text})
	}
	return out
}

const (
	p1 = "article>p|Police closed the bridge on Monday after a crack was found."
	p2 = "article>p|Engineers will inspect it this week."
	p3 = "article>p|It will reopen on Friday, the council said."
)

func TestConfirm(t *testing.T) {
	cases := []struct {
		name                  string
		latest, first, second []model.Block
		known                 Set
		changed               bool
		learnedPaths          []string
		learnedTexts          []string
		learnsNothing         bool
	}{
		{
			name:         "a prompt in its own box rotates",
			latest:       page(p1, "article>aside.promo>p|Join 12,000 readers of our morning email", p2),
			first:        page(p1, "article>aside.promo>p|Get the briefing 31,204 people trust", p2),
			second:       page(p1, "article>aside.promo>p|Never miss a story: sign up", p2),
			changed:      false,
			learnedPaths: []string{"article>aside.promo>p"},
			learnedTexts: []string{"Get the briefing # people trust"},
		},
		{
			name:         "a bare paragraph rotates in place",
			latest:       page(p1, "article>p|Read more: the mayor's budget", p2, p3),
			first:        page(p1, "article>p|Read more: a storm is coming", p2, p3),
			second:       page(p1, "article>p|Read more: the school board vote", p2, p3),
			changed:      false,
			learnedTexts: []string{"Read more: a storm is coming"},
		},
		{
			name:    "a real edit served twice",
			latest:  page(p1, p2, p3),
			first:   page(p1, "article>p|Engineers will inspect it on Wednesday.", p3),
			second:  page(p1, "article>p|Engineers will inspect it on Wednesday.", p3),
			changed: true,
		},
		{
			name:    "a real edit beside a rotating box",
			latest:  page(p1, "div.promo|Subscribe, 1,000 readers did", p2, p3),
			first:   page(p1, "div.promo|Subscribe today", p2),
			second:  page(p1, "div.promo|Try us free", p2),
			changed: true,
		},
		{
			name:    "a truncated first response",
			latest:  page(p1, p2, p3),
			first:   page(p1),
			second:  page(p1, p2, p3),
			changed: false,
		},
		{
			name:    "an edit between the two fetches waits for the next check",
			latest:  page(p1, p2, p3),
			first:   page(p1, p2, p3, "div.ad|Advertisement 7"),
			second:  page(p1, p2, "article>p|It will reopen on Saturday, the council said."),
			changed: false, // p3's removal is seen once only
		},
		{
			name:    "a flip-flop of a reworded paragraph is not furniture",
			latest:  page(p1, p2, p3),
			first:   page(p1, "article>p|Engineers will inspect it this week, a spokesperson said.", p3),
			second:  page(p1, p2, p3),
			changed: false, learnsNothing: true,
		},
		{
			name:    "a page that changes wholesale teaches nothing",
			latest:  page("ul>li|Teaser one about sport", "ul>li|Teaser two about money"),
			first:   page(p1, p2, p3),
			second:  page("ul>li|Teaser one about sport", "ul>li|Teaser two about money"),
			changed: false, learnsNothing: true,
		},
		{
			name:    "a prompt that moves about the body rotates",
			latest:  page(p1, "article>p|Don't miss a story: 67,448 subscribers read our evening email.", p2, p3),
			first:   page(p1, p2, "article>p|Join 12,000 readers of our morning briefing today.", p3),
			second:  page(p1, p2, p3, "article>p|Never miss a story: 31,204 people already subscribe."),
			changed: false,
		},
		{
			name:    "a short paragraph deleted beside a moving prompt",
			latest:  page(p1, "article>p|Don't miss a story: 67,448 subscribers read our evening email.", p2, "article>p|The mayor declined to comment.", p3),
			first:   page(p1, p2, "article>p|Join 12,000 readers of our morning briefing today.", p3),
			second:  page(p1, p2, p3, "article>p|Never miss a story: 31,204 people already subscribe."),
			changed: true,
		},
		{
			name:         "a slide counter that first showed the latest value",
			latest:       page(p1, "div.slides>div|3 / 4", p2),
			first:        page(p1, "div.slides>div|3 / 4", p2),
			second:       page(p1, "div.slides>div|4 / 4", p2),
			changed:      false,
			learnedTexts: []string{"# / #"},
		},
		{
			name:    "a longer sentence whose number changed between fetches is not a counter",
			latest:  page(p1, "article>p|The death toll rose to 12 on Monday, officials said.", p2),
			first:   page(p1, "article>p|The death toll rose to 12 on Monday, officials said.", p2),
			second:  page(p1, "article>p|The death toll rose to 13 on Monday, officials said.", p2),
			changed: false, learnsNothing: true, // seen again, and confirmed, at the next check
		},
		{
			name:    "known furniture needs nothing new",
			latest:  page(p1, "div.promo|Subscribe, 1,000 readers did", p2),
			first:   page(p1, "div.promo|Subscribe, 1,001 readers did", p2),
			second:  page(p1, "div.promo|Subscribe, 1,002 readers did", p2),
			known:   Set{Paths: map[string]bool{}, Texts: map[string]bool{"Subscribe, # readers did": true}},
			changed: false,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			known := tc.known
			if known.Paths == nil {
				known = NewSet()
			}
			c := Confirm(tc.latest, tc.first, tc.second, known)
			if got := Text(c.Candidate) != Text(c.Base); got != tc.changed {
				t.Errorf("changed = %v, want %v\ncandidate: %q\nbase:      %q", got, tc.changed, Text(c.Candidate), Text(c.Base))
			}
			for _, p := range tc.learnedPaths {
				if !c.Learned.Paths[p] {
					t.Errorf("place %q not learned; learned %v", p, c.Learned.Paths)
				}
			}
			for _, x := range tc.learnedTexts {
				if !c.Learned.Texts[x] {
					t.Errorf("text %q not learned; learned %v", x, c.Learned.Texts)
				}
			}
			if c.Learned.Paths["article>p"] {
				t.Error("the body's own place was learned as volatile")
			}
			if tc.learnsNothing && c.Learned.Len() > 0 {
				t.Errorf("learned %v from a change that was no furniture", c.Learned)
			}
		})
	}
}

func TestSet_DropRefusesToTakeMostOfTheText(t *testing.T) {
	s := NewSet()
	s.Add(KindPath, "article>p")
	blocks := page(p1, p2, "div.promo|Subscribe")
	if got := s.Drop(blocks); len(got) != len(blocks) {
		t.Errorf("Drop removed the body: %v", got)
	}
	s = NewSet()
	s.Add(KindText, Mask("Subscribe, 1,234 readers did"))
	got := s.Drop(page(p1, p2, "div|Subscribe, 9,876 readers did"))
	if Text(got) != Text(page(p1, p2)) {
		t.Errorf("masked counter kept: %q", Text(got))
	}
}

func TestMask_OneMarkPerNumber(t *testing.T) {
	for in, want := range map[string]string{
		"Don't miss a story: 67,448 subscribers":  "Don't miss a story: # subscribers",
		"Don't miss a story: 246,760 subscribers": "Don't miss a story: # subscribers",
		"2,061 comments":                "# comments",
		"Updated 10:30, 5 minutes ago.": "Updated #, # minutes ago.",
		"Price 1.5  million,  up":       "Price # million, up",
		"Covid-19 cases":                "Covid-# cases",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}
