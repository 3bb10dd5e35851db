package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

// planCase is one statement behind a page or API call, with
// representative arguments. walks are the SQLite plan lines that may
// SCAN: the ordered walk of the listing itself (read in the list's order
// and stopped by its LIMIT), a scan of the statement's own bounded
// subquery, or a full-text index read in rowid order. Any other SCAN,
// and on PostgreSQL any Seq Scan, fails the test.
type planCase struct {
	name  string
	sql   string
	args  []any
	walks []string
}

// planCursor is a cursor time for the cases that page.
var planCursor = t0.Add(100 * 3600e9)

// pagePlanCases lists the statements of every page and API call.
func pagePlanCases(d dialect) []planCase {
	cases := changePlanCases()
	cases = append(cases, eventPlanCases()...)
	for _, q := range []ArticleQuery{{}, {OutletID: 1}, {BeforeID: 9}, {OutletID: 1, BeforeID: 9}} {
		query, args := articleSummariesSQL(q)
		c := planCase{name: fmt.Sprintf("articles outlet=%d before=%d", q.OutletID, q.BeforeID), sql: query, args: args}
		if q.OutletID == 0 && q.BeforeID == 0 {
			c.walks = []string{"SCAN a"} // every article, newest id first
		}
		cases = append(cases, c)
	}
	cases = append(cases,
		planCase{name: "healthz", sql: sqlPing},
		planCase{name: "front page last check", sql: sqlLastCheck, walks: []string{"SCAN checks", "SCAN recent"}},
		// Outlets are few; their list walks the name index.
		planCase{name: "outlets", sql: sqlOutletSummaries, walks: []string{"SCAN o USING INDEX sqlite_autoindex_outlets_1"}},
		planCase{name: "outlets page", sql: sqlOutletSummaryPage, args: []any{"m", 50}},
		planCase{name: "outlet list", sql: sqlOutlets, walks: []string{"SCAN outlets"}},
		planCase{name: "outlet by name", sql: sqlOutletNamed, args: []any{"one"}},
		planCase{name: "sources page", sql: sqlSourceSummaries, args: []any{0, 50}},
		planCase{name: "source", sql: sqlSourceByID, args: []any{1}},
		planCase{name: "article", sql: sqlArticleSummary, args: []any{1}},
		planCase{name: "article by id", sql: sqlArticleByID, args: []any{1}},
		planCase{name: "history", sql: sqlVersionHeads, args: []any{1}},
		planCase{name: "history page", sql: sqlVersionHeadPage, args: []any{1, 0, 50}},
		planCase{name: "version", sql: sqlVersionBySeq, args: []any{1, 2}},
		planCase{name: "version by id", sql: sqlVersionByID, args: []any{1}},
		planCase{name: "text's base", sql: sqlTextBase, args: []any{1}},
		planCase{name: "version a new one follows", sql: sqlPrevText, args: []any{1, 3}},
		planCase{name: "article's newest capture", sql: sqlLastCapture, args: []any{1}},
		planCase{name: "capture and its base", sql: sqlCaptureBlobBase, args: []any{"h"}},
		planCase{name: "whole capture", sql: sqlWholeCapture, args: []any{"h"}},
		planCase{name: "article checks", sql: sqlRecentChecks, args: []any{1, 20}},
		planCase{name: "article outcomes", sql: sqlOutcomes, args: []any{1}},
		planCase{name: "article copies", sql: sqlArticleCopies, args: []any{1}},
		planCase{name: "article story", sql: sqlStoryOf, args: []any{1}},
		planCase{name: "article wire", sql: sqlArticleWire, args: []any{1}},
		planCase{name: "event", sql: sqlEventByID, args: []any{1}},
		planCase{name: "capture", sql: sqlCapture, args: []any{"h"}},
		planCase{name: "version's log leaf", sql: sqlVersionLeaf, args: []any{1}},
		planCase{name: "capture's log leaf", sql: sqlCaptureLeaf, args: []any{"h"}},
		planCase{name: "article's log leaves", sql: sqlArticleLeaves, args: []any{1}},
		planCase{name: "stories", sql: sqlStoryList, args: []any{50}, walks: []string{"SCAN stories USING INDEX stories_updated"}},
		planCase{name: "stories after", sql: sqlStoryListAfter, args: []any{nanos(planCursor), 9, 50}},
		planCase{name: "story", sql: sqlStoryByID, args: []any{1}},
		planCase{name: "story members", sql: sqlStoryMemberID, args: []any{1}},
		planCase{name: "story articles", sql: sqlStoryArticles + marks(3) + `) ORDER BY a.first_seen, a.id`, args: []any{1, 2, 3}},
		planCase{name: "story wires", sql: sqlMemberWires + marks(3) + `)`, args: []any{1, 2, 3}},
		planCase{name: "story timeline", sql: sqlStoryVersions, args: []any{1}},
		planCase{name: "wire members", sql: sqlWireMemberIDs, args: []any{1}},
		// Subscriptions are few; the latest deliveries walk the primary key.
		planCase{name: "subscriptions", sql: sqlSubscriptions, walks: []string{"SCAN subscriptions"}},
		planCase{name: "deliveries", sql: sqlDeliveries, args: []any{50}, walks: []string{"SCAN deliveries"}},
		planCase{name: "subscription deliveries", sql: sqlSubscriberDeliveries, args: []any{1, 50}},
	)
	return append(cases, searchPlanCases(d)...)
}

// changePlanCases is every combination of the changes list's filters.
func changePlanCases() []planCase {
	var cases []planCase
	for mask := range 1 << 5 {
		for _, classes := range [][]string{nil, {"byline"}, {"byline", "headline"}} {
			q := ChangeQuery{Classes: classes, HideMinor: mask&8 != 0, Limit: 50}
			if mask&1 != 0 {
				q.OutletID = 1
			}
			if mask&2 != 0 {
				q.ArticleID = 1
			}
			if mask&4 != 0 {
				q.StoryID = 1
			}
			if mask&16 != 0 {
				q.After = ChangeCursor{At: planCursor, VersionID: 9}
			}
			query, args := changesSQL(q)
			c := planCase{name: fmt.Sprintf("changes %+v", q), sql: query, args: args}
			switch {
			case q.OutletID == 0 && q.ArticleID == 0 && q.StoryID == 0 && len(classes) == 0 && mask&16 == 0:
				c.walks = []string{"SCAN v USING INDEX versions_fetched"} // the front page: every change by time
			case q.ArticleID == 0 && q.StoryID == 0:
				c.walks = []string{"SCAN class0", "SCAN class1"} // each class's page, merged
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// eventPlanCases is every combination of the events list's filters.
func eventPlanCases() []planCase {
	var cases []planCase
	for mask := range 1 << 3 {
		for _, kinds := range [][]model.EventKind{nil, {model.EventGone}, {model.EventGone, model.EventMoved}} {
			q := EventQuery{Kinds: kinds, Limit: 50}
			if mask&1 != 0 {
				q.OutletID = 1
			}
			if mask&2 != 0 {
				q.ArticleID = 1
			}
			if mask&4 != 0 {
				q.After = EventCursor{At: planCursor, ID: 9}
			}
			query, args := eventsSQL(q)
			c := planCase{name: fmt.Sprintf("events %+v", q), sql: query, args: args}
			switch {
			case q.ArticleID == 0 && q.OutletID == 0 && len(kinds) == 0 && mask&4 == 0:
				c.walks = []string{"SCAN e USING INDEX events_at"} // every event by time
			case q.ArticleID == 0:
				c.walks = []string{"SCAN kind0", "SCAN kind1"}
			}
			cases = append(cases, c)
		}
	}
	return cases
}

// searchPlanCases are the search page's statements. On SQLite the
// full-text table is always "scanned"; its index number says how: 192
// is rowid order, descending, and "<" the bound the page starts below;
// "=" is a lookup of one version by id.
func searchPlanCases(d dialect) []planCase {
	qs, expr := searchSQL{sqlSearchCandidates, sqlSearchNewer}, `"council"`
	if d == dialectPostgres {
		qs, expr = searchSQL{pgSearchCandidates, pgSearchNewer}, "council"
	}
	cases := []planCase{
		{name: "search page", sql: qs.candidates, args: []any{expr, int64(math.MaxInt64), 20},
			walks: []string{"SCAN version_search VIRTUAL TABLE INDEX 192:M3<"}},
		{name: "search newer", sql: qs.newer, args: []any{1, 5, expr},
			walks: []string{"SCAN version_search EXISTS VIRTUAL TABLE INDEX 0:=M3"}},
		{name: "search hits", sql: sqlSearchHits + marks(3) + `)`, args: []any{5, 4, 3}},
	}
	if d == dialectPostgres {
		cases = append(cases,
			planCase{name: "search walk's end", sql: pgSearchWalked, args: []any{int64(math.MaxInt64)}},
			planCase{name: "search below the walk", sql: pgSearchBelow, args: []any{expr, 5, 20}})
	}
	return cases
}

// seedPlans writes a little of everything the listings read, so
// PostgreSQL plans over tables that have rows and statistics.
func seedPlans(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	o := mustOutlet(t, s, "one")
	for i := range 5 {
		a := recordVersions(t, s, o, fmt.Sprintf("https://one.example/%d", i), "", "headline", "byline,wording", "minor")
		if _, err := s.AppendEvent(ctx, model.Event{ArticleID: a.ID, Kind: model.EventGone, At: t0}); err != nil {
			t.Fatal(err)
		}
	}
	if s.d == dialectPostgres {
		if _, err := s.w.ExecContext(ctx, `ANALYZE`); err != nil {
			t.Fatal(err)
		}
	}
}

// Every statement behind a page reads rows through indexes: no full scan
// of a table, whatever the store's size, on either engine. SQLite plans
// without statistics (errata never runs ANALYZE on it), so its plan is
// the one every store gets; PostgreSQL is told to avoid sequential scans,
// so one shows only where no index can serve the statement.
func TestPlans_EveryPageReadsThroughIndexes(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		s, _ := openTemp(t)
		seedPlans(t, s)
		for _, c := range pagePlanCases(s.d) {
			plan := sqlitePlan(t, s, c.sql, c.args...)
			if scan := sqliteScan(plan, c.walks); scan != "" {
				t.Errorf("%s: plan scans (%s):\n%s", c.name, scan, plan)
			}
		}
	})
	t.Run("postgres", func(t *testing.T) {
		s, _ := openPostgresTemp(t)
		seedPlans(t, s)
		for _, c := range pagePlanCases(s.d) {
			plan := postgresPlan(t, s, c.sql, c.args...)
			if scans := seqScans(plan); len(scans) > 0 {
				t.Errorf("%s: plan scans %v:\n%s", c.name, scans, plan)
			}
		}
	})
}

// sqliteScan returns the first line of plan that scans a table other
// than by one of the allowed walks, or "".
func sqliteScan(plan string, walks []string) string {
	for _, line := range strings.Split(plan, "\n") {
		if !strings.HasPrefix(line, "SCAN ") || line == "SCAN CONSTANT ROW" {
			continue
		}
		allowed := false
		for _, w := range walks {
			allowed = allowed || line == w
		}
		if !allowed {
			return line
		}
	}
	return ""
}

// postgresPlan returns PostgreSQL's plan of query as JSON, planned with
// sequential scans disabled on the connection that plans it.
func postgresPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := s.r.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `RESET enable_seqscan`) //nolint:errcheck // the connection goes back to the pool either way
	var plan string
	if err := conn.QueryRowContext(ctx, "EXPLAIN (FORMAT JSON) "+s.d.rebind(query), args...).Scan(&plan); err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	return plan
}

// seqScans lists the relations a PostgreSQL JSON plan reads by Seq Scan.
func seqScans(plan string) []string {
	var root []struct {
		Plan pgPlanNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(plan), &root); err != nil {
		return []string{"unreadable plan: " + err.Error()}
	}
	var out []string
	var walk func(n pgPlanNode)
	walk = func(n pgPlanNode) {
		if n.NodeType == "Seq Scan" {
			out = append(out, n.Relation)
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	for _, r := range root {
		walk(r.Plan)
	}
	return out
}

type pgPlanNode struct {
	NodeType string       `json:"Node Type"`
	Relation string       `json:"Relation Name"`
	Plans    []pgPlanNode `json:"Plans"`
}
