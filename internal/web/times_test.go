package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRelativeTime_LargestWholeUnit(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{0, "just now"},
		{59 * time.Second, "just now"},
		{-30 * time.Second, "just now"},
		{time.Minute, "1 minute ago"},
		{2*time.Minute + 59*time.Second, "2 minutes ago"},
		{time.Hour, "1 hour ago"},
		{3*time.Hour + 59*time.Minute, "3 hours ago"},
		{24 * time.Hour, "1 day ago"},
		{29 * 24 * time.Hour, "29 days ago"},
		{45 * 24 * time.Hour, "1 month ago"},
		{300 * 24 * time.Hour, "10 months ago"},
		{800 * 24 * time.Hour, "2 years ago"},
		{-90 * time.Minute, "in 1 hour"},
		{-3 * 24 * time.Hour, "in 3 days"},
	}
	for _, tt := range tests {
		if got := relativeTime(now.Add(-tt.ago), now); got != tt.want {
			t.Errorf("relativeTime(now - %v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
}

// Every time on the pages is a <time> with its RFC 3339 form, the
// absolute time as its title and a relative text worked out on the
// server, so the page needs no script.
func TestPages_TimesAreRelativeWithAbsoluteTitle(t *testing.T) {
	f := newFixture(t, Config{}) // now is t0 + 5h
	id := f.mayor.ID
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{`<time datetime="2026-11-20T11:00:00Z" title="20 Nov 2026, 11:00 UTC">3 hours ago</time>`}},
		{fmt.Sprintf("/articles/%d", id), []string{
			`<dt>First seen</dt><dd><time class="long" datetime="2026-11-20T09:00:00Z" title="20 Nov 2026, 09:00 UTC">5 hours ago</time> <span class="abs">· 20 Nov 2026, 09:00 UTC</span></dd>`,
			fmt.Sprintf(`<a href="/articles/%d/v/1">Version 1</a> · <time datetime="2026-11-20T10:00:00Z" title="20 Nov 2026, 10:00 UTC">4 hours ago</time>`, id),
		}},
		{fmt.Sprintf("/articles/%d/v/0", id), []string{`fetched <time datetime="2026-11-20T09:00:00Z" title="20 Nov 2026, 09:00 UTC">5 hours ago</time>`}},
		{fmt.Sprintf("/articles/%d/diff/0/1", id), []string{`(<time datetime="2026-11-20T10:00:00Z" title="20 Nov 2026, 10:00 UTC">4 hours ago</time>)`}},
		{"/outlets", []string{`<time datetime="2026-11-20T11:00:00Z" title="20 Nov 2026, 11:00 UTC">3 hours ago</time>`}},
		{"/outlets/Daily%20Planet", []string{`first seen <time datetime="2026-11-20T09:00:00Z" title="20 Nov 2026, 09:00 UTC">5 hours ago</time>`}},
	}
	for _, tt := range tests {
		_, body := f.get(t, tt.path)
		mustContain(t, tt.path, body, tt.want...)
	}
}

func TestChanges_FrontPageSaysWhenDataWasLastChecked(t *testing.T) {
	f := newFixture(t, Config{Now: func() time.Time { return t0.Add(2*time.Hour + 2*time.Minute) }})
	_, body := f.get(t, "/")
	mustContain(t, "front page", body,
		`Last check <time datetime="2026-11-20T11:00:00Z" title="20 Nov 2026, 11:00 UTC">2 minutes ago</time>.`)

	srv, err := New(Config{Store: openStore(t)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptestRequest("/"))
	mustContain(t, "empty store", rec.Body.String(), "No article has been checked yet.")
}
