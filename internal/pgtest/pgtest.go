// Package pgtest gives tests a real PostgreSQL server: the one named by
// ERRATA_TEST_POSTGRES, or else a throwaway cluster started from the local
// initdb and pg_ctl in a temporary directory, reachable only through a
// Unix socket in that directory. Each test gets a fresh database.
//
// It is for tests only: it starts processes, trusts every local
// connection and deletes its cluster when stopped.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

const (
	// EnvURL names an existing server to use instead of starting one. Its
	// role must be allowed to create databases.
	EnvURL = "ERRATA_TEST_POSTGRES"
	// EnvRequire, when "1", turns "no PostgreSQL here" from a skip into a
	// failure, so CI cannot pass without running the PostgreSQL half.
	EnvRequire = "ERRATA_REQUIRE_POSTGRES"
)

// ErrUnavailable is wrapped when neither EnvURL nor a local PostgreSQL
// installation is there to use.
var ErrUnavailable = errors.New("pgtest: no PostgreSQL server available")

// Server is a PostgreSQL server tests can create databases on.
type Server struct {
	admin   string // URL of the maintenance database
	db      *sql.DB
	cluster *cluster // nil when the server was not started by us
	next    atomic.Int64
}

// Start connects to EnvURL if set, or starts a throwaway cluster.
func Start(ctx context.Context) (*Server, error) {
	s := &Server{admin: os.Getenv(EnvURL)}
	if s.admin == "" {
		c, err := startCluster(ctx)
		if err != nil {
			return nil, err
		}
		s.cluster, s.admin = c, c.url("postgres")
	}
	db, err := sql.Open("pgx", s.admin)
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("pgtest: connect %s: %w", redact(s.admin), err)
	}
	s.db = db
	return s, nil
}

// NewDatabase creates an empty database and returns its URL and a func
// that drops it.
func (s *Server) NewDatabase(ctx context.Context) (string, func() error, error) {
	name := fmt.Sprintf("errata_test_%d_%d", os.Getpid(), s.next.Add(1))
	if _, err := s.db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("pgtest: create database %s: %w", name, err)
	}
	u, err := withDatabase(s.admin, name)
	if err != nil {
		return "", nil, err
	}
	drop := func() error {
		_, err := s.db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		if err != nil {
			return fmt.Errorf("pgtest: drop database %s: %w", name, err)
		}
		return nil
	}
	return u, drop, nil
}

// KeptDatabase returns the URL of the database called name, creating it
// when it does not exist. It is never dropped: benchmarks keep big
// seeded stores on a server of their own (EnvURL) across runs.
func (s *Server) KeptDatabase(ctx context.Context, name string) (string, error) {
	var exists bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("pgtest: database %s: %w", name, err)
	}
	if !exists {
		if _, err := s.db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			return "", fmt.Errorf("pgtest: create database %s: %w", name, err)
		}
	}
	return withDatabase(s.admin, name)
}

// Stop closes the admin connection and, for a cluster we started, stops
// it and deletes its directory.
func (s *Server) Stop() error {
	if s.db != nil {
		_ = s.db.Close()
	}
	if s.cluster != nil {
		return s.cluster.stop()
	}
	return nil
}

// withDatabase replaces the database a postgres:// URL names.
func withDatabase(admin, name string) (string, error) {
	u, err := url.Parse(admin)
	if err != nil {
		return "", fmt.Errorf("pgtest: parse %s: %w", redact(admin), err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

// Required reports whether EnvRequire asks for PostgreSQL to be there.
func Required() bool { return strings.TrimSpace(os.Getenv(EnvRequire)) == "1" }
