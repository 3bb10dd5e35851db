package main

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errata/errata/internal/tlog"
)

// storyServer serves article pages whose text names their path, so each
// added URL records one version and one capture.
func storyServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		name := strings.TrimPrefix(r.URL.Path, "/")
		io.WriteString(w, `<html><head><title>Council story `+name+`</title></head><body><article>
<h1>Council story `+name+`</h1><p>The city council met on Tuesday to discuss item `+name+` after a long debate about roads.</p>
<p>The mayor said she was pleased with the outcome and thanked the members of the finance committee for their work.</p>
<p>Opponents said the plan left too little for the library service, which has been cut three years in a row.</p></article></body></html>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// logStore is a store the CLI drives: SQLite in data, or PostgreSQL at db
// with the signing key in data.
type logStore struct {
	data, db string
}

func (s logStore) args(args ...string) []string {
	if s.db != "" {
		return append([]string{"--db", s.db}, args...)
	}
	return args
}

func (s logStore) open(t *testing.T) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", "file:"+filepath.Join(s.data, "errata.db")
	if s.db != "" {
		driver, dsn = "pgx", s.db
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// tamper edits the database as someone with write access would, dropping
// the append-only triggers first.
func (s logStore) tamper(t *testing.T, stmts ...string) {
	t.Helper()
	db := s.open(t)
	for _, trig := range []string{"versions_no_update", "versions_no_delete", "captures_no_update", "captures_no_delete"} {
		q := "DROP TRIGGER IF EXISTS " + trig
		if s.db != "" {
			q += " ON " + strings.TrimSuffix(strings.TrimSuffix(trig, "_no_update"), "_no_delete")
		}
		stmts = append([]string{q}, stmts...)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func (s logStore) queryString(t *testing.T, q string) string {
	t.Helper()
	var out string
	if err := s.open(t).QueryRow(q).Scan(&out); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func forEachLogStore(t *testing.T, fn func(t *testing.T, s logStore)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, logStore{data: t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) { fn(t, logStore{data: t.TempDir(), db: postgresDB(t)}) })
}

// TestVerify_LogNamesEachTamperedRow: verify passes on the store as
// recorded, then names the row after each edit made behind errata's back.
func TestVerify_LogNamesEachTamperedRow(t *testing.T) {
	srv := storyServer(t)
	forEachLogStore(t, func(t *testing.T, s logStore) {
		cli(t, s.data, s.args("add", srv.URL+"/a")...)
		cli(t, s.data, s.args("add", srv.URL+"/b")...)
		cli(t, s.data, s.args("log", "checkpoint")...)
		if out := cli(t, s.data, s.args("verify")...); !strings.Contains(out, "log: 4 leaves, newest checkpoint 4: ok") {
			t.Fatalf("verify of an untouched store printed %q", out)
		}
		first := s.queryString(t, `SELECT CAST(min(id) AS TEXT) FROM versions`)
		capture := s.queryString(t, `SELECT capture_hash FROM versions WHERE id = (SELECT max(id) FROM versions)`)
		article := s.queryString(t, `SELECT CAST(min(article_id) AS TEXT) FROM versions`)
		steps := []struct {
			name, sql, want string
		}{
			{"text edited", `UPDATE versions SET text = 'The council never met.' WHERE id = ` + first,
				"versions " + first + ": changed"},
			{"capture deleted", `DELETE FROM captures WHERE hash = '` + capture + `'`,
				"captures " + capture + ": removed"},
			{"version inserted with a past time",
				`INSERT INTO versions (article_id, seq, fetched_at, title, text) VALUES (` + article + `, 5, 1000, 'Backdated', 'planted')`,
				"not in the log: article " + article + " seq 5 fetched 1970-01-01T00:00:00Z"},
		}
		for _, step := range steps {
			s.tamper(t, step.sql)
			out, stderr, code := cliStatus(t, s.data, s.args("verify")...)
			if code != exitError || !strings.Contains(out, step.want) || !strings.Contains(stderr, "does not match its evidence log") {
				t.Errorf("%s: verify exit %d, stdout %q, stderr %q; want 1 and a line with %q", step.name, code, out, stderr, step.want)
			}
		}
	})
}

// TestVerify_CheckpointKeptEarlierIsExtended: a checkpoint a user kept is
// proven a prefix of the log after more versions; another errata's
// checkpoint is refused.
func TestVerify_CheckpointKeptEarlierIsExtended(t *testing.T) {
	srv := storyServer(t)
	forEachLogStore(t, func(t *testing.T, s logStore) {
		cli(t, s.data, s.args("add", srv.URL+"/a")...)
		kept := filepath.Join(t.TempDir(), "checkpoint.txt")
		if err := os.WriteFile(kept, []byte(cli(t, s.data, s.args("log", "checkpoint")...)), 0o644); err != nil {
			t.Fatal(err)
		}
		cli(t, s.data, s.args("add", srv.URL+"/b")...)
		cli(t, s.data, s.args("add", srv.URL+"/c")...)
		out := cli(t, s.data, s.args("verify", "--checkpoint", kept)...)
		if !strings.Contains(out, fmt.Sprintf("checkpoint %s: the log extends its 2 leaves", kept)) {
			t.Fatalf("verify --checkpoint printed %q", out)
		}

		other := t.TempDir()
		cli(t, other, "add", srv.URL+"/a")
		foreign := filepath.Join(t.TempDir(), "foreign.txt")
		if err := os.WriteFile(foreign, []byte(cli(t, other, "log", "checkpoint")), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _, code := cliStatus(t, s.data, s.args("verify", "--checkpoint", foreign)...)
		if code != exitError || !strings.Contains(out, "checkpoint "+foreign+": ") {
			t.Errorf("another errata's checkpoint: exit %d, stdout %q; want 1 naming the file", code, out)
		}
	})
}

func TestLogKey_PrintsTheVerifierKeyOfAnOwnerOnlyKey(t *testing.T) {
	srv := storyServer(t)
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/a")
	key := strings.TrimSpace(cli(t, data, "log", "key"))
	if !strings.HasPrefix(key, "errata-") || strings.Count(key, "+") < 2 {
		t.Errorf("log key printed %q; want a note verifier key named errata-INSTANCE", key)
	}
	fi, err := os.Stat(filepath.Join(data, "log.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("log.key: %v, mode %v; want 0600", err, fi.Mode())
	}
	if again := strings.TrimSpace(cli(t, data, "log", "key")); again != key {
		t.Errorf("second log key %q, first %q", again, key)
	}
}

// TestServe_CheckpointSignedWithTheKeyLogKeyPrints: serve signs
// /log/checkpoint with the data directory's key, the one 'errata log key'
// publishes, and a version's proof checks against it.
func TestServe_CheckpointSignedWithTheKeyLogKeyPrints(t *testing.T) {
	srv := storyServer(t)
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/a")
	vkey := strings.TrimSpace(cli(t, data, "log", "key"))
	cmd, base := startServe(t, data, roleWeb)
	code, note := get(t, base+"log/checkpoint")
	if code != http.StatusOK {
		t.Fatalf("/log/checkpoint: %d %s", code, note)
	}
	c, err := tlog.Open([]byte(note), vkey)
	if err != nil || c.Size != 2 {
		t.Fatalf("checkpoint %+v, %v; want 2 leaves signed with the published key", c, err)
	}
	if code, body := get(t, base+"api/v1/articles/1/versions/0/proof"); code != http.StatusOK || !strings.Contains(body, `"inclusion_proof"`) {
		t.Errorf("proof: %d %s", code, body)
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("exit status %d after SIGINT, want 0", code)
	}
}

// TestLogKey_KeptWhereLogKeyNames: --log-key places the signing key
// outside the data directory (a PostgreSQL deployment has none of its
// own), and verify checks a kept checkpoint with that key.
func TestLogKey_KeptWhereLogKeyNames(t *testing.T) {
	srv := storyServer(t)
	data := t.TempDir()
	keyPath := filepath.Join(t.TempDir(), "keys", "errata-signing.key")
	cli(t, data, "add", srv.URL+"/a")
	key := strings.TrimSpace(cli(t, data, "log", "key", "--log-key", keyPath))
	if fi, err := os.Stat(keyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("--log-key %s: %v; want the key there, mode 0600", keyPath, err)
	}
	if _, err := os.Stat(filepath.Join(data, "log.key")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("log.key in the data directory: %v; want none", err)
	}
	kept := filepath.Join(t.TempDir(), "checkpoint.txt")
	if err := os.WriteFile(kept, []byte(cli(t, data, "--log-key", keyPath, "log", "checkpoint")), 0o644); err != nil {
		t.Fatal(err)
	}
	note, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tlog.Open(note, key); err != nil {
		t.Fatalf("checkpoint not signed with the key at --log-key: %v", err)
	}
	cli(t, data, "add", srv.URL+"/b")
	out := cli(t, data, "verify", "--checkpoint", kept, "--log-key", keyPath)
	if !strings.Contains(out, "the log extends its 2 leaves") {
		t.Errorf("verify --log-key printed %q", out)
	}
	// Without the key, the kept checkpoint cannot be checked.
	if out, _, code := cliStatus(t, data, "verify", "--checkpoint", kept); code != exitError {
		t.Errorf("verify without --log-key: exit %d, %q; want 1", code, out)
	}
}
