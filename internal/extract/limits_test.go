package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"golang.org/x/net/html"
)

// repeated is a page whose article holds n copies of block.
func repeated(block string, n int) []byte {
	return []byte("<!DOCTYPE html><html><head><title>A long record</title></head><body><article><h1>A long record</h1>" +
		strings.Repeat(block, n) + "</article></body></html>")
}

func TestExtract_PageOverACapIsTooLarge(t *testing.T) {
	for _, c := range []struct {
		name string
		page []byte
		want string
	}{
		{"50k paragraphs", repeated("<p>The council met again.</p>\n", 50_000),
			fmt.Sprintf("extract: page too large to extract: 50000 paragraphs, limit %d", MaxParagraphs)},
		// 100k links in spans, and html, head, title, body, article, h1.
		{"200k elements", repeated("<span><a href=/x>x</a></span>", 100_000),
			fmt.Sprintf("extract: page too large to extract: 200006 elements, limit %d", MaxElements)},
		// Two blocks of 1 MB, and the title and headline (13 bytes each).
		{"2 MB of text", repeated("<div>"+strings.Repeat("word ", 200_000)+"</div>", 2),
			fmt.Sprintf("extract: page too large to extract: 2000026 bytes of text, limit %d", MaxTextBytes)},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := Extract("https://news.example.com/record", c.page, model.Rules{})
			if !errors.Is(err, ErrTooLarge) || err.Error() != c.want {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if a.Text != "" {
				t.Errorf("text extracted from a page over the cap: %.60q", a.Text)
			}
		})
	}
}

func TestMeasure_CountsParagraphsElementsAndProse(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html><head><title>T</title><script>var big = "` +
		strings.Repeat("x", 5000) + `";</script><style>p{}</style></head><body><p>One</p><div><p>Two <b>three</b></p></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	got := measure(doc)
	want := pageSize{paragraphs: 2, elements: 10, text: len("T") + len("One") + len("Two ") + len("three")}
	if got != want {
		t.Errorf("measure = %+v, want %+v", got, want)
	}
}

func TestExtract_PastItsBudgetIsTooLarge(t *testing.T) {
	page := repeated("<p>The council approved the budget on Tuesday after a long debate about roads.</p>", 5)
	// A budget already spent: its context is done before the first stage.
	_, err := ExtractContext(context.Background(), "https://news.example.com/a", page, model.Rules{}, Options{budget: -time.Second})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "page too large to extract: not done within -1s") {
		t.Fatalf("err = %v, want ErrTooLarge for the budget", err)
	}
}

func TestExtract_StopsWhenTheCallerCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	page := repeated("<p>The council approved the budget on Tuesday after a long debate about roads.</p>", 5)
	_, err := ExtractContext(ctx, "https://news.example.com/a", page, model.Rules{}, Options{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want the caller's cancellation", err)
	}
}
