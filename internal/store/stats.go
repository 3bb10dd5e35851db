package store

import "context"

// Stats counts the rows of each table.
type Stats struct {
	Outlets, Sources, Articles, Versions, Checks, Captures int
}

const sqlStats = `SELECT
	(SELECT count(*) FROM outlets),
	(SELECT count(*) FROM sources),
	(SELECT count(*) FROM articles),
	(SELECT count(*) FROM versions),
	(SELECT count(*) FROM checks),
	(SELECT count(*) FROM captures)`

// Stats returns the table sizes, read in one snapshot.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.queryRow(ctx, sqlStats).Scan(&st.Outlets, &st.Sources, &st.Articles, &st.Versions,
		&st.Checks, &st.Captures)
	return st, s.wrap("stats", err)
}

// sqlPing reads one row through the versions index: it proves the
// database answers and its main table is readable, at a cost that does
// not grow with the store (max of the primary key is one index probe on
// both engines).
const sqlPing = `SELECT coalesce(max(id), 0) FROM versions`

// Ping checks that the store answers, in constant time; health probes use
// it, where Stats would count every row of every table.
func (s *Store) Ping(ctx context.Context) error {
	var id int64
	return s.wrap("ping", s.queryRow(ctx, sqlPing).Scan(&id))
}
