package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// benchVocabulary feeds the deterministic prose generator.
var benchVocabulary = strings.Fields(`the council mayor harbour budget vote residents said
plan ferry terminal library flood million spring review hearing district city members
public opponents construction decision environmental routes funds tuesday night months
debate future waterfront association concerns people heard promised decade several asked`)

// benchText builds about words words of prose in paragraphs, deterministically
// (a linear congruential sequence, no math/rand), so runs compare.
func benchText(words int, seed uint32) string {
	var sb strings.Builder
	x := seed
	for i := 0; i < words; i++ {
		x = x*1664525 + 1013904223
		w := benchVocabulary[int(x>>8)%len(benchVocabulary)]
		switch {
		case i%60 == 59:
			sb.WriteString(w + ".\n\n")
		case i%12 == 11:
			sb.WriteString(w + ". ")
		case i%12 == 0:
			sb.WriteString(strings.ToUpper(w[:1]) + w[1:] + " ")
		default:
			sb.WriteString(w + " ")
		}
	}
	return strings.TrimSpace(sb.String())
}

// BenchmarkCompare: two ~1,000-word versions, one paragraph added and a
// few words changed (target: well under 1 ms per op).
func BenchmarkCompare(b *testing.B) {
	oldText := benchText(1000, 1)
	paras := strings.Split(oldText, "\n\n")
	paras[3] = strings.Replace(paras[3], "council", "committee", 2)
	paras[7] = strings.Replace(paras[7], "mayor", "governor", 1)
	paras = append(paras[:5], append([]string{benchText(50, 2)}, paras[5:]...)...)
	old := Doc{Title: "Council approves harbour budget", Byline: "Maria Lopez", Text: oldText}
	new := Doc{Title: old.Title, Byline: old.Byline, Text: strings.Join(paras, "\n\n")}
	b.ReportAllocs()
	for b.Loop() {
		Compare(old, new)
	}
}

func BenchmarkSideBySide(b *testing.B) {
	oldText := benchText(1000, 1)
	newText := strings.Replace(oldText, "mayor", "governor", 3)
	for b.Loop() {
		SideBySide(oldText, newText)
	}
}

// BenchmarkWords_FullRewrite is the worst case: a long story replaced
// from top to bottom.
func BenchmarkWords_FullRewrite(b *testing.B) {
	var old, cur strings.Builder
	for p := range 100 {
		for w := range 100 {
			fmt.Fprintf(&old, "old%d ", (p*100+w)%997)
			fmt.Fprintf(&cur, "new%d ", (p*100+w)%991)
		}
		old.WriteString("end.\n\n")
		cur.WriteString("end.\n\n")
	}
	a, c := old.String(), cur.String()
	b.ReportAllocs()
	for b.Loop() {
		Words(a, c)
	}
}

// rewrite returns n paragraphs of prose and n new paragraphs unlike any of
// them: a long page replaced from top to bottom.
func rewrite(n int) (old, cur string) {
	a, b := make([]string, n), make([]string, n)
	for i := range n {
		a[i] = benchText(40, uint32(i+1))
		b[i] = fmt.Sprintf("Entirely new paragraph %d reports on w%d x%d y%d z%d instead.", i, i, i*3, i*7, i*11)
	}
	return strings.Join(a, "\n\n"), strings.Join(b, "\n\n")
}

// BenchmarkSideBySide_Rewrite aligns long texts rewritten from top to
// bottom, where no removed paragraph has an added one like it.
func BenchmarkSideBySide_Rewrite(b *testing.B) {
	for _, n := range []int{1000, 2000, 8000} {
		old, cur := rewrite(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SideBySide(old, cur)
			}
		})
	}
}

// BenchmarkWords_Rewrite is the word diff of the same texts, as Compare
// and the inline view run it.
func BenchmarkWords_Rewrite(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		old, cur := rewrite(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Words(old, cur)
			}
		})
	}
}

// BenchmarkWords_Cut is a long text cut down to its first paragraph.
func BenchmarkWords_Cut(b *testing.B) {
	old, _ := rewrite(8000)
	first, _, _ := strings.Cut(old, "\n\n")
	b.ReportAllocs()
	for b.Loop() {
		Words(old, first)
	}
}

// BenchmarkWords_LongParagraph is one paragraph of 10,000 words, rewritten
// from top to bottom, and edited in two places.
func BenchmarkWords_LongParagraph(b *testing.B) {
	s := longParagraph(1000)
	old := strings.Join(s, " ")
	b.Run("rewritten", func(b *testing.B) {
		cur := strings.ToUpper(old)
		b.ReportAllocs()
		for b.Loop() {
			Words(old, cur)
		}
	})
	b.Run("two edits", func(b *testing.B) {
		s[3] = strings.Replace(s[3], "inquiry", "court", 1)
		s[990] = strings.Replace(s[990], "gates", "doors", 1)
		cur := strings.Join(s, " ")
		b.ReportAllocs()
		for b.Loop() {
			Words(old, cur)
		}
	})
}

// BenchmarkSentences splits a ~1,000-word text into sentences (MB/s of
// text).
func BenchmarkSentences(b *testing.B) {
	text := benchText(1000, 1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Sentences(text)
	}
}

// BenchmarkEditSentences compares two ~1,000-word texts split into
// sentences, three sentences edited and one added.
func BenchmarkEditSentences(b *testing.B) {
	olds := Sentences(benchText(1000, 1))
	news := slices.Clone(olds)
	for _, i := range []int{5, 20, 41} {
		news[i] = strings.Replace(news[i], "council", "committee", 1) + " Officials said."
	}
	news = slices.Insert(news, 30, "A sentence the new version adds.")
	b.ReportAllocs()
	for b.Loop() {
		EditSentences(olds, news)
	}
}
