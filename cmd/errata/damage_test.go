package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damageIndex overwrites the cell pointers of an index's root page in a
// data directory's database, as a torn write or a bad sector would.
func damageIndex(t *testing.T, data, index string) {
	t.Helper()
	path := filepath.Join(data, "errata.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, index).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	if err == nil {
		_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 100), (root-1)*pageSize+8); err != nil {
		t.Fatal(err)
	}
}

// TestCrawl_DamagedDatabaseIsRefusedAndVerifyListsTheDamage: the schedule's
// index is damaged. Before, crawl read no due article through it and
// exited 0 having checked nothing; a writer now refuses the file, and
// verify names the damage.
func TestCrawl_DamagedDatabaseIsRefusedAndVerifyListsTheDamage(t *testing.T) {
	srv := hostileServer(t)
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/good")
	if out := cli(t, data, "verify"); !strings.Contains(out, "ok") {
		t.Errorf("verify of a sound store printed %q, want ok", out)
	}
	damageIndex(t, data, "articles_due")
	path := filepath.Join(data, "errata.db")
	before, _ := os.ReadFile(path)

	for _, args := range [][]string{{"crawl", "--all"}, {"add", srv.URL + "/good?again"}} {
		_, stderr, code := cliStatus(t, data, args...)
		if code != exitError || !strings.Contains(stderr, path+" is damaged") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("errata %s: exit %d, stderr %q; want 1 and one line saying %s is damaged", args[0], code, stderr, path)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a command wrote into the damaged file")
	}
	out, stderr, code := cliStatus(t, data, "verify")
	if code != exitError || !strings.Contains(out, "page") || !strings.Contains(stderr, "damaged") {
		t.Errorf("verify: exit %d, stdout %q, stderr %q; want 1, the problems and a line saying damaged", code, out, stderr)
	}
}
