package store

import (
	"strconv"
	"strings"
)

// dialect is the SQL flavour a Store speaks. Queries are written once, in
// the portable subset both engines accept, with SQLite's "?" placeholders;
// the dialect decides only what cannot be written portably.
type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

// rebind rewrites a query's placeholders for the dialect: SQLite takes it
// as written; PostgreSQL wants "$n". A bare "?" becomes the next number and
// "?n" becomes "$n", so queries that reuse a numbered argument work on
// both. Question marks inside string literals, quoted identifiers and
// comments are left alone.
func (d dialect) rebind(query string) string {
	if d != dialectPostgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	next := 0
	for i := 0; i < len(query); {
		if skip := quotedLen(query[i:]); skip > 0 {
			b.WriteString(query[i : i+skip])
			i += skip
			continue
		}
		if query[i] != '?' {
			b.WriteByte(query[i])
			i++
			continue
		}
		j := i + 1
		for j < len(query) && query[j] >= '0' && query[j] <= '9' {
			j++
		}
		b.WriteByte('$')
		if j > i+1 {
			b.WriteString(query[i+1 : j])
		} else {
			next++
			b.WriteString(strconv.Itoa(next))
		}
		i = j
	}
	return b.String()
}

// quotedLen returns the length of the literal, quoted identifier or
// comment that starts s, or 0 when s starts with none. An unterminated one
// runs to the end of s.
func quotedLen(s string) int {
	switch {
	case strings.HasPrefix(s, "'"):
		return closingQuote(s, '\'')
	case strings.HasPrefix(s, `"`):
		return closingQuote(s, '"')
	case strings.HasPrefix(s, "--"):
		return runTo(s, "\n", 2)
	case strings.HasPrefix(s, "/*"):
		return runTo(s, "*/", 2)
	case strings.HasPrefix(s, "$"):
		return dollarQuoted(s)
	}
	return 0
}

// closingQuote handles SQL's doubled-quote escape ('it”s') by treating
// the second quote as the start of a new literal, which is equivalent.
func closingQuote(s string, q byte) int {
	if end := strings.IndexByte(s[1:], q); end >= 0 {
		return end + 2
	}
	return len(s)
}

func runTo(s, end string, from int) int {
	if k := strings.Index(s[from:], end); k >= 0 {
		return from + k + len(end)
	}
	return len(s)
}

// dollarQuoted measures a PostgreSQL $tag$...$tag$ string. "$1" and other
// dollar signs that open no tag are not literals.
func dollarQuoted(s string) int {
	k := strings.IndexByte(s[1:], '$')
	if k < 0 {
		return 0
	}
	tag := s[:k+2]
	for _, r := range tag[1 : len(tag)-1] {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return 0
		}
	}
	if len(tag) > 2 && tag[1] >= '0' && tag[1] <= '9' {
		return 0 // a parameter such as $1, not a tag
	}
	return runTo(s, tag, len(tag))
}

// IsPostgres reports whether the store runs on PostgreSQL (rather than the
// embedded SQLite file), for the few callers whose own machinery differs.
func (s *Store) IsPostgres() bool { return s.d == dialectPostgres }
