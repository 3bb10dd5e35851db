package stories

import (
	"strings"
	"testing"
)

// Text from any page goes through the tokenisers: they must never panic,
// and copy detection must find any text a copy of itself.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"PARIS (AFP) — The Senate voted.\n\nSt. Brendan’s Hospital said $4.5 million.",
		"(", "((AP))", "A. B. C. D.", "“”‘’", "in In in", "\u0301\u0301", "1,2,3.4.5",
		"Reporting by X; Editing by Y", strings.Repeat("word ", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps := strings.Split(s, "\n\n")
		_ = Credit(s, ps)
		fe := NewFeatures(Article{Outlet: s, Title: s, Paragraphs: ps})
		if c := Compare(fe, fe); c.Text < 0 || c.Facts < 0 {
			t.Fatalf("negative similarity %+v", c)
		}
		al := Align(ps, ps)
		if len(al.A) != len(ps) || len(al.B) != len(ps) {
			t.Fatalf("alignment of %d paragraphs has %d and %d", len(ps), len(al.A), len(al.B))
		}
		p := NewPrint(ps)
		if len(p.Shingles) >= MinSharedShingles {
			if ok, _ := IsCopy(p, p); !ok {
				t.Fatal("a text is not a copy of itself")
			}
		}
	})
}
