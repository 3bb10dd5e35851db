package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// sqlCheckedFast is an unchanged check's whole bookkeeping as one
// statement: the guarded article update and, only when it updated the
// row, the check's row. sqlCheckedFastIfFresh adds the IfLastChecked
// guard. A check whose update matches no row inserts nothing and takes
// the long way, which tells a lost race from a moved article.
const (
	sqlCheckedFastTail = ` RETURNING id)
		INSERT INTO checks (article_id, at, status, outcome, duration_ms, hash, error)
		SELECT id, ?, ?, ?, ?, ?, ? FROM u`
	sqlCheckedFast        = `WITH u AS (` + sqlUpdateChecked + sqlCheckedFastTail
	sqlCheckedFastIfFresh = `WITH u AS (` + sqlUpdateCheckedIfFresh + sqlCheckedFastTail
)

// The statements as PostgreSQL takes them, rewritten once.
var (
	pgCheckedFast        = dialectPostgres.rebind(sqlCheckedFast)
	pgCheckedFastIfFresh = dialectPostgres.rebind(sqlCheckedFastIfFresh)
	pgReleaseHost        = dialectPostgres.rebind(sqlReleaseHost)
)

// errNotPipelined means a batch was not written by commitPipelined and is
// to be written the usual way; nothing of it was written.
var errNotPipelined = errors.New("batch not pipelined")

// pipelinable reports whether a batch can be sent to PostgreSQL as one
// pipeline: host leases and checks that are only an article update and a
// check row, no two of one article (the second check of an article must
// see the first's visit, which a pipeline decides only after both ran).
func pipelinable(batch []*queued) bool {
	seen := make(map[int64]bool, len(batch))
	for _, q := range batch {
		if q.release != nil {
			continue
		}
		r := q.rec
		if len(r.Events) > 0 || len(r.Learn) > 0 || r.Pending != nil || r.ClearPending || seen[r.Article.ID] {
			return false
		}
		seen[r.Article.ID] = true
	}
	return true
}

// commitPipelined writes a batch on PostgreSQL as one pipeline: every
// statement is sent at once and the server runs them in one implicit
// transaction, so a batch costs one round trip instead of two per check
// and two for the transaction. The client's share of an unchanged check
// was mostly those round trips (a write, a read and a wake-up each).
// It returns, for each check, whether its row was written; a check whose
// guarded update matched nothing wrote nothing and is left to the
// caller. Any error means the whole batch wrote nothing.
func (c *committer) commitPipelined(ctx context.Context, batch []*queued) ([]bool, error) {
	if c.s.d != dialectPostgres || !pipelinable(batch) {
		return nil, errNotPipelined
	}
	b := &pgx.Batch{}
	for _, q := range batch {
		if q.release != nil {
			r := q.release
			b.Queue(pgReleaseHost, r.next, r.host, r.holder)
			continue
		}
		query, args := checkedFastArgs(q.rec)
		b.Queue(query, args...)
	}
	conn, err := c.s.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	written := make([]bool, len(batch))
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("%w: driver connection is %T", errNotPipelined, dc)
		}
		br := sc.Conn().SendBatch(ctx, b)
		for i := range batch {
			tag, err := br.Exec()
			if err != nil {
				_ = br.Close()
				return err
			}
			written[i] = tag.RowsAffected() == 1
		}
		return br.Close()
	})
	if err != nil {
		return nil, err
	}
	return written, nil
}

// checkedFastArgs is the fast statement for one check and its arguments,
// in the order of updateArticleIf's and then insertCheckNoID's.
func checkedFastArgs(rec CheckRecord) (string, []any) {
	a := normArticle(rec.Article)
	query := pgCheckedFast
	args := make([]any, 0, 21)
	args = append(args, nanos(a.Published), nanos(a.LastChecked), nanos(a.NextCheck), string(a.State),
		a.Errors, a.Gone, a.ETag, a.LastModified, a.BodyHash, a.ID, a.OutletID, a.URL, nanos(a.LastChanged))
	if rec.IfLastChecked != nil {
		query, args = pgCheckedFastIfFresh, append(args, nanos(*rec.IfLastChecked))
	}
	ch := rec.Check
	return query, append(args, nanos(ch.At), ch.Status, string(ch.Outcome), ch.Duration.Milliseconds(), ch.Hash, ch.Error)
}
