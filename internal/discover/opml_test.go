package discover

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestParseOPML_NestedOutlines(t *testing.T) {
	got, err := ParseOPML(bytes.NewReader(fixture(t, "opml-nested.opml")))
	if err != nil {
		t.Fatal(err)
	}
	want := []OPMLFeed{
		{Title: "The Daily Example", URL: "https://www.example.com/feed.xml", HTMLURL: "https://www.example.com/"},
		{Title: "Atom News", URL: "https://news.example.org/atom.xml"},
		{Title: "Legacy Gazette", URL: "https://legacy.example.net/rss"},
	}
	if !slices.Equal(got.Feeds, want) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", got.Feeds, want)
	}
}

func TestParseOPML_SkippedOutlinesSayWhy(t *testing.T) {
	body := `<opml version="2.0"><body>
		<outline text="Good" xmlUrl="https://good.example/feed.xml"/>
		<outline text="Script" xmlUrl="javascript:alert(1)"/>
		<outline text="Local file" xmlUrl="file:///etc/passwd"/>
		<outline text="Empty" type="rss" xmlUrl=""/>
		<outline text="No URL at all" type="rss"/>
		<outline text="Relative" xmlUrl="/feed.xml"/>
		<outline text="Category"><outline text="Inner" xmlUrl="https://inner.example/f"/></outline>
	</body></opml>`
	got, err := ParseOPML(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	want := []OPMLSkip{
		{Title: "Script", URL: "javascript:alert(1)", Reason: "not an http or https URL (javascript:)"},
		{Title: "Local file", URL: "file:///etc/passwd", Reason: "not an http or https URL (file:)"},
		{Title: "Empty", Reason: "no feed URL"},
		{Title: "No URL at all", Reason: "no feed URL"},
		{Title: "Relative", URL: "/feed.xml", Reason: "not an absolute http or https URL"},
	}
	if !slices.Equal(got.Skipped, want) {
		t.Errorf("skipped =\n%+v\nwant\n%+v", got.Skipped, want)
	}
	if len(got.Feeds) != 2 {
		t.Errorf("feeds = %+v; want Good and Inner", got.Feeds)
	}
}

func TestParseOPML_BadInputIsAnError(t *testing.T) {
	tests := map[string]string{
		"empty":        "",
		"not opml":     `<rss version="2.0"><channel></channel></rss>`,
		"unterminated": `<opml><body><outline text="a" xmlUrl="https://example.com/f"/><outline`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseOPML(strings.NewReader(body))
			if err == nil || !strings.HasPrefix(err.Error(), "discover: parse opml: ") {
				t.Errorf("error = %v, want a discover: parse opml: error", err)
			}
		})
	}
}

func FuzzParseOPML(f *testing.F) {
	addFixtures(f, "opml-nested.opml", "malformed.xml")
	f.Fuzz(func(t *testing.T, body []byte) {
		o, err := ParseOPML(bytes.NewReader(body))
		if err != nil {
			return
		}
		seen := make(map[string]bool)
		for _, fd := range o.Feeds {
			if !strings.HasPrefix(fd.URL, "http") || seen[fd.URL] {
				t.Fatalf("bad or duplicate feed URL %q", fd.URL)
			}
			seen[fd.URL] = true
		}
	})
}
