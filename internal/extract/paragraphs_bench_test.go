package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

// manyParagraphs is an article page of n distinct prose paragraphs.
func manyParagraphs(n int) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>A long record</title></head><body><article><h1>A long record</h1>\n")
	for i := range n {
		fmt.Fprintf(&b, "<p>Paragraph %d of the record says that the council met on day %d and agreed to item %d after a debate.</p>\n", i, i%365, i*7)
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

// BenchmarkExtractParagraphs shows how extraction grows with the number of
// paragraphs on a page.
func BenchmarkExtractParagraphs(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		page := manyParagraphs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Extract("https://news.example.com/record", page, model.Rules{})
			}
		})
	}
}
