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

// Size is how many bytes the store takes: the SQLite file's pages (the
// write-ahead log not counted), or the PostgreSQL database's size.
func (s *Store) Size(ctx context.Context) (int64, error) {
	q := `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`
	if s.d == dialectPostgres {
		q = `SELECT pg_database_size(current_database())`
	}
	var n int64
	err := s.r.QueryRowContext(ctx, q).Scan(&n)
	return n, s.wrap("size", err)
}
