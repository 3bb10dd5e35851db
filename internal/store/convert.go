package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// nanos stores a time as unix nanoseconds UTC; the zero time is 0 so
// "unknown" survives a round trip.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromNanos is the inverse of nanos.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// joinClasses stores change classes as one comma-separated column; class
// names are identifiers and never contain commas.
func joinClasses(cs []string) string { return strings.Join(cs, ",") }

func splitClasses(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode json: %w", err)
	}
	return string(b), nil
}

func fromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("decode json: %w", err)
	}
	return nil
}

// scanner is satisfied by *sql.Row and *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// collect drains rows with scan, closing them.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// noRows maps sql.ErrNoRows to ErrNotFound.
func noRows(err error) error {
	if err == sql.ErrNoRows {
		return ErrNotFound
	}
	return err
}

// boolInt stores a flag as 0 or 1, the same on both dialects.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
