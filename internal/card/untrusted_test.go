package card

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/errata/errata/internal/diff"
)

// Whatever an outlet's page holds, a card is drawn: no panic, a PNG that
// decodes.
func TestCard_UntrustedTextNeverBreaksRendering(t *testing.T) {
	r := newTestRenderer(t)
	huge := strings.Repeat("word ", 200_000)
	nasty := []string{
		"",
		huge,
		strings.Repeat("x", 100_000), // one unbreakable word
		strings.Repeat("部", 100_000), // CJK without breaks
		"tab\there\r\nnew\x00line\x07bell\x1b[31mred\u0085next", // controls
		"\u202eevil override\u202c and \u2067isolate\u2069 \u202bembed",
		"emoji 😀🎉👨‍👩‍👧‍👦 flags 🇫🇷 keycap 1️⃣",
		"invalid \xff\xfe\xc3 utf-8",
		"z̷̢̧̛̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ" + strings.Repeat("\u0301", 5000),
		"\u200b\u200c\u200d\ufeff\u00ad",
		"\U0010ffff\ue000 private use \U000f0000",
		strings.Repeat("ب", 50_000),
		"mixed عربي English עברית 中文 " + strings.Repeat("ﷺ", 100),
	}
	for i, s := range nasty {
		c := Change{
			Outlet: s, OldTitle: s, NewTitle: s + "!", Classes: []string{s},
			Pieces: []Piece{
				{Label: s, Segments: []diff.Segment{{Op: diff.Equal, Text: s}, {Op: diff.Delete, Text: s}, {Op: diff.Insert, Text: s}}},
				{Segments: nil},
				{Segments: []diff.Segment{{Op: diff.Insert, Text: ""}}},
			},
			Added: -1, Removed: 1 << 40,
		}
		for _, size := range []Size{Wide, Phone, Size(99)} {
			b, err := r.PNG(c, size)
			if err != nil {
				t.Fatalf("case %d, %v: %v", i, size, err)
			}
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Fatalf("case %d, %v: %v", i, size, err)
			}
		}
	}
}

func TestClean_DropsControlsAndOverrides(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		limit    int
		cut      bool
	}{
		{"a\tb\nc\r\nd", "a b c  d", 100, false},
		{"x\x00y\x7fz\u0085w", "xyzw", 100, false},
		{"\u202eabc\u202c \u2066d\u2069", "abc d", 100, false},
		{"rlm\u200fstays", "rlm\u200fstays", 100, false},
		{"bad\xffbyte", "bad\ufffdbyte", 100, false},
		{"abcdef", "abc", 3, true},
		{"ab\x00", "ab", 2, false},
	} {
		got, cut := clean(tc.in, tc.limit)
		if string(got) != tc.want || cut != tc.cut {
			t.Errorf("clean(%q, %d) = %q, %v; want %q, %v", tc.in, tc.limit, string(got), cut, tc.want, tc.cut)
		}
	}
}
