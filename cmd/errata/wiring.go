package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/errata/errata/internal/render"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// openStore opens the database the global flags select.
func (e *env) openStore(ctx context.Context) (*store.Store, error) {
	return e.open(ctx, store.Options{})
}

// openWriter opens the database for a command that writes into it: a
// SQLite file is checked first (store.Options.QuickCheck), so a damaged
// database is reported before a crawl or serve spreads the damage.
func (e *env) openWriter(ctx context.Context) (*store.Store, error) {
	return e.open(ctx, store.Options{QuickCheck: true})
}

// database is the database the global flags select: the --db URL, or the
// SQLite file in --data. The job queue opens it too.
func (e *env) database() string {
	if e.db != "" {
		return e.db
	}
	return filepath.Join(e.data, "errata.db")
}

func (e *env) open(ctx context.Context, opts store.Options) (*store.Store, error) {
	if e.db != "" {
		if !e.postgres() {
			return nil, usageError{fmt.Sprintf("%s %s: want a postgres:// URL; leave it unset for the SQLite store in --data", e.option("db"), redact(e.db))}
		}
		st, err := store.OpenURL(ctx, e.db)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %s", e.option("db"), redact(e.db), oneLine(strings.ReplaceAll(userMessage(err), e.db, redact(e.db))))
		}
		return st, nil
	}
	if err := os.MkdirAll(e.data, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return store.OpenOptions(ctx, e.database(), opts)
}

// openExisting opens the database for a command that reads what earlier
// commands recorded (history, diff, export, outlet, backup...) or acts on
// it. It never creates a store: a mistyped --data must not leave an empty
// one behind and look like an article "not tracked".
func (e *env) openExisting(ctx context.Context) (*store.Store, error) {
	return e.existing(ctx, store.Options{})
}

// openExport is openExisting for an export, which reads the whole store
// and writes nothing to it: its readers map the file (store.Options
// MapReads).
func (e *env) openExport(ctx context.Context) (*store.Store, error) {
	return e.existing(ctx, store.Options{MapReads: true})
}

// openExistingWriter is openExisting for a command that writes much into
// the store (crawl), checked first as openWriter does.
func (e *env) openExistingWriter(ctx context.Context) (*store.Store, error) {
	return e.existing(ctx, store.Options{QuickCheck: true})
}

func (e *env) existing(ctx context.Context, opts store.Options) (*store.Store, error) {
	if e.db == "" {
		if _, err := os.Stat(e.database()); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no errata data in %s (run errata add first, or pass --data)", e.data)
		}
	}
	return e.open(ctx, opts)
}

// oneLine folds a multi-line driver error (pgx lists each address it
// tried) into the one line the CLI promises, dropping repeated lines.
func oneLine(msg string) string {
	var parts []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !slices.Contains(parts, l) {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// postgres reports whether --db selects PostgreSQL.
func (e *env) postgres() bool {
	return strings.HasPrefix(e.db, "postgres://") || strings.HasPrefix(e.db, "postgresql://")
}

// redact hides a password in a database URL before it is printed.
func redact(u string) string {
	at := strings.LastIndex(u, "@")
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return u
	}
	cred := u[scheme+3 : at]
	if user, _, ok := strings.Cut(cred, ":"); ok {
		return u[:scheme+3] + user + ":***" + u[at:]
	}
	return u
}

// logger is the log of the one-shot commands: nothing, or every step with
// -v.
func (e *env) logger() *slog.Logger {
	if !e.verbose {
		return slog.New(slog.DiscardHandler)
	}
	return e.newLogger(slog.LevelDebug)
}

// newLogger logs to stderr from level up, as text or as JSON lines
// (--log-format).
func (e *env) newLogger(level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if e.cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// logLevel is --log-level, or debug with -v.
func (e *env) logLevel() slog.Level {
	if e.verbose {
		return slog.LevelDebug
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(e.cfg.LogLevel)); err != nil {
		return slog.LevelInfo // refused by config.Validate before this
	}
	return l
}

// fetcher builds the HTTP client. On PostgreSQL, where several worker
// processes may share the database, the per-host interval is kept across
// all of them through the store's host leases. st may be nil (extract).
func (e *env) fetcher(st *store.Store) *fetch.Client {
	cfg := e.cfg.Fetch()
	cfg.HostInterval, cfg.AllowPrivate = e.hostInterval, e.allowPrivate
	if st != nil && st.IsPostgres() {
		cfg.Gate = st.HostGate(e.hostLease)
	}
	return fetch.New(cfg)
}

// engine opens the store for writing and wires an engine. The caller
// closes the returned store.
func (e *env) engine(ctx context.Context) (*jobs.Engine, *store.Store, error) {
	st, err := e.openWriter(ctx)
	if err != nil {
		return nil, nil, err
	}
	return e.engineOn(st), st, nil
}

// engineOn wires an engine on a store already open.
func (e *env) engineOn(st *store.Store) *jobs.Engine {
	eng := jobs.NewEngine(st, e.fetcher(st), e.logger())
	eng.Policy = e.policy()
	eng.Render = e.rendererFor(eng.Fetch)
	return eng
}

// rendererFor returns the command's renderer, made on the first call with
// fc: the browser's requests go through that client's guard. No browser
// starts until a browser outlet is checked.
func (e *env) rendererFor(fc *fetch.Client) *render.Renderer {
	if e.renderer == nil {
		rc := e.cfg.RenderConfig()
		rc.Log = e.logger()
		e.renderer = render.New(fc, rc)
	}
	return e.renderer
}

// renderFlags registers the browser's flags on a command that checks
// articles.
func renderFlags(fs *flag.FlagSet, e *env) {
	fs.StringVar(&e.chromium, "chromium", "", "the headless browser for outlets in browser mode; empty: Debian's chromium (env ERRATA_RENDER_CHROMIUM)")
	fs.IntVar(&e.renderTabs, "render-tabs", render.DefaultTabs, "pages rendered at once in the browser (env ERRATA_RENDER_TABS)")
}

// release stops what the command started beside its store: the browser.
func (e *env) release() {
	if e.renderer != nil {
		e.renderer.Close()
	}
}

// policy is the checking policy in force: the config's [schedule].
func (e *env) policy() schedule.Policy {
	if len(e.cfg.Schedule.Tiers) == 0 {
		return schedule.DefaultPolicy() // a command run without settings (tests)
	}
	return e.cfg.Policy()
}
