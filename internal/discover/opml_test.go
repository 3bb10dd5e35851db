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
	if !slices.Equal(got, want) {
		t.Errorf("feeds =\n%+v\nwant\n%+v", got, want)
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
		feeds, err := ParseOPML(bytes.NewReader(body))
		if err != nil {
			return
		}
		seen := make(map[string]bool)
		for _, fd := range feeds {
			if !strings.HasPrefix(fd.URL, "http") || seen[fd.URL] {
				t.Fatalf("bad or duplicate feed URL %q", fd.URL)
			}
			seen[fd.URL] = true
		}
	})
}
