package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// hostileURL is a moved event's target that carries markup.
const hostileURL = `https://planet.example/new-<script>alert(5)</script>`

// seedEvents gives the mayor article a gone → back episode and a move,
// and the hostile article a flip-flop and a move from its javascript: URL.
// The map holds the mayor's events by kind, and the hostile article's
// flip-flop.
func seedEvents(t testing.TB, f *fixture) map[model.EventKind]model.Event {
	t.Helper()
	ctx := context.Background()
	out := map[model.EventKind]model.Event{}
	for _, e := range []model.Event{
		{ArticleID: f.mayor.ID, Kind: model.EventGone, At: t0.Add(90 * time.Minute), Status: 410, Seq: model.NoSeq},
		{ArticleID: f.mayor.ID, Kind: model.EventBack, At: t0.Add(110 * time.Minute), Status: 200, Seq: model.NoSeq},
		{ArticleID: f.mayor.ID, Kind: model.EventMoved, At: t0.Add(3 * time.Hour), Seq: model.NoSeq,
			OldURL: "https://planet.example/mayor", NewURL: "https://planet.example/mayor-quits"},
		{ArticleID: f.hostile.ID, Kind: model.EventFlipFlop, At: t0.Add(4 * time.Hour), Seq: 0, Status: 200},
		{ArticleID: f.hostile.ID, Kind: model.EventMoved, At: t0.Add(4*time.Hour + time.Minute), Seq: model.NoSeq,
			OldURL: "javascript:alert(document.cookie)", NewURL: hostileURL},
	} {
		id, err := f.store.AppendEvent(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		e.ID = id
		if _, seen := out[e.Kind]; !seen {
			out[e.Kind] = e
		}
	}
	return out
}

func TestArticlePage_InterleavesEventsWithVersions(t *testing.T) {
	f := newFixture(t, Config{})
	evs := seedEvents(t, f)
	_, body := f.get(t, fmt.Sprintf("/articles/%d", f.mayor.ID))
	order := []string{
		fmt.Sprintf(`id="event-%d"`, evs[model.EventMoved].ID) + ``,
		">Version 2<",
		fmt.Sprintf(`id="event-%d"`, evs[model.EventBack].ID),
		fmt.Sprintf(`id="event-%d"`, evs[model.EventGone].ID),
		">Version 1<",
		">Version 0<",
	}
	last := -1
	for _, s := range order {
		i := strings.Index(body, s)
		if i < 0 {
			t.Fatalf("history lacks %q", s)
		}
		if i < last {
			t.Errorf("%q is out of order: the history is newest first", s)
		}
		last = i
	}
	mustContain(t, "history", body, "HTTP 410", `href="https://planet.example/mayor-quits"`,
		fmt.Sprintf(`href="#event-%d"`, evs[model.EventGone].ID))
}

func TestArticlePage_FlipFlopLinksTheVersionServedAgain(t *testing.T) {
	f := newFixture(t, Config{})
	seedEvents(t, f)
	_, body := f.get(t, fmt.Sprintf("/articles/%d", f.hostile.ID))
	mustContain(t, "history", body, "version 0 served again", fmt.Sprintf(`href="/articles/%d/v/0"`, f.hostile.ID),
		`<span class="url">javascript:alert(document.cookie)</span>`)
}

func TestAPI_EventsListFiltersAndPages(t *testing.T) {
	f := newFixture(t, Config{})
	seedEvents(t, f)
	var got apiEventList
	getJSON := func(path string) {
		t.Helper()
		got = apiEventList{}
		resp, body := f.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, body)
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
	}
	getJSON("/api/v1/events")
	if len(got.Events) != 5 || got.Events[0].Event != "moved" || got.Events[0].NewURL != hostileURL {
		t.Fatalf("events = %+v", got.Events)
	}
	getJSON("/api/v1/events?event=gone,back")
	if len(got.Events) != 2 || got.Events[0].Event != "back" || got.Events[1].Status != 410 || got.Events[1].Seq != nil {
		t.Fatalf("gone,back = %+v", got.Events)
	}
	getJSON("/api/v1/events?event=flip_flop&outlet=Evil%20%3Cb%3EOutlet%3C%2Fb%3E")
	if len(got.Events) != 1 || got.Events[0].Seq == nil || *got.Events[0].Seq != 0 {
		t.Fatalf("flip_flop at the evil outlet = %+v", got.Events)
	}
	getJSON("/api/v1/events?limit=3")
	if len(got.Events) != 3 || got.NextCursor == "" {
		t.Fatalf("page 1: %d events, cursor %q", len(got.Events), got.NextCursor)
	}
	getJSON("/api/v1/events?limit=3&cursor=" + got.NextCursor)
	if len(got.Events) != 2 || got.Events[1].Event != "gone" {
		t.Fatalf("page 2 = %+v", got.Events)
	}
	resp, body := f.get(t, "/api/v1/events?event=gone,deleted")
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown event: %d, want 400", resp.StatusCode)
	}
	mustContain(t, "400 body", body, `\"deleted\" is not one of gone, back, moved, flip_flop`)
}

func TestAPI_ArticleCarriesItsEvents(t *testing.T) {
	f := newFixture(t, Config{})
	seedEvents(t, f)
	_, body := f.get(t, fmt.Sprintf("/api/v1/articles/%d", f.mayor.ID))
	var got apiArticleDetail
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range got.Events {
		kinds = append(kinds, e.Event)
	}
	if fmt.Sprint(kinds) != "[gone back moved]" || got.Events[2].OldURL != "https://planet.example/mayor" {
		t.Fatalf("article events = %+v, want gone, back, moved oldest first", got.Events)
	}
}

func TestFeeds_EventsAreEntriesFilteredLikeClasses(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "http://errata.test/"})
	evs := seedEvents(t, f)
	mayor := fmt.Sprintf("/articles/%d/changes", f.mayor.ID)
	tests := []struct {
		name, path      string
		changes, events int
	}{
		{"neither filter: both", "/changes", 3, 5},
		{"class alone: changes only", "/changes?class=correction", 1, 0},
		{"event alone: events only", "/changes?event=gone,back", 0, 2},
		{"both filters: both", "/changes?class=correction&event=moved", 1, 2},
		{"an article's feed", mayor, 2, 3},
		{"an outlet's feed", "/outlets/Daily%20Planet/changes?event=moved", 0, 1},
	}
	for _, tt := range tests {
		for _, ext := range []string{"atom", "rss", "json"} {
			t.Run(tt.name+"."+ext, func(t *testing.T) {
				path, query, _ := strings.Cut(tt.path, "?")
				path += "." + ext
				if query != "" {
					path += "?" + query
				}
				feed := parseFeed(t, f, path)
				changes, events := 0, 0
				for _, it := range feed.Items {
					switch {
					case strings.Contains(it.GUID, ":event:"):
						events++
						if !strings.HasPrefix(it.Link, "http://errata.test/articles/") || !strings.Contains(it.Link, "#event-") {
							t.Errorf("event entry link %q", it.Link)
						}
					case strings.Contains(it.GUID, ":version:"):
						changes++
					default:
						t.Errorf("entry id %q is neither a version nor an event", it.GUID)
					}
				}
				if changes != tt.changes || events != tt.events {
					t.Fatalf("%d changes and %d events, want %d and %d", changes, events, tt.changes, tt.events)
				}
			})
		}
	}
	feed := parseFeed(t, f, mayor+".atom?event=moved")
	it := feed.Items[0]
	if it.GUID == "" || !strings.HasPrefix(it.GUID, "tag:errata.invalid,") || !strings.HasSuffix(it.GUID, fmt.Sprintf(":event:%d", evs[model.EventMoved].ID)) {
		t.Errorf("moved entry id %q", it.GUID)
	}
	mustContain(t, "moved entry", it.Title, "Moved: Mayor quits after stormy budget vote")
	mustContain(t, "moved entry", it.Content, "moved to a new URL", "https://planet.example/mayor-quits")
	if resp, _ := f.get(t, "/changes.atom?event=vanished"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown event in a feed: %d, want 400", resp.StatusCode)
	}
}

func TestSecurity_EventsNeverCarryMarkupRaw(t *testing.T) {
	f := newFixture(t, Config{})
	seedEvents(t, f)
	id := f.hostile.ID
	paths := append(hostilePaths(f), "/api/v1/events", "/changes.atom?event=moved,flip_flop",
		"/changes.rss?event=moved", "/changes.json?event=moved", fmt.Sprintf("/articles/%d/changes.atom?event=moved", id))
	raw := []string{"<script>", "<img src=x", "<b>Outlet", `href="javascript:`, "javascript:alert(document.cookie)\">"}
	for _, path := range paths {
		resp, body := f.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		for _, r := range raw {
			if strings.Contains(body, r) {
				t.Errorf("%s: body holds %q unescaped", path, r)
			}
		}
	}
	// Inside a feed entry's HTML, the URL is text, never markup.
	feed := parseFeed(t, f, fmt.Sprintf("/articles/%d/changes.atom?event=moved", id))
	if len(feed.Items) != 1 || strings.Contains(feed.Items[0].Content, "<script>") ||
		!strings.Contains(feed.Items[0].Content, "&lt;script&gt;") {
		t.Errorf("moved entry content %q", feed.Items[0].Content)
	}
}

// Python's feedparser reads event entries as errata means them: well
// formed, with their tag id and link, the URL with markup as text.
func TestFeeds_FeedparserReadsEventEntries(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import feedparser").Run(); err != nil {
		if os.Getenv(requireFeedparser) != "" {
			t.Fatalf("python3-feedparser missing: %v", err)
		}
		t.Skip("python3-feedparser not installed (apt-get install python3-feedparser)")
	}
	f := newFixture(t, Config{BaseURL: "https://errata.example/"})
	seedEvents(t, f)
	dir := t.TempDir()
	for _, ext := range []string{"atom", "rss"} {
		path := "/changes." + ext + "?event=moved,gone"
		resp, body := f.do(t, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"identity"}})
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		file := filepath.Join(dir, "feed."+ext)
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", feedparserScript, file).Output()
		if err != nil {
			t.Fatalf("feedparser on %s: %v", ext, err)
		}
		var got struct {
			Bozo    bool   `json:"bozo"`
			Error   string `json:"error"`
			Entries []struct{ ID, Title, Link, HTML string }
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("feedparser output: %v\n%s", err, out)
		}
		if got.Bozo || len(got.Entries) != 3 {
			t.Fatalf("%s: bozo %v (%s), %d entries, want 3 events", ext, got.Bozo, got.Error, len(got.Entries))
		}
		for _, e := range got.Entries {
			if !strings.Contains(e.ID, ":event:") || !strings.HasPrefix(e.Link, "https://errata.example/articles/") {
				t.Errorf("%s: entry id %q link %q", ext, e.ID, e.Link)
			}
		}
		newest := got.Entries[0].HTML
		if strings.Contains(newest, "<script>") || !strings.Contains(newest, "&lt;script&gt;") {
			t.Errorf("%s: moved entry HTML as feedparser reads it: %q", ext, newest)
		}
	}
}
