package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// CheckRecord is everything one check of an article changes.
type CheckRecord struct {
	Article model.Article  // ID set; its mutable fields are persisted (schedule, validators, state, body hash)
	Check   model.Check    // ArticleID defaults to Article.ID
	Capture *model.Capture // optional; inserted if its hash is new
	// Served, when Capture is a rendered DOM, is the page as served,
	// inserted like Capture; the DOM's header names its hash.
	Served  *model.Capture
	Version *model.Version // optional; appended (Seq set by caller; ArticleID defaults to Article.ID)
	// Absorb, when set, is an article without versions to fold into this
	// one first (see absorb): the article moved to Absorb's URL.
	Absorb int64
	// IfLastChecked, when set, makes Record commit only if the article's
	// stored last check time still equals it, the value the check started
	// from; otherwise another worker recorded a check meanwhile and Record
	// fails with ErrStale, so one visit is never recorded twice.
	IfLastChecked *time.Time
	// Pending, when set, keeps a fetch for its confirmation; ClearPending
	// drops the one kept, once a confirmation has decided.
	Pending      *model.Pending
	ClearPending bool
	// Learn adds furniture learned by this check.
	Learn []model.Furniture
	// Events are lifecycle events the check found; each is appended with
	// the check's id (ArticleID defaults to Article.ID). Record sets their
	// ID, CheckID and ArticleID in place, so the caller can pass them on.
	Events []model.Event
}

// Record persists one check atomically: capture, version, check row and
// article row commit together or not at all, so a crash or a duplicate
// version never leaves a check without its article update. It returns the
// inserted version's ID, or 0 when rec has no version. A version whose
// (article, seq) exists fails the whole record with ErrDuplicateVersion.
// A check that records no version is written together with the other
// such checks in flight (see committer); Record still returns only once
// it is committed, with its own result.
func (s *Store) Record(ctx context.Context, rec CheckRecord) (int64, error) {
	if groupable(rec) {
		gc := s.committer()
		if gc == nil {
			return 0, s.wrap(recordOp(rec), errClosed)
		}
		return 0, gc.submit(ctx, rec)
	}
	return s.recordAlone(ctx, rec)
}

// recordAlone records a check in a transaction of its own.
func (s *Store) recordAlone(ctx context.Context, rec CheckRecord) (int64, error) {
	var versionID int64
	err := s.write(ctx, recordOp(rec), func(tx *wtx) error {
		var err error
		versionID, err = recordTx(ctx, tx, rec)
		return err
	})
	if err != nil {
		return 0, err
	}
	return versionID, nil
}

func recordTx(ctx context.Context, tx *wtx, rec CheckRecord) (int64, error) {
	if rec.IfLastChecked != nil {
		if err := lockFresh(ctx, tx, rec.Article.ID, *rec.IfLastChecked); err != nil {
			return 0, err
		}
	}
	if rec.Absorb != 0 && rec.Absorb != rec.Article.ID {
		if err := absorb(ctx, tx, rec.Article.ID, rec.Absorb); err != nil {
			return 0, err
		}
	}
	for _, c := range []*model.Capture{rec.Served, rec.Capture} {
		if c == nil {
			continue
		}
		if err := insertCapture(ctx, tx, c); err != nil {
			return 0, err
		}
	}
	var versionID int64
	if rec.Version != nil {
		v := *rec.Version
		if v.ArticleID == 0 {
			v.ArticleID = rec.Article.ID
		}
		var err error
		if versionID, err = insertVersion(ctx, tx, &v); err != nil {
			return 0, err
		}
	}
	if err := recordFurnitureTx(ctx, tx, rec); err != nil {
		return 0, err
	}
	if _, err := insertCheckEvents(ctx, tx, rec); err != nil {
		return 0, err
	}
	if err := updateArticle(ctx, tx, rec.Article); err != nil {
		return 0, fmt.Errorf("update article: %w", err)
	}
	return versionID, nil
}

// insertCheckEvents inserts the check row and the events it found, and
// sets each event's ID, CheckID and ArticleID in place. It returns the
// check's id when there are events.
func insertCheckEvents(ctx context.Context, tx *wtx, rec CheckRecord) (int64, error) {
	check := rec.Check
	if check.ArticleID == 0 {
		check.ArticleID = rec.Article.ID
	}
	if len(rec.Events) == 0 {
		// Nothing needs the check's id.
		return 0, insertCheckNoID(ctx, tx, &check)
	}
	checkID, err := insertCheck(ctx, tx, &check)
	if err != nil {
		return 0, err
	}
	for i := range rec.Events {
		ev := &rec.Events[i]
		if ev.ArticleID == 0 {
			ev.ArticleID = rec.Article.ID
		}
		ev.CheckID = checkID
		if ev.ID, err = insertEvent(ctx, tx, *ev); err != nil {
			return 0, err
		}
	}
	return checkID, nil
}

// updateArticleIf is updateArticle behind the IfLastChecked guard (nil:
// none), in one statement for the usual check, which keeps the article's
// outlet, URL and last change; a check that changes those, or finds the
// guard failing, takes the long way, which tells the two apart.
func updateArticleIf(ctx context.Context, tx *wtx, a model.Article, lastChecked *time.Time) error {
	a = normArticle(a)
	query := sqlUpdateChecked
	args := []any{nanos(a.Published), nanos(a.LastChecked), nanos(a.NextCheck), string(a.State),
		a.Errors, a.Gone, a.ETag, a.LastModified, a.BodyHash, a.ID, a.OutletID, a.URL, nanos(a.LastChanged)}
	if lastChecked != nil {
		query, args = sqlUpdateCheckedIfFresh, append(args, nanos(*lastChecked))
	}
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update article: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	if lastChecked != nil {
		if err := lockFresh(ctx, tx, a.ID, *lastChecked); err != nil {
			return err
		}
	}
	if err := updateArticle(ctx, tx, a); err != nil {
		return fmt.Errorf("update article: %w", err)
	}
	return nil
}

// lockFresh locks the article's row until the transaction ends
// (PostgreSQL; on SQLite the immediate transaction already holds the
// database) and verifies no other check was recorded since the caller
// read it. A second worker checking the same article then waits here for
// the first to commit and sees its last check time. An article merged
// into another meanwhile is stale too: its row is gone.
func lockFresh(ctx context.Context, tx *wtx, id int64, lastChecked time.Time) error {
	query := sqlLastChecked
	if tx.cache.d == dialectPostgres {
		query = sqlLastCheckedForUpdate
	}
	var stored int64
	err := tx.QueryRowContext(ctx, query, id).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		// Another check folded this article into another one (absorb)
		// while this check was in flight: the visit belongs to no article
		// now, and the article it merged into is checked on its own.
		return fmt.Errorf("article %d was merged into another meanwhile: %w", id, ErrStale)
	}
	if err != nil {
		return err
	}
	if stored != nanos(lastChecked) {
		return fmt.Errorf("article %d: %w", id, ErrStale)
	}
	return nil
}

const (
	sqlLastChecked          = `SELECT last_checked FROM articles WHERE id = ?`
	sqlLastCheckedForUpdate = sqlLastChecked + ` FOR UPDATE`
)

// recordFurnitureTx keeps or clears the pending fetch and adds what the
// check learned, in the check's transaction.
func recordFurnitureTx(ctx context.Context, tx *wtx, rec CheckRecord) error {
	if rec.ClearPending {
		if err := clearPendingTx(ctx, tx, rec.Article.ID); err != nil {
			return err
		}
	}
	if rec.Pending != nil {
		p := *rec.Pending
		p.ArticleID = rec.Article.ID
		if err := savePendingTx(ctx, tx, &p); err != nil {
			return err
		}
	}
	return learnTx(ctx, tx, rec.Learn, rec.Check.At)
}
