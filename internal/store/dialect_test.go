package store

import (
	"strings"
	"testing"
)

func TestRebind_PostgresPlaceholders(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bare", `SELECT a FROM t WHERE x = ? AND y = ?`, `SELECT a FROM t WHERE x = $1 AND y = $2`},
		{"numbered_reused", `WHERE (?1 = 0 OR a = ?1) LIMIT ?2`, `WHERE ($1 = 0 OR a = $1) LIMIT $2`},
		{"in_string_literal", `SELECT '?', x FROM t WHERE y = ?`, `SELECT '?', x FROM t WHERE y = $1`},
		{"escaped_quote", `SELECT 'it''s ?' WHERE y = ?`, `SELECT 'it''s ?' WHERE y = $1`},
		{"quoted_identifier", `SELECT "odd?col" FROM t WHERE y = ?`, `SELECT "odd?col" FROM t WHERE y = $1`},
		{"line_comment", "SELECT 1 -- why?\nWHERE y = ?", "SELECT 1 -- why?\nWHERE y = $1"},
		{"block_comment", `SELECT /* ? */ x WHERE y = ?`, `SELECT /* ? */ x WHERE y = $1`},
		{"dollar_quoted", `SELECT $$ ? $$, $tag$?$tag$ WHERE y = ?`, `SELECT $$ ? $$, $tag$?$tag$ WHERE y = $1`},
		{"dollar_param_untouched", `SELECT $1, ?`, `SELECT $1, $1`},
		{"unterminated_literal", `SELECT 'abc ?`, `SELECT 'abc ?`},
		{"none", `SELECT 1`, `SELECT 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dialectPostgres.rebind(tt.in); got != tt.want {
				t.Errorf("rebind(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if got := dialectSQLite.rebind(tt.in); got != tt.in {
				t.Errorf("SQLite rebind changed %q to %q", tt.in, got)
			}
		})
	}
}

// FuzzRebind: any input rewrites without panicking, and text outside
// placeholders survives: removing every "?" and "$" leaves the same
// letters before and after, apart from the digits placeholders gained.
func FuzzRebind(f *testing.F) {
	f.Add(`SELECT '?' WHERE a = ? AND b = ?2`)
	f.Add(`$$?$$ $a$ ? $a$ "?" -- ?`)
	f.Add(`/* ? ` + "'")
	f.Fuzz(func(t *testing.T, q string) {
		got := dialectPostgres.rebind(q)
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r == '?' || r == '$' || r >= '0' && r <= '9' {
					return -1
				}
				return r
			}, s)
		}
		if strip(got) != strip(q) {
			t.Fatalf("rebind(%q) = %q changed more than placeholders", q, got)
		}
	})
}
