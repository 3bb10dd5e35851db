package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// Filters are JSON lists: outlet names may hold commas.
const (
	subscriptionCols      = `id, name, url, secret, outlets, classes, events, min_words, minor, created_at`
	sqlSubscriptions      = `SELECT ` + subscriptionCols + ` FROM subscriptions ORDER BY id`
	sqlSubscriptionByID   = `SELECT ` + subscriptionCols + ` FROM subscriptions WHERE id = ?`
	sqlSubscriptionByName = `SELECT ` + subscriptionCols + ` FROM subscriptions WHERE name = ?`
	sqlInsertSubscription = `INSERT INTO subscriptions (name, url, secret, outlets, classes, events, min_words, minor, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlDeleteSubscription = `DELETE FROM subscriptions WHERE name = ?`
)

func scanSubscription(sc scanner) (model.Subscription, error) {
	var s model.Subscription
	var outlets, classes, events string
	var minor int
	var created int64
	if err := sc.Scan(&s.ID, &s.Name, &s.URL, &s.Secret, &outlets, &classes, &events, &s.MinWords, &minor, &created); err != nil {
		return s, noRows(err)
	}
	for _, f := range []struct {
		raw string
		dst *[]string
	}{{outlets, &s.Outlets}, {classes, &s.Classes}, {events, &s.Events}} {
		if err := fromJSON(f.raw, f.dst); err != nil {
			return s, fmt.Errorf("subscription %d filters: %w", s.ID, err)
		}
	}
	s.Minor, s.Created = minor != 0, fromNanos(created)
	return s, nil
}

// AddSubscription stores a new subscription; its name must be free
// (ErrExists otherwise).
func (s *Store) AddSubscription(ctx context.Context, sub model.Subscription, now time.Time) (model.Subscription, error) {
	filters := make([]string, 3)
	for i, list := range [][]string{sub.Outlets, sub.Classes, sub.Events} {
		if len(list) == 0 {
			continue
		}
		var err error
		if filters[i], err = toJSON(list); err != nil {
			return sub, err
		}
	}
	sub.Created = now.UTC()
	err := s.write(ctx, "add subscription "+sub.Name, func(tx *wtx) error {
		if _, err := scanSubscription(tx.QueryRowContext(ctx, sqlSubscriptionByName, sub.Name)); err != ErrNotFound {
			if err == nil {
				return fmt.Errorf("%w: %q", ErrExists, sub.Name)
			}
			return err
		}
		return tx.QueryRowContext(ctx, sqlInsertSubscription, sub.Name, sub.URL, sub.Secret, filters[0], filters[1], filters[2],
			sub.MinWords, boolInt(sub.Minor), nanos(sub.Created)).Scan(&sub.ID)
	})
	return sub, err
}

// Subscriptions lists every subscription, oldest first.
func (s *Store) Subscriptions(ctx context.Context) ([]model.Subscription, error) {
	rows, err := s.query(ctx, sqlSubscriptions)
	if err != nil {
		return nil, s.wrap("subscriptions", err)
	}
	out, err := collect(rows, scanSubscription)
	return out, s.wrap("subscriptions", err)
}

// Subscription returns one subscription by id.
func (s *Store) Subscription(ctx context.Context, id int64) (model.Subscription, error) {
	sub, err := scanSubscription(s.queryRow(ctx, sqlSubscriptionByID, id))
	return sub, s.wrap(fmt.Sprintf("subscription %d", id), err)
}

// SubscriptionNamed returns one subscription by name.
func (s *Store) SubscriptionNamed(ctx context.Context, name string) (model.Subscription, error) {
	sub, err := scanSubscription(s.queryRow(ctx, sqlSubscriptionByName, name))
	return sub, s.wrap("subscription "+name, err)
}

// RemoveSubscription deletes a subscription and its delivery log.
func (s *Store) RemoveSubscription(ctx context.Context, name string) error {
	return s.write(ctx, "remove subscription "+name, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, sqlDeleteSubscription, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return ErrNotFound
		}
		return nil
	})
}
