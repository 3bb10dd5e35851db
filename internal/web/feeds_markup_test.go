package web

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markup an outlet could put in its name and headlines. Each payload
// names itself in window.injected if a browser ever runs it; the "&amp;"
// is text the outlet wrote and must reach the reader as those five
// characters.
const (
	injectedOutlet   = `Wire <img src=x onerror="window.injected='outlet'">`
	injectedOldTitle = `Budget <svg onload="window.injected='old headline'"></svg> vote`
	injectedNewTitle = `<img src=x onerror="window.injected='headline'"> Fish &amp; chips <script>window.injected='script'</script>`
)

// seedInjected records an article of injectedOutlet whose headline changes
// from injectedOldTitle to injectedNewTitle.
func seedInjected(t testing.TB, f *fixture) int64 {
	t.Helper()
	a := seedArticle(t, f.store, injectedOutlet, "https://wire.example/budget", []draft{
		{injectedOldTitle, "", "The council met on Monday."},
		{injectedNewTitle, "", "The council met on Monday."},
	})
	return a.ID
}

// feedPaths are the feeds that hold the injected article: its own and its
// outlet's, in every format.
func feedPaths(id int64) []string {
	var paths []string
	for _, scope := range []string{fmt.Sprintf("/articles/%d/changes", id), outletPath(injectedOutlet) + "/changes"} {
		for _, ext := range []string{"atom", "rss", "json"} {
			paths = append(paths, scope+"."+ext)
		}
	}
	return paths
}

// htmlFields are the parts of a parsed feed that readers render as HTML:
// the feed's description and each item's description and content. gofeed,
// like many readers, keeps no note of an Atom text's type, so its callers
// render these fields as HTML whatever the feed declared.
func htmlFields(feed *gofeed.Feed) map[string]string {
	fields := map[string]string{}
	if feed.Description != "" {
		fields["feed description"] = feed.Description
	}
	for i, it := range feed.Items {
		if it.Description != "" {
			fields[fmt.Sprintf("item %d description", i)] = it.Description
		}
		if it.Content != "" {
			fields[fmt.Sprintf("item %d content", i)] = it.Content
		}
	}
	return fields
}

// Where a feed field is HTML, the outlet's markup arrives escaped: a reader
// shows it as text, exactly as written, and the only markup is errata's own
// (the diff's paragraphs, marks and links). Where a field is plain text, it
// arrives once-escaped only, so the reader shows the same text. (RSS names
// no author: its author element wants an e-mail address.)
func TestFeeds_HTMLFieldsCarryMarkupAsText(t *testing.T) {
	f := newFixture(t, Config{})
	id := seedInjected(t, f)
	for _, path := range feedPaths(id) {
		t.Run(path, func(t *testing.T) {
			feed := parseFeed(t, f, path)
			if len(feed.Items) != 1 {
				t.Fatalf("%d items, want 1", len(feed.Items))
			}
			it := feed.Items[0]
			for name, field := range htmlFields(feed) {
				for _, tag := range []string{"<img", "<svg", "<script"} {
					if strings.Contains(field, tag) {
						t.Errorf("%s holds live %s: %q", name, tag, field)
					}
				}
			}
			content := it.Content
			if strings.HasSuffix(path, ".rss") {
				content = it.Description
			}
			if !strings.Contains(content, "&lt;img") {
				t.Errorf("HTML content does not escape the markup: %q", content)
			}
			shown := visibleText(t, content)
			mustContain(t, "content as a reader shows it", shown, injectedOutlet+" changed version 1")
			old, now := headlineSides(t, content)
			if old != injectedOldTitle || now != injectedNewTitle {
				t.Errorf("headline diff reads %q → %q, want %q → %q", old, now, injectedOldTitle, injectedNewTitle)
			}
			if strings.HasSuffix(path, ".atom") {
				mustContain(t, "summary as a reader shows it", html.UnescapeString(it.Description),
					"Headline was “"+injectedOldTitle+"”, now “"+injectedNewTitle+"”")
			}
			if !strings.Contains(it.Title, injectedNewTitle) {
				t.Errorf("title %q does not hold the headline as written", it.Title)
			}
			if !strings.HasSuffix(path, ".rss") && (len(it.Authors) != 1 || it.Authors[0].Name != injectedOutlet) {
				t.Errorf("author %v, want %q", it.Authors, injectedOutlet)
			}
		})
	}
}

// visibleText is the text a browser shows for an HTML fragment.
func visibleText(t *testing.T, fragment string) string {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// headlineSides reads the headline paragraph of an entry's diff: the old
// headline is its text outside <ins>, the new one its text outside <del>.
func headlineSides(t *testing.T, fragment string) (old, now string) {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range nodes {
		if p.DataAtom != atom.P || p.FirstChild == nil || p.FirstChild.DataAtom != atom.Strong {
			continue
		}
		var o, n strings.Builder
		for c := p.FirstChild.NextSibling; c != nil; c = c.NextSibling {
			text := visibleText(t, renderNode(t, c))
			switch c.DataAtom {
			case atom.Del:
				o.WriteString(text)
			case atom.Ins:
				n.WriteString(text)
			default:
				o.WriteString(text)
				n.WriteString(text)
			}
		}
		return strings.TrimSpace(o.String()), strings.TrimSpace(n.String())
	}
	return "", ""
}

func renderNode(t *testing.T, n *xhtml.Node) string {
	t.Helper()
	var b strings.Builder
	if err := xhtml.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// JSON Feed carries the change as HTML and the summary as plain text.
func TestFeeds_JSONContentTextIsPlain(t *testing.T) {
	f := newFixture(t, Config{})
	id := seedInjected(t, f)
	_, body := f.get(t, fmt.Sprintf("/articles/%d/changes.json", id))
	var jf struct {
		Items []struct {
			ContentHTML string `json:"content_html"`
			ContentText string `json:"content_text"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &jf); err != nil || len(jf.Items) != 1 {
		t.Fatalf("decode: %v, %d items\n%s", err, len(jf.Items), body)
	}
	it := jf.Items[0]
	if !strings.Contains(it.ContentText, "Headline was “"+injectedOldTitle+"”, now “"+injectedNewTitle+"”") {
		t.Errorf("content_text %q does not hold the headlines as written", it.ContentText)
	}
	if !strings.Contains(visibleText(t, it.ContentHTML), injectedOutlet+" changed version 1") {
		t.Errorf("content_html %q does not show the outlet as written", it.ContentHTML)
	}
}
