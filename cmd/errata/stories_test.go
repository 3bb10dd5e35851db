package main

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

// corpusPage renders a corpus article as a plain news page.
func corpusPage(c newsroom.CorpusArticle) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>",
		html.EscapeString(c.Title), html.EscapeString(c.Title))
	for _, p := range c.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// Two outlets reprinting one agency story: once both are added, `errata
// stories` lists a story of two outlets, shows both copies, and the
// export carries the story and the group of copies on both lines.
func TestStories_AddedCopiesFormAStoryListedAndExported(t *testing.T) {
	var copies []newsroom.CorpusArticle
	for _, c := range newsroom.StoriesCorpus(4) {
		if c.Wire == 1 && len(copies) < 2 {
			copies = append(copies, c)
		}
	}
	data := t.TempDir()
	for i, c := range copies {
		page := corpusPage(c)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			w.Write([]byte(page))
		}))
		defer srv.Close()
		cli(t, data, "add", fmt.Sprintf("%s/news/story-%d", srv.URL, i), "--outlet", c.Outlet)
	}
	list := cli(t, data, "stories")
	if !strings.Contains(list, "2 articles") || !strings.Contains(list, "2 outlets") {
		t.Fatalf("stories:\n%s", list)
	}
	id := strings.Fields(list)[0]
	show := cli(t, data, "stories", id)
	for _, c := range copies {
		if !strings.Contains(show, c.Outlet) {
			t.Errorf("story %s lacks %s:\n%s", id, c.Outlet, show)
		}
	}
	if !strings.Contains(show, "origin") {
		t.Errorf("story %s names no origin:\n%s", id, show)
	}
	out := filepath.Join(t.TempDir(), "out.jsonl")
	cli(t, data, "export", "--out", out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	origins := 0
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var a struct {
			Story      *int64 `json:"story"`
			Wire       *int64 `json:"wire"`
			WireOrigin bool   `json:"wire_origin"`
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.Story == nil || a.Wire == nil || fmt.Sprint(*a.Story) != id {
			t.Fatalf("export line without story %s and wire: %s", id, line)
		}
		if a.WireOrigin {
			origins++
		}
	}
	if origins != 1 {
		t.Errorf("%d lines marked as origin, want 1", origins)
	}
	// Placing everything again changes nothing.
	if out := cli(t, data, "stories", "place"); !strings.Contains(out, "placed 2 articles") {
		t.Errorf("stories place: %q", out)
	}
	// The same story, the same articles and outlets (its activity time
	// moves: placing is activity).
	again, before := strings.Fields(cli(t, data, "stories")), strings.Fields(list)
	if len(again) != len(before) || strings.Join(again[:5], " ") != strings.Join(before[:5], " ") {
		t.Errorf("stories after placing again: %q, want %q", again, before)
	}
}

// demoStoryBound bounds the wait for the demo's first story: a guard
// against hangs, the promise a newcomer is made ("within a minute").
const demoStoryBound = 60 * time.Second

// The demo's outlets reprint agency copy and report shared events: a
// story spanning two or more outlets is listed within a minute.
func TestDemo_StoriesFormAcrossOutlets(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	cmd, base, stderr := startDemo(t, nil, "--step", "2s")
	deadline := time.Now().Add(demoStoryBound)
	for {
		var page struct {
			Stories []struct {
				ID      int64 `json:"id"`
				Outlets int   `json:"outlets"`
			} `json:"stories"`
		}
		resp, err := http.Get(base + "api/v1/stories")
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		list := page.Stories
		resp.Body.Close()
		if err != nil {
			t.Fatalf("stories JSON: %v", err)
		}
		if len(list) > 0 && list[0].Outlets >= 2 {
			t.Logf("%d stories; story %d spans %d outlets", len(list), list[0].ID, list[0].Outlets)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no story across outlets within %s\nstderr: %.2000s", demoStoryBound, stderr.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("exit status %d after SIGINT", code)
	}
}
