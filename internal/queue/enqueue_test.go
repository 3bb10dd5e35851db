package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/errata/errata/internal/model"
)

// deadlockingClient fails every batch insert, as PostgreSQL does with one
// that waited too long for a row lock, and counts single inserts.
type deadlockingClient struct {
	riverClient
	batches, singles int
}

func (c *deadlockingClient) InsertMany(context.Context, []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	c.batches++
	return nil, errors.New("canceling statement due to lock timeout (SQLSTATE 55P03)")
}

func (c *deadlockingClient) Insert(_ context.Context, args river.JobArgs, _ *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	c.singles++
	return &rivertype.JobInsertResult{Job: &rivertype.JobRow{Kind: args.Kind()}}, nil
}

func TestSchedule_BatchThatFailsIsInsertedOneJobAtATime(t *testing.T) {
	ctx := context.Background()
	e := newQueueEngine(t)
	o, err := e.Store.EnsureOutlet(ctx, "test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	const due = 3
	for i := range due {
		now := e.Now().UTC()
		_, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("http://127.0.0.1:1/a%d", i),
			FirstSeen: now, NextCheck: now, State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := &deadlockingClient{}
	q := &Queue{eng: e, cfg: Config{Logger: slog.New(slog.DiscardHandler)}, client: c, insertBatch: c.InsertMany}
	n, err := q.Schedule(ctx)
	if err != nil || n.Checks != due || c.batches != 1 || c.singles != due {
		t.Errorf("Schedule = %+v, %v after %d batch and %d single inserts; want %d checks, one batch tried, then one insert each",
			n, err, c.batches, c.singles, due)
	}
}
