package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/newsroom"
)

// crawlsPerStep re-crawls every step: the repeats see only churn, which
// must never make a version.
const crawlsPerStep = 2

// finalCrawls lets a revert served consistently at the last step be
// recorded (the flip-flop rule waits for three checks in a row).
const finalCrawls = 3

func TestNewsroom_RecordsExactlyTheRealRevisions(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	t.Run("sqlite", func(t *testing.T) { newsroomRun(t, t.TempDir()) })
	t.Run("postgres", func(t *testing.T) {
		// --db wins over --data: the same commands, stored in PostgreSQL.
		newsroomRun(t, t.TempDir(), "--db", postgresDB(t))
	})
}

func newsroomRun(t *testing.T, data string, db ...string) {
	nr := newsroom.New(newsroom.Config{Seed: 7})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	run := func(args ...string) string { return cli(t, data, append(args, db...)...) }
	outlets := nr.Outlets()
	for _, o := range outlets {
		run("add", o.FeedURL)
	}
	// The same articles reached through a news sitemap must not be tracked twice.
	run("add", outlets[0].NewsSitemapURL)

	for {
		for range crawlsPerStep {
			run("crawl", "--all")
		}
		if nr.Step() >= nr.Steps()-1 {
			break
		}
		nr.Advance()
	}
	for range finalCrawls {
		run("crawl", "--all")
	}

	got := exportRecorded(t, data, db...)
	truth := nr.Truth()
	s := newsroom.ScoreAgainst(truth, got)
	t.Logf("newsroom: articles %d/%d revisions %d recall %.2f spurious %d text_f1 %.3f titles %.2f bylines %.2f",
		s.Found, s.Articles, s.Revisions, s.Recall, s.Spurious, s.TextF1, s.Titles, s.Bylines)

	if s.Found != s.Articles || len(got) != len(truth) {
		t.Errorf("tracked %d articles, found %d of %d true ones", len(got), s.Found, s.Articles)
	}
	if s.Recall != 1 {
		t.Errorf("revision recall %.3f, want 1.00", s.Recall)
	}
	if s.Spurious != 0 {
		t.Errorf("%d spurious versions, want 0", s.Spurious)
	}
	if s.TextF1 < 0.98 {
		t.Errorf("final text F1 %.3f, want ≥ 0.98", s.TextF1)
	}
	if s.Titles != 1 {
		t.Errorf("titles %.3f, want 1.00", s.Titles)
	}
	assertGoneAndMoved(t, truth, got)
}

// assertGoneAndMoved checks that a gone article keeps its versions and a
// moved article stays one article.
func assertGoneAndMoved(t *testing.T, truth []newsroom.TruthArticle, got []newsroom.Recorded) {
	t.Helper()
	byURL := map[string]newsroom.Recorded{}
	for _, r := range got {
		byURL[r.URL] = r
	}
	var gone, moved int
	for _, a := range truth {
		urls := append([]string{a.URL}, a.Aliases...)
		n, versions := 0, 0
		for _, u := range urls {
			if r, ok := byURL[u]; ok {
				n++
				versions = len(r.Versions)
			}
		}
		if a.Gone {
			gone++
			if versions != len(a.Versions) {
				t.Errorf("gone article %s: %d versions kept, want %d", a.URL, versions, len(a.Versions))
			}
		}
		if len(a.Aliases) > 0 {
			moved++
			if n != 1 {
				t.Errorf("moved article %s tracked as %d articles, want 1", a.URL, n)
			}
		}
	}
	if gone == 0 || moved == 0 {
		t.Errorf("script has %d gone and %d moved articles; want both", gone, moved)
	}
}

// exportRecorded reads the store through `errata export`.
func exportRecorded(t *testing.T, data string, db ...string) []newsroom.Recorded {
	t.Helper()
	out := cli(t, data, append([]string{"export", "--format", "jsonl"}, db...)...)
	var got []newsroom.Recorded
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var a export.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("export line: %v", err)
		}
		r := newsroom.Recorded{URL: a.URL}
		for _, v := range a.Versions {
			r.Versions = append(r.Versions, newsroom.TruthVersion{Title: v.Title, Byline: v.Byline, Text: v.Text})
		}
		got = append(got, r)
	}
	return got
}
