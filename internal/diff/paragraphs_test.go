package diff

import (
	"fmt"
	"slices"
	"testing"
)

// lcsLen is the length of the longest common subsequence of a and b.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestParagraphDiff_IsALongestCommonSubsequence checks, over many small
// texts drawn from a few paragraphs (some on one side only, some repeated,
// some moved), that the diff rebuilds both texts in order and keeps as
// many paragraphs as can be kept.
func TestParagraphDiff_IsALongestCommonSubsequence(t *testing.T) {
	x := uint32(7)
	draw := func(n int, pool string) []string {
		out := make([]string, n)
		for i := range out {
			x = x*1664525 + 1013904223
			out[i] = fmt.Sprintf("%s%d", pool[x>>28%uint32(len(pool)):][:1], x>>24%5)
		}
		return out
	}
	for c := range 2000 {
		a := draw(int(c%9), "abc")
		b := draw(int(c/9%9), "bcd")
		ops, ok := paragraphDiff(a, b)
		if !ok {
			t.Fatalf("%q / %q: not diffed", a, b)
		}
		var gotA, gotB []string
		same := 0
		for _, o := range ops {
			if o.op != Insert {
				gotA = append(gotA, o.text)
			}
			if o.op != Delete {
				gotB = append(gotB, o.text)
			}
			if o.op == Equal {
				same++
			}
		}
		if !slices.Equal(gotA, a) || !slices.Equal(gotB, b) || same != lcsLen(a, b) {
			t.Fatalf("%q / %q: ops %v keep %d, want %d and both texts back", a, b, ops, same, lcsLen(a, b))
		}
	}
}
