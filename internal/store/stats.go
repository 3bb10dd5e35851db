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
