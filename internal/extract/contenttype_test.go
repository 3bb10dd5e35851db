package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestCheckContentType(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"", true},
		{"text/html; charset=utf-8", true},
		{"TEXT/HTML;;charset=utf-8;", true},
		{"application/xhtml+xml", true},
		{"text/x-server-parsed-html", true},
		{"text/plain", true},
		{"text/xml", true},
		{"application/octet-stream", true},
		{"binary/octet-stream", true},
		{"nonsense", true},
		{"application/pdf", false},
		{"application/zip", false},
		{"application/gzip", false},
		{"application/x-gzip", false},
		{"image/jpeg", false},
		{"image/svg+xml", false},
		{"video/mp4", false},
		{"font/woff2", false},
		{"application/rss+xml", false},
		{"application/atom+xml", false},
		{"application/json", false},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
		{"text/css", false},
		{"text/csv", false},
	} {
		err := checkContentType(c.in)
		if c.ok && err != nil {
			t.Errorf("%q refused: %v", c.in, err)
		}
		if !c.ok && (!errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), "served as ")) {
			t.Errorf("%q: err = %v, want ErrNotHTML naming the type", c.in, err)
		}
	}
}

func TestExtract_ContentTypeRefusesAnotherFormat(t *testing.T) {
	page := []byte(`{"html": "<p>The council approved the budget on Tuesday after a long debate.</p>"}`)
	_, err := ExtractWith("https://news.example.com/api/story", page, model.Rules{}, Options{ContentType: "application/json; charset=utf-8"})
	if !errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), "served as application/json") {
		t.Fatalf("err = %v, want ErrNotHTML served as application/json", err)
	}
}
