package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// maxGroupCommit bounds how many checks one group commit writes, so one
// transaction never holds the writer for long behind a burst.
const maxGroupCommit = 128

// maxGatherYields bounds how often the committer yields to let more
// checks join a batch before writing it.
const maxGatherYields = 4

// errClosed is what a check submitted after Close gets.
var errClosed = errors.New("store is closed")

// committer writes the bookkeeping of checks that record no version (the
// check row, the article's schedule and validators, what it learned) for
// many concurrent callers in one transaction: a check that found nothing
// new is most of a crawl, and its cost was almost all the commit. There is
// no timer: a check submitted while the writer is idle is written at once;
// those submitted while a commit runs are written together by the next
// one (group commit). Each caller still waits until its own row is
// committed and gets its own result.
type committer struct {
	s      *Store
	mu     sync.Mutex
	queue  []*queued
	closed bool
	wake   chan struct{} // capacity 1: there is work, or Close was called
	done   chan struct{} // closed when the loop has drained and ended
	// commits and checks count the batches written and their items;
	// pipelined counts the batches sent as one pipeline (PostgreSQL).
	commits, checks, pipelined atomic.Int64
}

// queued is one check, or one host lease to free, waiting for a group
// commit.
type queued struct {
	ctx     context.Context
	rec     CheckRecord
	release *hostRelease // set for a host lease; rec is then empty
	state   atomic.Int32 // queuedWaiting, then taken by the committer or withdrawn by the caller
	err     chan error   // the check's own result, once its batch committed
}

const (
	queuedWaiting int32 = iota
	queuedTaken
	queuedWithdrawn
)

func newCommitter(s *Store) *committer {
	c := &committer{s: s, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go c.loop()
	return c
}

// groupable reports whether a record is bookkeeping only: no capture, no
// version and no article folded in. Those keep a transaction of their own
// (appending to the log, claiming URLs), and return a version id.
func groupable(rec CheckRecord) bool {
	return rec.Version == nil && rec.Capture == nil && (rec.Absorb == 0 || rec.Absorb == rec.Article.ID)
}

// submit queues rec and waits for its result. A caller whose context ends
// before the committer took its check withdraws it: nothing is written.
// Once taken, the check is written whatever the context, and the caller
// waits for the commit (bounded by the writer's busy timeout), so an error
// returned always means nothing was recorded.
func (c *committer) submit(ctx context.Context, rec CheckRecord) error {
	q := &queued{ctx: ctx, rec: rec, err: make(chan error, 1)}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return c.s.wrap(recordOp(rec), errClosed)
	}
	c.queue = append(c.queue, q)
	c.mu.Unlock()
	c.signal()
	select {
	case err := <-q.err:
		return err
	case <-ctx.Done():
		if q.state.CompareAndSwap(queuedWaiting, queuedWithdrawn) {
			return c.s.wrap(recordOp(rec), ctx.Err())
		}
		return <-q.err
	}
}

// post queues a host lease's release without waiting for it: the lease
// stays held until the commit, which only ever makes the host wait
// longer. It reports false after Close.
func (c *committer) post(r hostRelease) bool {
	q := &queued{ctx: context.Background(), release: &r, err: make(chan error, 1)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.queue = append(c.queue, q)
	c.signal()
	return true
}

func (c *committer) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// close stops taking checks and waits until every queued one is written.
func (c *committer) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.signal()
	<-c.done
}

func (c *committer) loop() {
	defer close(c.done)
	for range c.wake {
		for {
			c.gather()
			batch, closed := c.take()
			if len(batch) > 0 {
				c.commit(batch)
				continue
			}
			if closed {
				return
			}
			break
		}
	}
}

// gather lets checks that are about to be submitted join the next batch:
// it yields the processor while the queue grows, so a commit is shared by
// every check ready for it, without ever waiting on a clock.
func (c *committer) gather() {
	n := c.queued()
	for range maxGatherYields {
		runtime.Gosched()
		m := c.queued()
		if m == n || m >= maxGroupCommit {
			return
		}
		n = m
	}
}

func (c *committer) queued() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.queue)
}

// take removes up to maxGroupCommit checks from the queue, leaving out
// those whose callers gave up, and reports whether Close was called.
func (c *committer) take() ([]*queued, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := min(len(c.queue), maxGroupCommit)
	batch := make([]*queued, 0, n)
	for _, q := range c.queue[:n] {
		if q.ctx.Err() == nil && q.state.CompareAndSwap(queuedWaiting, queuedTaken) {
			batch = append(batch, q)
			continue
		}
		q.state.CompareAndSwap(queuedWaiting, queuedWithdrawn)
	}
	c.queue = slices.Delete(c.queue, 0, n)
	return batch, c.closed
}

// commit writes a batch in one transaction. A check that loses its
// IfLastChecked guard gets ErrStale and writes nothing; the others
// commit. When the transaction as a whole fails, each check is written
// again in a transaction of its own, so one bad check costs only itself.
// Checks are written in article order (PostgreSQL locks rows in that
// order, so two processes' batches do not deadlock); two checks of one
// article keep the order they came in, and the second finds the first's
// visit.
func (c *committer) commit(batch []*queued) {
	c.commits.Add(1)
	c.checks.Add(int64(len(batch)))
	slices.SortStableFunc(batch, compareQueued)
	ctx := context.Background()
	if written, err := c.commitPipelined(ctx, batch); err == nil {
		c.pipelined.Add(1)
		for i, q := range batch {
			if written[i] || q.release != nil {
				q.err <- nil
				continue
			}
			// The guarded update matched nothing: a lost race, an
			// article gone, or a check that moves it. The long way tells
			// them apart and writes what is due.
			q.err <- c.s.writeAlone(ctx, q)
		}
		return
	} else if !errors.Is(err, errNotPipelined) {
		for _, q := range batch {
			q.err <- c.s.writeAlone(ctx, q)
		}
		return
	}
	results := make([]error, len(batch))
	err := c.s.writeOnce(ctx, func(tx *wtx) error {
		for i, q := range batch {
			var err error
			if q.release != nil {
				err = q.release.exec(ctx, tx.ExecContext)
			} else {
				results[i], err = recordBookkeepingTx(ctx, tx, q.rec)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, q := range batch {
			q.err <- c.s.writeAlone(ctx, q)
		}
		return
	}
	for i, q := range batch {
		q.err <- c.s.wrap(recordOp(q.rec), results[i])
	}
}

// compareQueued orders a batch: host leases first, by host, then checks
// by article, so that two processes' batches lock rows in one order.
func compareQueued(a, b *queued) int {
	switch {
	case a.release != nil && b.release != nil:
		return cmp.Compare(a.release.host, b.release.host)
	case a.release != nil:
		return -1
	case b.release != nil:
		return 1
	}
	return cmp.Compare(a.rec.Article.ID, b.rec.Article.ID)
}

// writeAlone writes one queued item in a transaction of its own.
func (s *Store) writeAlone(ctx context.Context, q *queued) error {
	if q.release != nil {
		return q.release.exec(ctx, s.writerExec)
	}
	_, err := s.recordAlone(ctx, q.rec)
	return err
}

// recordBookkeepingTx writes one check that records no version. The
// article is updated first, with the guard in the update itself: a check
// that lost the race (or whose article is gone or whose new URL is taken)
// writes nothing and gets its own error, rowErr, and the common case takes
// no read. Any other error, after some of the check was written, fails
// the whole transaction.
func recordBookkeepingTx(ctx context.Context, tx *wtx, rec CheckRecord) (rowErr, err error) {
	if err := updateArticleIf(ctx, tx, rec.Article, rec.IfLastChecked); err != nil {
		if errors.Is(err, ErrStale) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
			return err, nil
		}
		return nil, err
	}
	if err := recordFurnitureTx(ctx, tx, rec); err != nil {
		return nil, err
	}
	_, err = insertCheckEvents(ctx, tx, rec)
	return nil, err
}

func recordOp(rec CheckRecord) string {
	return fmt.Sprintf("record check of article %d", rec.Article.ID)
}

// GroupCommits reports how many group commits the store has made and how
// many items they wrote: checks and host leases freed (diagnostics,
// benchmarks).
func (s *Store) GroupCommits() (commits, items int64) {
	c := s.committer()
	if c == nil {
		return 0, 0
	}
	return c.commits.Load(), c.checks.Load()
}
