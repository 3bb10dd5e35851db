package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// tableSpec describes one table for Copy and Digest: its columns in a
// fixed order with their kinds, and the unique column rows are ordered
// by. Both dialects order keys the same way: integers numerically, text
// byte-wise (SQLite's BINARY collation, COLLATE "C" in the PostgreSQL
// schema).
type tableSpec struct {
	name     string
	key      string
	cols     []string
	kinds    []byte // 'i' integer, 't' text, 'b' blob; parallel to cols
	identity bool   // PostgreSQL generates key; its sequence must follow copied ids
}

// spec parses "col:kind col:kind ..."; the first column is the key.
func spec(name string, identity bool, cols string) tableSpec {
	t := tableSpec{name: name, identity: identity}
	for _, f := range strings.Fields(cols) {
		c, k, _ := strings.Cut(f, ":")
		t.cols, t.kinds = append(t.cols, c), append(t.kinds, k[0])
	}
	t.key = t.cols[0]
	return t
}

// dataTables are the tables Copy copies and Digest hashes, parents before
// children so foreign keys hold at every step. Search indexes and
// schema_migrations are derived or per-database and left out.
var dataTables = []tableSpec{
	spec("outlets", true, "id:i name:t host:t rules:t fetch_mode:t short_count:i short_url:t short_words:i short_promised:i short_at:i"),
	spec("sources", true, "id:i outlet_id:i url:t kind:t etag:t last_modified:t last_polled:i next_poll:i errors:i created_at:i paused:i last_error:t"),
	spec("articles", true, "id:i outlet_id:i url:t first_seen:i published:i last_checked:i last_changed:i next_check:i state:t errors:i gone:i etag:t last_modified:t body_hash:t hold:t source_id:i"),
	spec("article_aliases", false, "url:t article_id:i"),
	spec("article_promises", false, "article_id:i words:i"),
	spec("capture_dicts", false, "id:i outlet_id:i created_at:i samples:i last_version:i dict:b"),
	spec("captures", false, "hash:t url:t status:i header:t fetched_at:i size:i body:b base:t"),
	spec("versions", true, "id:i article_id:i seq:i fetched_at:i title:t byline:t published:i text:t hash:t capture_hash:t extractor:t classes:t added:i removed:i modified:i text_base:i text_delta:b edits:b"),
	spec("checks", true, "id:i article_id:i at:i status:i outcome:t duration_ms:i hash:t error:t"),
	spec("furniture", true, "id:i outlet_id:i article_id:i kind:t origin:t key:t learned_at:i"),
	spec("block_sightings", true, "id:i outlet_id:i key:t article_id:i"),
	spec("subscriptions", true, "id:i name:t url:t secret:t outlets:t classes:t events:t min_words:i minor:i created_at:i"),
	spec("events", true, "id:i article_id:i kind:t at:i check_id:i status:i seq:i old_url:t new_url:t"),
	spec("log_leaves", false, "leaf:i version_id:i capture_hash:t url:t imported:i purge:t"),
	spec("log_hashes", false, "idx:i hash:b"),
	spec("log_checkpoints", false, "size:i note:t"),
	spec("deliveries", true, "id:i subscription_id:i version_id:i event_id:i status:t attempts:i last_error:t created_at:i delivered_at:i"),
}

func (t tableSpec) firstPage() string {
	return `SELECT ` + strings.Join(t.cols, ", ") + ` FROM ` + t.name + ` ORDER BY ` + t.key + ` LIMIT ?`
}

func (t tableSpec) nextPage() string {
	return `SELECT ` + strings.Join(t.cols, ", ") + ` FROM ` + t.name + ` WHERE ` + t.key + ` > ? ORDER BY ` +
		t.key + ` LIMIT ?`
}

func (t tableSpec) insert() string {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ")
	return `INSERT INTO ` + t.name + ` (` + strings.Join(t.cols, ", ") + `) VALUES (` + marks + `)`
}

// querier is a *sql.Tx or *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachPage reads table t in key order, batch rows at a time, handing each
// page to fn. Values are int64, string or []byte (never nil) by kind.
func eachPage(ctx context.Context, q querier, d dialect, t tableSpec, batch int, fn func([][]any) error) error {
	var last any
	for {
		var rows *sql.Rows
		var err error
		if last == nil {
			rows, err = q.QueryContext(ctx, d.rebind(t.firstPage()), batch)
		} else {
			rows, err = q.QueryContext(ctx, d.rebind(t.nextPage()), last, batch)
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		page, err := collect(rows, t.scanRow)
		if err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		if len(page) == 0 {
			return nil
		}
		if err := fn(page); err != nil {
			return err
		}
		if len(page) < batch {
			return nil
		}
		last = page[len(page)-1][0]
	}
}

func (t tableSpec) scanRow(sc scanner) ([]any, error) {
	dest := make([]any, len(t.cols))
	for i, k := range t.kinds {
		switch k {
		case 'i':
			dest[i] = new(int64)
		case 't':
			dest[i] = new(string)
		default:
			dest[i] = new([]byte)
		}
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	row := make([]any, len(dest))
	for i, p := range dest {
		switch v := p.(type) {
		case *int64:
			row[i] = *v
		case *string:
			row[i] = *v
		case *[]byte:
			row[i] = append([]byte{}, *v...) // a copy: drivers may reuse the buffer
		}
	}
	return row, nil
}

// snapshot starts a read-only transaction, so Copy and Digest see one
// consistent state even while writers carry on (WAL snapshot on SQLite,
// REPEATABLE READ on PostgreSQL).
func (s *Store) snapshot(ctx context.Context) (*sql.Tx, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.d == dialectPostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return s.r.BeginTx(ctx, opts)
}
