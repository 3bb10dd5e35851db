package web

import (
	"context"
	"strings"
	"testing"

	"github.com/errata/errata/internal/diff"
)

func TestDiff_RepeatedRequestIsServedFromTheCache(t *testing.T) {
	f := newFixture(t, Config{})
	ctx := context.Background()
	first, err := f.srv.loadDiff(ctx, f.mayor.ID, 0, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.srv.loadDiff(ctx, f.mayor.ID, 0, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	// The same rows, not rows computed again.
	if len(first.Rows) == 0 || &first.Rows[0] != &again.Rows[0] {
		t.Error("the second request computed the diff again")
	}
	inline, err := f.srv.loadDiff(ctx, f.mayor.ID, 0, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(inline.Inline) == 0 || len(inline.Rows) != 0 {
		t.Errorf("the inline view got the side-by-side diff: %d rows, %d paragraphs", len(inline.Rows), len(inline.Inline))
	}
	other, err := f.srv.loadDiff(ctx, f.mayor.ID, 1, 2, false)
	if err != nil {
		t.Fatal(err)
	}
	if diff.Side(other.Rows[0].Left, diff.Delete) != "The mayor resigned on Tuesday evening." {
		t.Errorf("another pair of versions got a cached diff: %+v", other.Rows[0])
	}
	// Three views, and the sentence edits of two pairs of versions.
	if n := f.srv.diffs.order.Len(); n != 5 {
		t.Errorf("%d diffs kept, want 5", n)
	}
}

// body is a diff holding one paragraph of n bytes.
func body(n int) diffBody {
	return diffBody{Rows: []diff.Row{{Right: []diff.Segment{{Op: diff.Insert, Text: strings.Repeat("x", n)}}}}}
}

func TestDiffCache_DropsTheLeastRecentlyUsedWithinItsBounds(t *testing.T) {
	entry := body(1000).size()
	c := newDiffCache(3*entry, 10)
	key := func(i int) diffKey { return diffKey{old: int64(i), new: int64(i + 1)} }
	for i := range 3 {
		c.put(key(i), body(1000))
	}
	c.get(key(0)) // 0 is now the most recently used, 1 the least
	c.put(key(3), body(1000))
	for i, want := range []bool{true, false, true, true} {
		if _, ok := c.get(key(i)); ok != want {
			t.Errorf("diff %d kept = %v, want %v", i, ok, want)
		}
	}
	if c.bytes > 3*entry {
		t.Errorf("%d bytes kept, bound %d", c.bytes, 3*entry)
	}
	c.put(key(9), body(4*entry))
	if _, ok := c.get(key(9)); ok {
		t.Error("a diff larger than the cache was kept")
	}

	small := newDiffCache(1<<20, 2)
	for i := range 5 {
		small.put(key(i), body(10))
	}
	if small.order.Len() != 2 || len(small.byKey) != 2 {
		t.Errorf("%d diffs kept, bound 2", small.order.Len())
	}
	for i := range 5 {
		if _, ok := small.get(key(i)); ok != (i >= 3) {
			t.Errorf("diff %d kept = %v", i, ok)
		}
	}
}
