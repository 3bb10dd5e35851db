package diff

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/errata/errata/internal/extract/benchmark/corpus"
)

// Packed edits read back are the edits computed from the two texts, for
// edits of every kind and texts with several paragraphs.
func TestPackEdits_ReadBackAsComputed(t *testing.T) {
	old := benchText(600, 7)
	sents := Sentences(old)
	variants := map[string]string{
		"same":      old,
		"edited":    strings.Replace(old, "council", "committee", 3),
		"added":     old + "\n\nA paragraph the update adds. It has two sentences.",
		"deleted":   strings.Join(slices.Delete(slices.Clone(sents), 3, 6), " "),
		"moved":     strings.Join(append(slices.Clone(sents[5:]), sents[:5]...), " "),
		"rewritten": benchText(300, 9),
		"empty":     "",
	}
	for name, new := range variants {
		t.Run(name, func(t *testing.T) {
			want := EditSentences(Sentences(old), Sentences(new))
			b := PackEdits(old, new)
			if b == nil {
				t.Fatal("not packed")
			}
			got, ok := UnpackEdits(b, old, new)
			if !ok || !slices.Equal(got, want) {
				t.Errorf("unpacked %v (ok %v), want %v", got, ok, want)
			}
			if name == "edited" && len(b) > 100 {
				t.Errorf("%d bytes packed for %d edits", len(b), len(want))
			}
		})
	}
}

// What is not a packing of these two texts is refused, never misread.
func TestUnpackEdits_RefusesWhatDoesNotFit(t *testing.T) {
	old := "The mayor resigned. The council met."
	new := "The mayor resigned on Tuesday. The council met. A vote follows."
	b := PackEdits(old, new)
	if _, ok := UnpackEdits(b, old, new); !ok {
		t.Fatal("a good packing refused")
	}
	for name, c := range map[string]struct {
		b        []byte
		old, new string
	}{
		"other texts":   {b, new, old},
		"truncated":     {b[:len(b)-1], old, new},
		"trailing byte": {append(slices.Clone(b), 0), old, new},
		"nothing":       {nil, old, new},
		"garbage":       {[]byte{0xff, 0xff, 0xff}, old, new},
	} {
		if got, ok := UnpackEdits(c.b, c.old, c.new); ok {
			t.Errorf("%s: read as %v", name, got)
		}
	}
	if b := PackEdits("One.\r\n\r\nTwo.", "One.\r\n\r\nThree."); b != nil {
		t.Errorf("texts with carriage returns packed: %v", b)
	}
}

func FuzzUnpackEdits(f *testing.F) {
	f.Add(PackEdits("The mayor resigned. The council met.", "The mayor resigned today. The council met."), "The mayor resigned. The council met.", "The mayor resigned today. The council met.")
	f.Fuzz(func(t *testing.T, b []byte, old, new string) {
		edits, ok := UnpackEdits(b, old, new)
		if !ok {
			return
		}
		for _, e := range edits {
			if !strings.Contains(old, e.OldText) || !strings.Contains(new, e.NewText) {
				t.Fatalf("edit %v names text outside the texts", e)
			}
		}
	})
}

// realCorpus is the article-extraction benchmark, whose hand-checked
// bodies of real news pages are kept beside the project (not in it).
const realCorpus = "../../../shared/data/article-extraction-benchmark"

// On real article bodies, each revised the ways newsrooms revise (a
// sentence cut, two swapped, a word changed, one repeated, one added),
// packed edits read back as computed.
func TestPackEdits_RealBodies(t *testing.T) {
	c, err := corpus.Open(filepath.FromSlash(realCorpus))
	if errors.Is(err, corpus.ErrMissing) {
		t.Skipf("real article bodies not available: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pairs := 0
	for _, id := range c.IDs { // in a fixed order, so a failure repeats
		body := c.Truth[id].Body
		for k := range 6 {
			s := Sentences(body)
			if len(s) < 2 {
				break
			}
			i, j := rng.IntN(len(s)), rng.IntN(len(s))
			switch k {
			case 0:
				s = slices.Delete(s, i, i+1)
			case 1:
				s[i], s[j] = s[j], s[i]
			case 2:
				s[i] = strings.Replace(s[i], " ", " updated ", 1)
			case 3:
				s = slices.Insert(s, i, s[j])
			case 4:
				s = append(s, "A sentence the update adds.")
			case 5:
				s = s[:1]
			}
			revised := strings.Join(s, " ")
			if strings.Contains(body, "\r") {
				continue
			}
			want := EditSentences(Sentences(body), Sentences(revised))
			got, ok := UnpackEdits(PackEdits(body, revised), body, revised)
			if !ok || !slices.Equal(got, want) {
				t.Fatalf("revision %d of %.60q: unpacked %v (ok %v), want %v", k, body, got, ok, want)
			}
			pairs++
		}
	}
	t.Logf("%d revisions of %d bodies", pairs, len(c.IDs))
	if pairs < 500 {
		t.Errorf("only %d revisions compared", pairs)
	}
}
