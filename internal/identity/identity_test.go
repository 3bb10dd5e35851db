package identity

import (
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestDecide(t *testing.T) {
	art := model.Article{ID: 1, OutletID: 10, URL: "https://news.example.com/2026/story"}
	occ := func(id, outlet int64, versions bool) *Occupant {
		return &Occupant{Article: model.Article{ID: id, OutletID: outlet}, Versions: versions}
	}
	cases := []struct {
		name string
		r    Redirect
		want Action
		url  string
	}{
		{"no redirect", Redirect{Final: art.URL}, Keep, art.URL},
		{"redirect back to itself", Redirect{Redirected: true, Permanent: true, Final: art.URL}, Keep, art.URL},
		{"new slug, permanent", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com/2026/story-v2"}, Rekey, "https://news.example.com/2026/story-v2"},
		{"new slug on a sister host of the same site", Redirect{Redirected: true, Permanent: true, Final: "https://www.example.com/story"}, Rekey, "https://www.example.com/story"},
		{"new slug, temporary", Redirect{Redirected: true, Final: "https://news.example.com/2026/story-v2"}, Keep, art.URL},
		{"another site, permanent", Redirect{Redirected: true, Permanent: true, Final: "https://victim.example.org/their-story"}, Keep, art.URL},
		{"another site under a shared suffix", Redirect{Redirected: true, Permanent: true, Final: "https://other.github.io/x"}, Keep, art.URL},
		{"another site whose article is tracked", Redirect{Redirected: true, Permanent: true, Final: "https://victim.example.org/their-story", Occupant: occ(2, 20, false)}, Keep, art.URL},
		{"home page", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com/"}, Refuse, art.URL},
		{"home page, temporary", Redirect{Redirected: true, Final: "https://www.example.com/"}, Refuse, art.URL},
		{"slug discovered meanwhile", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com/s2", Occupant: occ(2, 10, false)}, Absorb, "https://news.example.com/s2"},
		{"slug with a history of its own", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com/s2", Occupant: occ(2, 10, true)}, Keep, art.URL},
		{"slug tracked for another outlet", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com/s2", Occupant: occ(2, 11, false)}, Keep, art.URL},
		{"another port of the same host", Redirect{Redirected: true, Permanent: true, Final: "https://news.example.com:8443/2026/story"}, Keep, art.URL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.r.Article = art
			d := Decide(c.r)
			if d.Action != c.want || d.URL != c.url {
				t.Fatalf("Decide = %s %s (%s), want %s %s", d.Action, d.URL, d.Reason, c.want, c.url)
			}
			if d.Action == Absorb && d.Absorb != c.r.Occupant.Article.ID {
				t.Errorf("absorbs %d, want %d", d.Absorb, c.r.Occupant.Article.ID)
			}
		})
	}
	if art.URL != "https://news.example.com/2026/story" {
		t.Fatal("Decide changed its input")
	}
}

func TestDecide_HomePageArticleMayRedirectToItsNewHome(t *testing.T) {
	d := Decide(Redirect{Article: model.Article{URL: "https://example.com/"}, Redirected: true, Permanent: true, Final: "https://www.example.com/"})
	if d.Action != Rekey {
		t.Fatalf("a tracked home page moving to www: %s, want rekey", d.Action)
	}
}

func TestHome(t *testing.T) {
	cases := []struct {
		link, source, host string
		want               bool
	}{
		{"https://www.example.com/story", "https://feeds.example.com/rss", "example.com", true},
		{"https://example.com/story", "https://feedhost.example.net/x.xml", "example.com", true},
		{"https://victim.example.org/story", "https://attacker.example.net/feed", "attacker.example.net", false},
		{"https://victim.example.org/story", "https://attacker.example.net/feed", "", false},
		{"http://127.0.0.1:8081/story", "http://127.0.0.1:8080/feed", "127.0.0.1:8080", false},
		{"http://127.0.0.1:8080/story", "http://127.0.0.1:8080/feed", "127.0.0.1:8080", true},
	}
	for _, c := range cases {
		if got := Home(c.link, c.source, c.host); got != c.want {
			t.Errorf("Home(%s, %s, %s) = %v, want %v", c.link, c.source, c.host, got, c.want)
		}
	}
}
