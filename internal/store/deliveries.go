package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

const (
	deliveryCols = `id, subscription_id, version_id, event_id, status, attempts, last_error, created_at, delivered_at`
	// sqlInsertDelivery leaves an existing (subscription, version, event)
	// row as it is: queueing a change or an event twice never makes two
	// deliveries. A delivery carries a version or an event; the other is 0.
	sqlInsertDelivery = `INSERT INTO deliveries (subscription_id, version_id, event_id, status, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (subscription_id, version_id, event_id) DO NOTHING`
	sqlDelivery = `SELECT ` + deliveryCols + ` FROM deliveries
		WHERE subscription_id = ? AND version_id = ? AND event_id = ?`
	sqlDeliveryAttempt = `UPDATE deliveries SET attempts = attempts + 1, status = ?, last_error = ?, delivered_at = ?
		WHERE id = ? AND status <> ?`
	sqlDeliveries           = `SELECT ` + deliveryCols + ` FROM deliveries ORDER BY id DESC LIMIT ?`
	sqlSubscriberDeliveries = `SELECT ` + deliveryCols + ` FROM deliveries WHERE subscription_id = ?
		ORDER BY id DESC LIMIT ?`
)

func scanDelivery(sc scanner) (model.Delivery, error) {
	var d model.Delivery
	var created, delivered int64
	err := sc.Scan(&d.ID, &d.SubscriptionID, &d.VersionID, &d.EventID, &d.Status, &d.Attempts, &d.LastError, &created, &delivered)
	d.Created, d.DeliveredAt = fromNanos(created), fromNanos(delivered)
	return d, noRows(err)
}

// EnsureDelivery returns the delivery of a version to a subscription,
// creating it pending when there is none.
func (s *Store) EnsureDelivery(ctx context.Context, subID, versionID int64, now time.Time) (model.Delivery, error) {
	return s.ensureDelivery(ctx, subID, versionID, 0, now)
}

// EnsureEventDelivery returns the delivery of a lifecycle event to a
// subscription, creating it pending when there is none.
func (s *Store) EnsureEventDelivery(ctx context.Context, subID, eventID int64, now time.Time) (model.Delivery, error) {
	return s.ensureDelivery(ctx, subID, 0, eventID, now)
}

func (s *Store) ensureDelivery(ctx context.Context, subID, versionID, eventID int64, now time.Time) (model.Delivery, error) {
	var d model.Delivery
	op := fmt.Sprintf("delivery of version %d event %d to subscription %d", versionID, eventID, subID)
	err := s.write(ctx, op, func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlInsertDelivery, subID, versionID, eventID, model.DeliveryPending, nanos(now))
		if err != nil {
			return err
		}
		d, err = scanDelivery(tx.QueryRowContext(ctx, sqlDelivery, subID, versionID, eventID))
		return err
	})
	return d, err
}

// RecordAttempt logs one attempt at a delivery: delivered when sendErr is
// nil, else failed with its message (the queue may try again). A delivery
// already delivered is left alone, so a late duplicate attempt cannot
// undo it.
func (s *Store) RecordAttempt(ctx context.Context, id int64, sendErr error, now time.Time) error {
	status, msg, at := model.DeliveryDelivered, "", nanos(now)
	if sendErr != nil {
		status, msg, at = model.DeliveryFailed, sendErr.Error(), 0
	}
	return s.write(ctx, fmt.Sprintf("delivery %d attempt", id), func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlDeliveryAttempt, status, msg, at, id, model.DeliveryDelivered)
		return err
	})
}

// Deliveries lists the latest deliveries, newest first, of one
// subscription (or of all when subID is 0).
func (s *Store) Deliveries(ctx context.Context, subID int64, limit int) ([]model.Delivery, error) {
	query, args := sqlDeliveries, []any{pageLimit(limit)}
	if subID != 0 {
		query, args = sqlSubscriberDeliveries, []any{subID, pageLimit(limit)}
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("deliveries", err)
	}
	out, err := collect(rows, scanDelivery)
	return out, s.wrap("deliveries", err)
}

const sqlVersionByID = `SELECT ` + versionCols + ` FROM versions WHERE id = ?`

// VersionByID returns one version by id, as a delivery names it.
func (s *Store) VersionByID(ctx context.Context, id int64) (model.Version, error) {
	v, err := s.version(ctx, sqlVersionByID, id)
	return v, s.wrap(fmt.Sprintf("version %d", id), err)
}

const (
	sqlDeliveryCounts = `SELECT status, count(*) FROM deliveries WHERE subscription_id = ? GROUP BY status`
	sqlLastFailure    = `SELECT last_error FROM deliveries WHERE subscription_id = ? AND status = ?
		ORDER BY id DESC LIMIT 1`
)

// DeliveryStats sums up a subscription's delivery log: how many deliveries
// are in each state and the newest failure's error ("" when none failed).
type DeliveryStats struct {
	Delivered, Failed, Pending int
	LastError                  string
}

// SubscriptionStats returns the delivery stats of one subscription.
func (s *Store) SubscriptionStats(ctx context.Context, subID int64) (DeliveryStats, error) {
	var st DeliveryStats
	op := fmt.Sprintf("deliveries of subscription %d", subID)
	rows, err := s.query(ctx, sqlDeliveryCounts, subID)
	if err != nil {
		return st, s.wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return st, s.wrap(op, err)
		}
		switch status {
		case model.DeliveryDelivered:
			st.Delivered = n
		case model.DeliveryFailed:
			st.Failed = n
		case model.DeliveryPending:
			st.Pending = n
		}
	}
	if err := rows.Err(); err != nil {
		return st, s.wrap(op, err)
	}
	if st.Failed > 0 {
		if err := s.queryRow(ctx, sqlLastFailure, subID, model.DeliveryFailed).Scan(&st.LastError); err != nil {
			return st, s.wrap(op, noRows(err))
		}
	}
	return st, nil
}
