package stories

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// agencyText is a wire story of n paragraphs with distinct sentences.
func agencyText(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := strings.Fields("council river budget police minister election court storm harbour school bridge hospital union strike market vote report mayor judge tax water power rail plan fund")
	ps := make([]string, n)
	for i := range ps {
		var ws []string
		for range 30 + r.IntN(20) {
			ws = append(ws, vocab[r.IntN(len(vocab))])
		}
		ps[i] = strings.Join(ws, " ") + "."
	}
	return ps
}

func TestIsCopy_ReprintVariants(t *testing.T) {
	orig := agencyText(10, 1)
	furniture := []string{"Sign up for our morning newsletter.", "Advertisement", "Read more: the week in pictures"}
	repara := []string{strings.Join(orig[:3], " ")}
	repara = append(repara, orig[3:]...)
	cases := []struct {
		name string
		copy []string
		want bool
	}{
		{"identical", orig, true},
		{"furniture around it", append(append(append([]string{}, furniture...), orig...), furniture...), true},
		{"trimmed to the first four paragraphs", orig[:4], true},
		{"a local paragraph added", append(append([]string{}, orig[:5]...), append([]string{"In our town, the mayor said the plan would cost residents dearly and the council would oppose it at its next session."}, orig[5:]...)...), true},
		{"paragraphed differently", repara, true},
		{"another text", agencyText(10, 2), false},
		{"one shared paragraph only", append([]string{orig[0]}, agencyText(9, 3)...), false},
	}
	p := NewPrint(orig)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, f := IsCopy(p, NewPrint(c.copy))
			if got != c.want {
				t.Errorf("IsCopy = %v (shared %.2f), want %v", got, f, c.want)
			}
		})
	}
}

func TestShingles_TypographyAndParagraphsDoNotMatter(t *testing.T) {
	a := Shingles([]string{"The city’s council met on Monday.", "It voted to close the bridge."})
	b := Shingles([]string{"The CITY'S council met on Monday. It voted", "to close the bridge!"})
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("shingles differ:\n%v\n%v", a, b)
	}
}

// The banding must make pairs with resemblance 0.5 candidates at least 99
// times in 100; this measures it on random texts of that resemblance.
func TestBandKeys_HalfResemblanceIsACandidate(t *testing.T) {
	const trials = 400
	found := 0
	for i := range trials {
		shared := randomShingles(uint64(i), 0, 200)
		a := append(append([]uint64{}, shared...), randomShingles(uint64(i), 1, 100)...)
		b := append(append([]uint64{}, shared...), randomShingles(uint64(i), 2, 100)...)
		// |A∩B| = 200, |A∪B| = 400: resemblance 0.5.
		if shareKey(Sign(sorted(a)).BandKeys(), Sign(sorted(b)).BandKeys()) {
			found++
		}
	}
	if rate := float64(found) / trials; rate < 0.99 {
		t.Errorf("candidate rate at resemblance 0.5 = %.3f, want >= 0.99", rate)
	}
}

func TestBandKeys_UnrelatedTextsAreRarelyCandidates(t *testing.T) {
	const trials = 400
	found := 0
	for i := range trials {
		a := randomShingles(uint64(i), 3, 300)
		b := randomShingles(uint64(i), 4, 300)
		if shareKey(Sign(sorted(a)).BandKeys(), Sign(sorted(b)).BandKeys()) {
			found++
		}
	}
	if found > trials/100 {
		t.Errorf("%d of %d unrelated pairs were candidates", found, trials)
	}
}

func randomShingles(seed, stream uint64, n int) []uint64 {
	r := rand.New(rand.NewPCG(seed, stream+10))
	out := make([]uint64, n)
	for i := range out {
		out[i] = r.Uint64()
	}
	return out
}

func sorted(s []uint64) []uint64 {
	p := NewPrint(nil)
	p.Shingles = append(p.Shingles, s...)
	for i := 1; i < len(p.Shingles); i++ {
		for j := i; j > 0 && p.Shingles[j] < p.Shingles[j-1]; j-- {
			p.Shingles[j], p.Shingles[j-1] = p.Shingles[j-1], p.Shingles[j]
		}
	}
	return p.Shingles
}

func shareKey(a, b []int64) bool {
	for i := range a {
		if a[i] == b[i] {
			return true
		}
	}
	return false
}

func TestAlign_SharedOwnAndTrimmed(t *testing.T) {
	orig := agencyText(6, 5)
	local := "Residents of our valley told this newspaper they had not been consulted about any of it at all."
	copy := append(append([]string{"Advertisement"}, orig[:4]...), local)
	al := Align(orig, copy)
	if got := Own(al.A); len(got) != 2 || got[0] != orig[4] || got[1] != orig[5] {
		t.Errorf("trimmed paragraphs = %q, want the last two of the original", got)
	}
	if got := Own(al.B); len(got) != 2 || got[0] != "Advertisement" || got[1] != local {
		t.Errorf("added paragraphs = %q, want the furniture and the local paragraph", got)
	}
}
