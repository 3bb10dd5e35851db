package newsroom

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func TestWords_FitWindows1252(t *testing.T) {
	var all []string
	all = append(all, firstNames...)
	all = append(all, lastNames...)
	all = append(all, places...)
	all = append(all, genericSentences...)
	all = append(all, updateLines...)
	all = append(all, correctionLines...)
	for _, tp := range topics {
		all = append(all, tp.Role)
		all = append(all, tp.Orgs...)
		all = append(all, tp.Things...)
		all = append(all, tp.Headlines...)
		all = append(all, tp.Ledes...)
		all = append(all, tp.Facts...)
		all = append(all, tp.Quotes...)
	}
	for _, names := range outletNames {
		all = append(all, names...)
	}
	enc := charmap.Windows1252.NewEncoder()
	for _, s := range all {
		if _, err := enc.String(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestSlugify_FoldsAndTrims(t *testing.T) {
	tests := []struct{ in, want string }{
		{"City council approves budget", "city-council-approves-budget"},
		{"Zoë Müller’s café reopens", "zoe-mullers-cafe-reopens"},
		{"$4.5 million plan, passes", "45-million-plan-passes"},
		{"one two three four five six seven eight nine", "one-two-three-four-five-six-seven-eight"},
		{"  --  ", ""},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDropLetter_RemovesOneLetterFromALongWord(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"The council approved it.", "The coucil approved it.", true},
		{"It was not so.", "", false},
		{"Über allés.", "", false},
	}
	for _, tt := range tests {
		got, ok := dropLetter(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("dropLetter(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBodyBlocks_FurnitureBetweenParagraphs(t *testing.T) {
	tests := []struct {
		paras int
		want  string
	}{
		{1, "p ad paywall newsletter related"},
		{3, "p p ad p paywall newsletter related"},
		{7, "p p ad p paywall p newsletter p related p p"},
	}
	for _, tt := range tests {
		var kinds []string
		for _, b := range bodyBlocks(make([]string, tt.paras)) {
			kinds = append(kinds, b.Kind)
		}
		if got := strings.Join(kinds, " "); got != tt.want {
			t.Errorf("%d paragraphs: %q, want %q", tt.paras, got, tt.want)
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"City council approves budget", "Zoë’s $4.5", "", "\xff\xfe", "a--b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := slugify(s)
		if strings.Contains(got, "--") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || !utf8.ValidString(got) {
			t.Errorf("slugify(%q) = %q", s, got)
		}
	})
}

// FuzzHandler_Paths feeds arbitrary request paths to every outlet: the
// router must answer without panicking and with a sane status.
func FuzzHandler_Paths(f *testing.F) {
	n := New(Config{Seed: 1})
	runScript(n)
	for _, s := range []string{"/", "/robots.txt", "/2026/11/23/x", "/news/local/100001-x", "/%zz", "/feed.xml?utm_source=x", "//..//", "/sitemap-news.xml"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		for o := range n.Outlets() {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil)
			req.URL.Path = path
			rec := httptest.NewRecorder()
			n.Handler(o).ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Errorf("outlet %d %q: status %d", o, path, rec.Code)
			}
		}
	})
}
