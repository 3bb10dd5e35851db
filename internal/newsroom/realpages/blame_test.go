package realpages

import (
	"slices"
	"testing"

	"github.com/errata/errata/internal/newsroom"
)

func TestBlame_NamesTheChurnThatChanged(t *testing.T) {
	n := &Newsroom{}
	v := func(text string) newsroom.TruthVersion { return newsroom.TruthVersion{Title: "T", Text: text} }
	body := "One two three four five.\n\nSix seven eight nine ten.\n\nEleven twelve thirteen fourteen."
	cases := []struct {
		name      string
		prev, cur string
		earlier   []string
		want      []string
	}{
		{"newsletter", body + "\n\nJoin 1,204 readers who start the day with our morning briefing.",
			body + "\n\nJoin 88,001 readers who start the day with our morning briefing.", nil, []string{"newsletter"}},
		{"comment count", body + "\n\n1,234 comments", body + "\n\n987 comments", nil, []string{"comment-count"}},
		{"outage", body, "", nil, []string{"outage"}},
		{"back to an earlier text", body + "\n\nNew words here.", body + "\n\nOld words here.",
			[]string{body + "\n\nOld words here."}, []string{"flip-flop"}},
	}
	for _, c := range cases {
		var earlier []newsroom.TruthVersion
		for _, e := range c.earlier {
			earlier = append(earlier, v(e))
		}
		if got := n.Blame(v(c.prev), v(c.cur), earlier); !slices.Equal(got, c.want) {
			t.Errorf("%s: blamed %v, want %v", c.name, got, c.want)
		}
	}
}
