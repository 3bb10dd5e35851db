package pgtest

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"testing"
)

func TestWithDatabase_ReplacesOnlyThePath(t *testing.T) {
	tests := []struct{ admin, want string }{
		{"postgres://u:p@h:5433/postgres?sslmode=disable", "postgres://u:p@h:5433/t1?sslmode=disable"},
		{"postgres://u@h", "postgres://u@h/t1"},
	}
	for _, tt := range tests {
		if got, err := withDatabase(tt.admin, "t1"); err != nil || got != tt.want {
			t.Errorf("withDatabase(%q) = %q, %v; want %q", tt.admin, got, err, tt.want)
		}
	}
}

func TestClusterURL_UsesTheSocketDirectory(t *testing.T) {
	c := &cluster{dir: "/tmp/errata-pg-1"}
	u, err := url.Parse(c.url("db"))
	if err != nil || u.Query().Get("host") != c.dir || u.Path != "/db" {
		t.Errorf("url = %q, %v", c.url("db"), err)
	}
}

// A started server hands out separate databases and leaves nothing
// behind when stopped.
func TestStart_NewDatabasesAreSeparateAndStopCleansUp(t *testing.T) {
	ctx := context.Background()
	srv, err := Start(ctx)
	if IsUnavailable(err) && !Required() {
		t.Skipf("no PostgreSQL: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	u1, drop1, err := srv.NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u2, drop2, err := srv.NewDatabase(ctx)
	if err != nil || u1 == u2 {
		t.Fatalf("second database = %q, %v", u2, err)
	}
	db, err := sql.Open("pgx", u1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t (x int)`); err != nil {
		t.Error(err)
	}
	_ = db.Close()
	if err := drop1(); err != nil {
		t.Error(err)
	}
	if err := drop2(); err != nil {
		t.Error(err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	if srv.cluster != nil {
		if _, err := os.Stat(srv.cluster.dir); !os.IsNotExist(err) {
			t.Errorf("cluster directory left behind: %v", err)
		}
	}
}
