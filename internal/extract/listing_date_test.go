package extract_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
)

// frontPage is a site's front page: story cards, each with its own time,
// and nothing saying when the page itself was published.
func frontPage(times ...string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>The Daily Ledger – Latest news</title></head><body><main><h1>Latest news</h1>`)
	for i, t := range times {
		fmt.Fprintf(&b, `<article class="card"><h2><a href="/story-%d">Council story number %d goes on</a></h2>
			<p>The council met again on the matter of the harbour budget and the ferry timetable, story %d.</p>
			<p><time datetime="%s">%s</time></p></article>`, i, i, i, t, t)
	}
	b.WriteString(`</main><footer>© 2026 The Daily Ledger</footer></body></html>`)
	return []byte(b.String())
}

func TestExtract_FrontPageListingDatesAreNotItsDate(t *testing.T) {
	page := frontPage("2026-11-23T07:57:00Z", "2026-11-23T07:12:00Z", "2026-11-22T06:17:00Z")
	art, err := extract.Extract("https://ledger.example/", page, model.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if !art.Published.IsZero() {
		t.Errorf("published = %s; want none: the page lists several stories' times and states none of its own", art.Published)
	}
}

func TestExtract_OneStatedTimeIsStillTheDate(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html><head><title>Ferry timetable changes</title></head><body>
		<h1>Ferry timetable changes</h1><p class="meta"><time datetime="2026-11-23T07:57:00Z">23 November</time></p>
		<div class="story"><p>The ferry company changed its winter timetable on Monday, cutting two crossings.</p>
		<p>Passengers said the change came without warning and asked the council to step in.</p></div></body></html>`)
	art, err := extract.Extract("https://ledger.example/ferry", page, model.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC); art.Published.Truncate(24*time.Hour) != want {
		t.Errorf("published = %s; want 2026-11-23", art.Published)
	}
}
