package extract

import (
	"testing"
	"time"
)

func TestCleanTitle_StripsSiteNameOnly(t *testing.T) {
	tests := []struct {
		raw, site, host, want string
	}{
		{"Storm Hits Coast | The Coastal Courier", "The Coastal Courier", "news.example.com", "Storm Hits Coast"},
		{"Storm Hits Coast - Coastal Courier", "Coastal Courier", "", "Storm Hits Coast"},
		{"Storm Hits Coast — Courier", "", "www.courier.com", "Storm Hits Coast"},
		{"Storm Hits Coast | Local News", "", "", "Storm Hits Coast"},
		{"Courier: Storm Hits Coast", "Courier", "", "Storm Hits Coast"},
		{"Brexit: What Happens Next", "Courier", "courier.com", "Brexit: What Happens Next"},
		{"Fed Raises Rates - Again", "Courier", "courier.com", "Fed Raises Rates - Again"},
		{"Courier", "Courier", "", "Courier"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.raw, tt.site, tt.host); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestCleanByline_PrefixesContactsAndJoining(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"By Jane Doe"}, "Jane Doe"},
		{[]string{"Von Max Muster"}, "Max Muster"},
		{[]string{"par Marie Curie"}, "Marie Curie"},
		{[]string{"Jane Doe", "John Roe"}, "Jane Doe and John Roe"},
		{[]string{"A One", "B Two", "C Three"}, "A One, B Two and C Three"},
		{[]string{"Jane Doe; John Roe"}, "Jane Doe and John Roe"},
		{[]string{"Jane Doe", "jane doe"}, "Jane Doe"},
		{[]string{"https://facebook.com/jane"}, ""},
		{[]string{"jane@example.com"}, ""},
		{[]string{"Bylines Matter"}, "Bylines Matter"},
	}
	for _, tt := range tests {
		if got := cleanByline(tt.in); got != tt.want {
			t.Errorf("cleanByline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate_Formats(t *testing.T) {
	want := time.Date(2024, 5, 17, 8, 30, 0, 0, time.UTC)
	for _, s := range []string{
		"2024-05-17T10:30:00+02:00", "2024-05-17T08:30:00Z", "2024-05-17T08:30:00.000Z",
		"2024-05-17T10:30:00+0200", "2024-05-17T08:30:00", "2024-05-17 08:30:00",
		"Fri, 17 May 2024 08:30:00 +0000",
	} {
		if got := parseDate(s); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"", "yesterday", "0001-01-01", "2999-01-01"} {
		if got := parseDate(s); !got.IsZero() {
			t.Errorf("parseDate(%q) = %v, want zero", s, got)
		}
	}
}

func TestDateFromURL_PathDatesOnly(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://x.example/2024/05/17/story", "2024-05-17"},
		{"https://x.example/news/2024-05-17-story", "2024-05-17"},
		{"https://x.example/2024/02/31/story", ""},
		{"https://x.example/story?d=/2024/05/17/", ""},
		{"https://x.example/1234/56/78/", ""},
	}
	for _, tt := range tests {
		got := dateFromURL(tt.url)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("dateFromURL(%q) = %q, want %q", tt.url, s, tt.want)
		}
	}
}
