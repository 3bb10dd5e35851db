package newsroom

import (
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestTruth_VersionsPerRevisionKind(t *testing.T) {
	n := New(Config{Seed: 11})
	runScript(n)
	truth := n.Truth()
	// The headline article also gets a correction later, and truthWith finds
	// it first for both kinds: hence three versions for each.
	tests := []struct {
		kind     Kind
		versions int
		check    func(prev, cur TruthVersion) bool
	}{
		{KindHeadline, 3, func(p, c TruthVersion) bool { return p.Title != c.Title && p.Text == c.Text }},
		{KindUpdate, 2, func(p, c TruthVersion) bool {
			return lastPara(c).startsWith("Update, ") && strings.HasPrefix(c.Text, p.Text)
		}},
		{KindSentenceRemoved, 2, func(p, c TruthVersion) bool { return len(c.Text) < len(p.Text) && paraCount(p) == paraCount(c) }},
		{KindQuote, 2, func(p, c TruthVersion) bool {
			return outsideQuotes(p.Text) == outsideQuotes(c.Text) && p.Text != c.Text
		}},
		{KindTypo, 2, func(p, c TruthVersion) bool { return len(c.Text) == len(p.Text)+1 && p.Title == c.Title }},
		{KindByline, 2, func(p, c TruthVersion) bool { return strings.HasPrefix(c.Byline, p.Byline+" and ") && p.Text == c.Text }},
		{KindCorrection, 3, func(p, c TruthVersion) bool {
			return lastPara(c).startsWith("Correction: An earlier version of this article misstated") ||
				lastPara(c).startsWith("Correction: An earlier version of this article")
		}},
		{KindSwap, 2, func(p, c TruthVersion) bool { return sameParagraphSet(p, c) && p.Text != c.Text }},
		{KindEdit, 3, func(p, c TruthVersion) bool { return p.Text != c.Text }},
		{KindRevert, 3, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			a := truthWith(t, truth, tt.kind)
			if len(a.Versions) != tt.versions {
				t.Fatalf("%s: %d versions, want %d", a.URL, len(a.Versions), tt.versions)
			}
			for i := 1; i < len(a.Versions); i++ {
				if a.Versions[i].Kind == tt.kind && tt.check != nil && !tt.check(a.Versions[i-1], a.Versions[i]) {
					t.Errorf("version %d does not look like a %s:\n%+v\n%+v", i, tt.kind, a.Versions[i-1], a.Versions[i])
				}
			}
		})
	}
	t.Run("revert restores", func(t *testing.T) {
		v := truthWith(t, truth, KindRevert).Versions
		if v[0].Text != v[2].Text || v[1].Text == v[0].Text {
			t.Errorf("A→B→A not kept as three states")
		}
	})
	t.Run("slug and gone keep versions", func(t *testing.T) {
		var slug, gone int
		for _, a := range truth {
			if len(a.Aliases) > 0 {
				slug++
				if len(a.Versions) != 1 || a.Aliases[0] == a.URL {
					t.Errorf("slug change %s: %d versions, aliases %v", a.URL, len(a.Versions), a.Aliases)
				}
			}
			if a.Gone {
				gone++
				if len(a.Versions) != 1 {
					t.Errorf("gone %s lost its versions", a.URL)
				}
			}
		}
		if slug != 1 || gone != 1 {
			t.Errorf("slug changes %d, gone %d; want 1 each", slug, gone)
		}
	})
}

type para string

func (p para) startsWith(s string) bool { return strings.HasPrefix(string(p), s) }

func lastPara(v TruthVersion) para {
	ps := strings.Split(v.Text, "\n\n")
	return para(ps[len(ps)-1])
}

func paraCount(v TruthVersion) int { return len(strings.Split(v.Text, "\n\n")) }

func sameParagraphSet(a, b TruthVersion) bool {
	pa, pb := strings.Split(a.Text, "\n\n"), strings.Split(b.Text, "\n\n")
	slices.Sort(pa)
	slices.Sort(pb)
	return slices.Equal(pa, pb)
}

// outsideQuotes blanks every “quoted” span.
func outsideQuotes(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "“")
		j := strings.Index(s, "”")
		if i < 0 || j < i {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[j+len("”"):]
	}
}

func TestTruth_ScriptPublishesNewArticles(t *testing.T) {
	n := New(Config{Seed: 2})
	before := len(n.Truth())
	runScript(n)
	after := n.Truth()
	if len(after) != before+len(newArticleSteps) {
		t.Errorf("articles %d → %d, want %d new", before, len(after), len(newArticleSteps))
	}
	for _, a := range after {
		if len(a.Versions) == 0 || a.Versions[0].Kind != KindPublished {
			t.Errorf("%s: first version %+v", a.URL, a.Versions)
		}
	}
}

func TestTruth_SameSeedSameTruth(t *testing.T) {
	a, b, c := New(Config{Seed: 9}), New(Config{Seed: 9}), New(Config{Seed: 10})
	runScript(a)
	runScript(b)
	runScript(c)
	if !reflect.DeepEqual(a.Truth(), b.Truth()) {
		t.Error("same seed gave different truth")
	}
	if reflect.DeepEqual(a.Truth(), c.Truth()) {
		t.Error("different seeds gave the same truth")
	}
}

func TestTruth_ParagraphAndSentenceShape(t *testing.T) {
	n := New(Config{Seed: 4, ArticlesPerOutlet: 50})
	for _, a := range n.Truth() {
		ps := strings.Split(a.Versions[0].Text, "\n\n")
		words := len(strings.Fields(a.Versions[0].Text))
		if len(ps) < minParagraphs || len(ps) > maxParagraphs || words < 100 {
			t.Errorf("%s: %d paragraphs, %d words", a.URL, len(ps), words)
		}
	}
}

func TestPages_SameSeedSameContentModuloChurn(t *testing.T) {
	a, b := New(Config{Seed: 21}), New(Config{Seed: 21})
	for o := range a.Outlets() {
		sa, sb := httptest.NewServer(a.Handler(o)), httptest.NewServer(b.Handler(o))
		a.SetBaseURL(o, sa.URL)
		b.SetBaseURL(o, sb.URL)
		ta, tb := a.Truth(), b.Truth()
		for i := range ta {
			if ta[i].Outlet != a.Outlets()[o].Name {
				continue
			}
			pa := fetch(t, ta[i].URL, nil).body
			pb := fetch(t, tb[i].URL, nil).body
			pa, pb = hostPort.ReplaceAllString(dechurn(pa), ""), hostPort.ReplaceAllString(dechurn(pb), "")
			if pa != pb {
				t.Errorf("outlet %d article %s differs beyond churn", o, ta[i].URL)
			}
		}
		sa.Close()
		sb.Close()
	}
}

// dechurn blanks everything the churn generator writes.
func dechurn(page string) string {
	for _, re := range churnPatterns {
		page = re.ReplaceAllString(page, "")
	}
	return page
}

func TestAdvance_RaceFreeWhileServing(t *testing.T) {
	n := started(t, Config{Seed: 3, Endless: true})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for _, o := range n.Outlets() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				fetch(t, o.FeedURL, nil)
				fetch(t, o.BaseURL+"/", nil)
				for _, a := range n.Truth() {
					if a.Outlet == o.Name {
						fetch(t, a.URL, nil)
					}
				}
			}
		}()
	}
	for range 3 * n.Steps() {
		n.Advance()
		n.Truth()
	}
	close(stop)
	wg.Wait()
}

func TestEndless_EachAdvancePublishesAndRevises(t *testing.T) {
	n := New(Config{Seed: 8, Endless: true})
	runScript(n)
	for range 40 {
		before := byURL(n.Truth())
		n.Advance()
		after := byURL(n.Truth())
		if len(after) != len(before)+1 {
			t.Fatalf("step %d: %d → %d articles", n.Step(), len(before), len(after))
		}
		changed := 0
		for u, a := range before {
			if !reflect.DeepEqual(a, after[u]) {
				changed++
			}
		}
		// An edit two steps back may be reverted now too.
		if changed < 1 || changed > 2 {
			t.Errorf("step %d: %d existing articles changed, want 1 or 2", n.Step(), changed)
		}
	}
}

func byURL(truth []TruthArticle) map[string]TruthArticle {
	m := map[string]TruthArticle{}
	for _, a := range truth {
		m[a.URL] = a
	}
	return m
}

func TestAdvance_StopsAtScriptEndUnlessEndless(t *testing.T) {
	n := New(Config{Seed: 1})
	for range 2 * n.Steps() {
		n.Advance()
	}
	if n.Step() != n.Steps()-1 {
		t.Errorf("step %d, want %d", n.Step(), n.Steps()-1)
	}
}

func TestScale_TenThousandArticlesPerOutlet(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 30,000 articles")
	}
	n := started(t, Config{Seed: 1, ArticlesPerOutlet: 10000})
	runScript(n)
	truth := n.Truth()
	if want := 3*10000 + len(newArticleSteps); len(truth) != want {
		t.Fatalf("%d truth articles, want %d", len(truth), want)
	}
	last := truth[10000-1]
	r := fetch(t, last.URL, nil)
	if r.status != 200 || !strings.Contains(r.body, last.Versions[0].Title) {
		t.Errorf("oldest article: status %d", r.status)
	}
	body := fetch(t, n.Outlets()[0].BaseURL+pathSitemap, nil).body
	if got := strings.Count(body, "<url>"); got != 10000+1 {
		t.Errorf("sitemap lists %d URLs", got)
	}
	if got := len(n.ops); got > 20 {
		t.Errorf("%d articles carry ops; only scripted ones should", got)
	}
}
