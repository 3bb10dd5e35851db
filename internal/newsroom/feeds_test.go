package newsroom

import (
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// stripTracking drops utm_* parameters the way errata's canonicaliser must.
func stripTracking(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// currentURL is where a truth article lives now.
func currentURL(a TruthArticle) string {
	if len(a.Aliases) > 0 {
		return a.Aliases[len(a.Aliases)-1]
	}
	return a.URL
}

func TestFeeds_ParseAndListTruthArticles(t *testing.T) {
	n := started(t, Config{Seed: 5})
	runScript(n)
	truth := n.Truth()
	for i, o := range n.Outlets() {
		t.Run(o.Style, func(t *testing.T) {
			r := fetch(t, o.FeedURL, nil)
			feed, err := gofeed.NewParser().ParseString(r.body)
			if err != nil {
				t.Fatalf("%s: %v", o.FeedURL, err)
			}
			var links []string
			tracked, js := 0, 0
			for _, it := range feed.Items {
				switch {
				case strings.HasPrefix(it.Link, "javascript:"):
					js++
				case strings.Contains(it.Link, "utm_"):
					tracked++
					fallthrough
				default:
					links = append(links, stripTracking(t, it.Link))
				}
			}
			if js != 1 || tracked == 0 {
				t.Errorf("javascript items %d (want 1), tracked links %d (want some)", js, tracked)
			}
			for _, a := range truth {
				if a.Outlet != o.Name {
					continue
				}
				if listed := slices.Contains(links, currentURL(a)); listed == a.Gone {
					t.Errorf("outlet %d: %s listed=%v gone=%v", i, currentURL(a), listed, a.Gone)
				}
			}
		})
	}
}

func TestSitemaps_ListLiveTruthArticles(t *testing.T) {
	n := started(t, Config{Seed: 5})
	runScript(n)
	truth := n.Truth()
	for _, o := range n.Outlets() {
		var index struct {
			Locs []string `xml:"sitemap>loc"`
		}
		decodeXML(t, fetch(t, o.SitemapIndexURL, nil).body, &index)
		if len(index.Locs) != 1 || !strings.HasSuffix(index.Locs[0], "/sitemap-articles.xml") {
			t.Fatalf("sitemap index %v", index.Locs)
		}
		for _, sm := range []string{index.Locs[0], o.NewsSitemapURL} {
			var set struct {
				URLs []struct {
					Loc   string `xml:"loc"`
					Title string `xml:"news>title"`
				} `xml:"url"`
			}
			body := fetch(t, sm, nil).body
			decodeXML(t, body, &set)
			var locs []string
			for _, u := range set.URLs {
				locs = append(locs, u.Loc)
			}
			for _, a := range truth {
				if a.Outlet == o.Name && slices.Contains(locs, currentURL(a)) == a.Gone {
					t.Errorf("%s: %s listed=%v gone=%v", sm, currentURL(a), !a.Gone, a.Gone)
				}
			}
			if sm == o.NewsSitemapURL && !strings.Contains(body, "<news:publication_date>") {
				t.Errorf("news sitemap lacks news:publication_date")
			}
		}
	}
}

func decodeXML(t *testing.T, body string, v any) {
	t.Helper()
	if err := xml.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%v in %.200s", err, body)
	}
}
