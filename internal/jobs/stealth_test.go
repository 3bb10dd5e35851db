package jobs

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A number changed on a page whose own modified date stays put is recorded
// as a stealth edit, with the page's date kept on the version; the same
// change with the page's date moved on is an ordinary rewrite.
func TestCheck_StealthEditKeepsThePagesModifiedDate(t *testing.T) {
	for _, tc := range []struct {
		name        string
		newModified string
		stealth     bool
	}{
		{"date unchanged", "2026-11-20T08:00:00Z", true},
		{"date moved on", "2026-11-23T10:30:00Z", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vote, modified := "7 to 2", "2026-11-20T08:00:00Z"
			var n atomic.Int64
			f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
				p := page("Council approves budget", "The council approved the budget by "+vote+" on Tuesday.", n.Add(1))
				ld := fmt.Sprintf(`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves budget",`+
					`"datePublished":"2026-11-20T08:00:00Z","dateModified":%q}</script></head>`, modified)
				fmt.Fprint(w, strings.Replace(p, "</head>", ld, 1))
			})
			f.check(t)
			vote, modified = "6 to 3", tc.newModified
			res := f.check(t)
			if res.Version == nil || res.Version.Seq != 1 {
				t.Fatalf("got %+v, want version 1", res.Version)
			}
			if got := slices.Contains(res.Version.Classes, "stealth"); got != tc.stealth {
				t.Errorf("classes %v, stealth %v want %v", res.Version.Classes, got, tc.stealth)
			}
			vs := f.versions(t)
			want, _ := time.Parse(time.RFC3339, tc.newModified)
			if len(vs) != 2 || !vs[1].Modified.Equal(want) || vs[0].Modified.IsZero() {
				t.Errorf("stored modified dates %v and %v, want the page's, %v last", vs[0].Modified, vs[len(vs)-1].Modified, want)
			}
		})
	}
}
