package main

import (
	"database/sql"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sourceURLs lists the sources tracked in a data directory.
func sourceURLs(t *testing.T, data string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "errata.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT url FROM sources ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var urls []string
	for rows.Next() {
		var u string
		rows.Scan(&u)
		urls = append(urls, u)
	}
	return urls
}

func assertServed(t *testing.T, urls []string) {
	t.Helper()
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", u, resp.StatusCode)
		}
	}
}

// TestDemo_KeptDataServesItsNewsroomAgain: a second demo on the data of a
// first one brings the newsroom back at the same addresses, so the
// articles it tracked are still there to check, rather than refusing
// every connection.
func TestDemo_KeptDataServesItsNewsroomAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	data := t.TempDir()
	cmd, base, stderr := startDemo(t, nil, "--data", data, "--step", "2s")
	latestSeq(t, base)
	feeds := sourceURLs(t, data)
	if len(feeds) == 0 {
		t.Fatal("the demo tracks no source")
	}
	assertServed(t, feeds)
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr.String())
	}

	cmd, base, stderr = startDemo(t, nil, "--data", data, "--step", "2s")
	latestSeq(t, base)
	assertServed(t, feeds)
	if again := sourceURLs(t, data); strings.Join(again, " ") != strings.Join(feeds, " ") {
		t.Errorf("sources after the second start %v, want the same %v", again, feeds)
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "connection refused") {
		t.Errorf("second run could not reach its newsroom:\n%s", stderr.String())
	}
}

// TestDemo_RefusesDataItCannotResume: data no demo recorded, or whose
// newsroom's ports are taken, is refused with one line before anything
// starts.
func TestDemo_RefusesDataItCannotResume(t *testing.T) {
	site := pageServer(t, func() []byte { return []byte(contractPage) })
	foreign := t.TempDir()
	cli(t, foreign, "add", site.URL+"/2026/11/20/budget")

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	taken := t.TempDir()
	s := demoState{Epoch: time.Now().UTC(), StepInterval: "8s", Addrs: []string{busy.Addr().String()}}
	if err := s.save(taken); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct{ name, data, want string }{
		{"data of no demo", foreign, "errata: demo: " + foreign + " holds errata data that no demo of this errata recorded"},
		{"newsroom port taken", taken, "errata: demo: the newsroom of the data in " + taken + " served on " + busy.Addr().String() + ", now in use"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runEnv(t, nil, "demo", "--addr", "127.0.0.1:0", "--data", tt.data)
			if code != exitError || !strings.HasPrefix(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want 1 and one line starting %q", code, stderr, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(taken, "errata.db")); err == nil {
		t.Errorf("the refused demo created a database")
	}
}
