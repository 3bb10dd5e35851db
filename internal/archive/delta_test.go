package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// edited is text with its second paragraph rewritten and a sentence added
// at the end: the shape of a correction.
func edited(text []byte) []byte {
	paras := bytes.Split(text, []byte("\n"))
	if len(paras) > 1 {
		paras[1] = []byte("This paragraph was rewritten after publication, with a new quote from the council.")
	}
	return append(bytes.Join(paras, []byte("\n")), "\nCorrection: an earlier version misstated the vote."...)
}

func TestDelta_RoundTripsAndPacksSmall(t *testing.T) {
	base := page(20_000)
	body := edited(base)
	delta, err := PackDelta(base, body)
	if err != nil {
		t.Fatal(err)
	}
	if len(delta) > len(body)/20 {
		t.Errorf("a small edit of %d bytes packed to %d bytes against its base", len(body), len(delta))
	}
	got, err := UnpackDelta(base, delta)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, body) {
		t.Error("unpacked delta differs from the body")
	}
}

func TestDelta_EmptyBaseAndBody(t *testing.T) {
	for _, c := range []struct{ base, body []byte }{{nil, []byte("text")}, {[]byte("text"), nil}, {nil, nil}} {
		delta, err := PackDelta(c.base, c.body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := UnpackDelta(c.base, delta)
		if err != nil || !bytes.Equal(got, c.body) {
			t.Errorf("base %q body %q: got %q, %v", c.base, c.body, got, err)
		}
	}
}

// A delta read against another base must fail, not give another text.
func TestDelta_WrongBaseFails(t *testing.T) {
	base := page(20_000)
	delta, err := PackDelta(base, edited(base))
	if err != nil {
		t.Fatal(err)
	}
	other := bytes.Clone(base)
	other[len(other)/2] ^= 0x20
	if got, err := UnpackDelta(other, delta); err == nil {
		t.Errorf("delta read against another base gave %d bytes and no error", len(got))
	}
	if _, err := UnpackDelta(base, delta[:len(delta)-3]); err == nil {
		t.Error("a truncated delta read without error")
	}
}

func TestDelta_RefusesOversizedBodies(t *testing.T) {
	_, err := PackDelta(nil, make([]byte, MaxBlobSize+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
}

// realBodies are the hand-checked bodies of real news pages kept beside
// the project; the delta's sizes are measured on them, not on made text.
const realBodies = "../../../shared/data/article-extraction-benchmark/ground-truth.json"

func realTexts(tb testing.TB) [][]byte {
	raw, err := os.ReadFile(filepath.FromSlash(realBodies))
	if err != nil {
		tb.Skipf("real article bodies not available: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatal(err)
	}
	var texts [][]byte
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range truth {
			if !yield(k) {
				return
			}
		}
	}) {
		if body := truth[k].ArticleBody; len(strings.Fields(body)) >= 100 {
			texts = append(texts, []byte(body))
		}
	}
	return texts
}

// BenchmarkDelta_RealText packs each real body, edited as a correction
// is, against the body as first published, and reports the bytes a
// version takes whole and as a delta.
func BenchmarkDelta_RealText(b *testing.B) {
	texts := realTexts(b)
	var whole, packed int
	for b.Loop() {
		whole, packed = 0, 0
		for _, text := range texts {
			body := edited(text)
			delta, err := PackDelta(text, body)
			if err != nil {
				b.Fatal(err)
			}
			whole, packed = whole+len(body), packed+len(delta)
		}
	}
	b.ReportMetric(float64(whole)/float64(len(texts)), "B/whole")
	b.ReportMetric(float64(packed)/float64(len(texts)), "B/delta")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/pack")
}

func BenchmarkUnpackDelta_RealText(b *testing.B) {
	texts := realTexts(b)
	deltas := make([][]byte, len(texts))
	for i, text := range texts {
		var err error
		if deltas[i], err = PackDelta(text, edited(text)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		for i, text := range texts {
			if _, err := UnpackDelta(text, deltas[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/unpack")
}
