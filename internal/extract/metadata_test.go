package extract_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"golang.org/x/net/html/charset"
)

// Metadata accuracy targets (share of labelled pages right per field).
const (
	minTitleAccuracy  = 0.97
	minDateAccuracy   = 0.97
	minBylineAccuracy = 0.97
)

// labelledOutlets and labelledArticles size the newsroom half of the set:
// every template style twice, several articles each.
const (
	labelledOutlets  = 6
	labelledArticles = 4
)

// label is the expected metadata of one page; Published is RFC 3339 or "".
type label struct {
	File      string `json:"file"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	page      []byte
}

// TestExtract_MetadataAccuracy scores title, byline and date on the
// labelled set: hand-written pages in several languages and scripts
// (testdata/labelled) plus pages served by the simulated newsroom, whose
// truth gives title and byline and whose news sitemap gives the date.
func TestExtract_MetadataAccuracy(t *testing.T) {
	set := append(fileLabels(t), newsroomLabels(t)...)
	var title, byline, date int
	for _, l := range set {
		a, _ := extract.Extract(l.URL, l.page, model.Rules{})
		got := ""
		if !a.Published.IsZero() {
			got = a.Published.Format(time.RFC3339)
		}
		title += tally(t, l, "title", a.Title, l.Title)
		byline += tally(t, l, "byline", a.Byline, l.Byline)
		date += tally(t, l, "published", got, normDate(l.Published))
	}
	n := float64(len(set))
	t.Logf("metadata accuracy on %d pages: title %.3f, date %.3f, byline %.3f",
		len(set), float64(title)/n, float64(date)/n, float64(byline)/n)
	if len(set) < 40 {
		t.Errorf("labelled set has %d pages, want at least 40", len(set))
	}
	for _, c := range []struct {
		field    string
		got, min float64
	}{
		{"title", float64(title) / n, minTitleAccuracy},
		{"date", float64(date) / n, minDateAccuracy},
		{"byline", float64(byline) / n, minBylineAccuracy},
	} {
		if c.got < c.min {
			t.Errorf("%s accuracy %.3f, want at least %.2f", c.field, c.got, c.min)
		}
	}
}

func tally(t *testing.T, l label, field, got, want string) int {
	if got == want {
		return 1
	}
	t.Logf("%s: %s = %q, want %q", l.URL, field, got, want)
	return 0
}

func normDate(s string) string {
	if s == "" {
		return ""
	}
	d, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return d.UTC().Format(time.RFC3339)
}

func fileLabels(t *testing.T) []label {
	dir := filepath.Join("testdata", "labelled")
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set []label
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	for i := range set {
		if set[i].page, err = os.ReadFile(filepath.Join(dir, set[i].File)); err != nil {
			t.Fatal(err)
		}
	}
	return set
}

// newsSitemap is the part of a Google News sitemap the labels need.
type newsSitemap struct {
	URLs []struct {
		Loc  string `xml:"loc"`
		Date string `xml:"news>publication_date"`
	} `xml:"url"`
}

func newsroomLabels(t *testing.T) []label {
	nr := newsroom.New(newsroom.Config{Seed: 7, Outlets: labelledOutlets, ArticlesPerOutlet: labelledArticles})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nr.Close)
	dates := map[string]string{}
	for _, o := range nr.Outlets() {
		var sm newsSitemap
		if err := xml.Unmarshal(get(t, o.NewsSitemapURL), &sm); err != nil {
			t.Fatal(err)
		}
		for _, u := range sm.URLs {
			dates[u.Loc] = u.Date
		}
	}
	var set []label
	for _, a := range nr.Truth() {
		v := a.Versions[len(a.Versions)-1]
		set = append(set, label{URL: a.URL, Title: v.Title, Byline: v.Byline,
			Published: dates[a.URL], page: get(t, a.URL)})
	}
	return set
}

// get fetches a loopback URL and decodes it to UTF-8, as the fetcher would.
func get(t *testing.T, u string) []byte {
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r, err := charset.NewReader(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
