package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Host gate limits.
const (
	// DefaultHostLease bounds how long one request may hold a host. A
	// holder that dies (SIGKILL, lost machine) blocks its host for at most
	// this long; a request still running after it may overlap the next
	// one, though never start within the interval of it.
	DefaultHostLease = 15 * time.Second
	// minLeasePoll and maxLeasePoll bound how often a waiter looks again
	// while another process holds the host: a quarter of the interval,
	// so a freed host is taken soon without hammering the database.
	minLeasePoll = 2 * time.Millisecond
	maxLeasePoll = time.Second
	// releaseTimeout bounds the release write, which runs even when the
	// request's context has ended.
	releaseTimeout = 5 * time.Second
)

const (
	// sqlTakeHost takes the host when it is free and its next slot has
	// come, in one statement: the row lock (PostgreSQL) or the write lock
	// (SQLite) makes the check and the take atomic across processes.
	sqlTakeHost = `INSERT INTO host_leases (host, next_at, lease_until, holder) VALUES (?1, 0, ?2, ?3)
		ON CONFLICT (host) DO UPDATE SET lease_until = ?2, holder = ?3
		WHERE host_leases.lease_until <= ?4 AND host_leases.next_at <= ?4
		RETURNING holder`
	sqlHostLease    = `SELECT next_at, lease_until FROM host_leases WHERE host = ?`
	sqlReleaseHost  = `UPDATE host_leases SET next_at = ?, lease_until = 0 WHERE host = ? AND holder = ?`
	sqlHostLeaseAll = `SELECT count(*) FROM host_leases`
)

// HostGate spaces requests to each host across every process sharing the
// database: one request in flight per host and at least the interval from
// the end of one to the start of the next, as the fetcher's in-process
// gate does within one process. It satisfies fetch.Gate. Times come from
// each process's clock, so workers on several machines need synchronised
// clocks (NTP); skew shortens or lengthens the pause by as much.
type HostGate struct {
	s     *Store
	lease time.Duration
}

// HostGate returns the store-backed gate; lease <= 0 means
// DefaultHostLease.
func (s *Store) HostGate(lease time.Duration) *HostGate {
	if lease <= 0 {
		lease = DefaultHostLease
	}
	return &HostGate{s: s, lease: lease}
}

// Wait blocks until this process holds host and its slot has come. The
// returned release must be called once the request is over; it frees the
// host and sets its next slot to interval after now. An interval of zero
// or less asks for no pause and no cross-process gating (benchmarks).
func (g *HostGate) Wait(ctx context.Context, host string, interval time.Duration) (func(), error) {
	if interval <= 0 {
		return func() {}, nil
	}
	holder := rand.Int64N(1<<62) + 1 // never 0, the "free" token
	poll := min(max(interval/4, minLeasePoll), maxLeasePoll)
	for {
		now := time.Now()
		took, err := g.take(ctx, host, holder, now, max(g.lease, interval))
		if err != nil {
			return nil, err
		}
		if took {
			return g.releaser(host, holder, interval), nil
		}
		wait, err := g.waitFor(ctx, host, now, poll)
		if err != nil {
			return nil, err
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func (g *HostGate) take(ctx context.Context, host string, holder int64, now time.Time, lease time.Duration) (bool, error) {
	var got int64
	err := g.s.writerRow(ctx, sqlTakeHost, host, nanos(now.Add(lease)), holder, nanos(now)).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, g.s.wrap("take host "+host, err)
	}
	return got == holder, nil
}

// waitFor says how long to sleep before trying again: until the next
// slot when the host is free, or one poll step while someone holds it
// (its release time is unknown).
func (g *HostGate) waitFor(ctx context.Context, host string, now time.Time, poll time.Duration) (time.Duration, error) {
	var next, until int64
	err := g.s.writerRow(ctx, sqlHostLease, host).Scan(&next, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // deleted meanwhile: try again at once
	}
	if err != nil {
		return 0, g.s.wrap("read host lease "+host, err)
	}
	if until > nanos(now) {
		return min(poll, fromNanos(until).Sub(now)), nil
	}
	return max(fromNanos(next).Sub(now), 0), nil
}

// releaser frees the host with the next group commit of checks (see
// committer), which a check's record follows at once: the release costs
// no transaction of its own, and until it commits the host stays taken,
// which only makes the next request wait longer. The next slot counts
// from the end of this request, not the commit.
func (g *HostGate) releaser(host string, holder int64, interval time.Duration) func() {
	return func() {
		r := hostRelease{host: host, holder: holder, next: nanos(time.Now().Add(interval))}
		if c := g.s.committer(); c != nil && c.post(r) {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), releaseTimeout)
		defer cancel()
		// A failed release is not fatal: the lease runs out by itself.
		_ = r.exec(ctx, g.s.writerExec)
	}
}

// hostRelease is a host lease to free: its next slot and its holder.
type hostRelease struct {
	host   string
	holder int64
	next   int64
}

func (r hostRelease) exec(ctx context.Context, exec func(context.Context, string, ...any) (sql.Result, error)) error {
	_, err := exec(ctx, sqlReleaseHost, r.next, r.host, r.holder)
	return err
}

// HostLeases counts the hosts the gate has seen (tests, diagnostics).
func (s *Store) HostLeases(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, sqlHostLeaseAll).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: host leases: %w", err)
	}
	return n, nil
}

// writerRow and writerExec run one statement outside a transaction on
// the writer, whose connection alone may write on SQLite.
func (s *Store) writerRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.wc.get(ctx, query)
	if err != nil {
		return s.w.QueryRowContext(ctx, s.d.rebind(query), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (s *Store) writerExec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := s.wc.get(ctx, query)
	if err != nil {
		return s.w.ExecContext(ctx, s.d.rebind(query), args...)
	}
	return st.ExecContext(ctx, args...)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
