package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// prose returns a paragraph long enough to count as prose.
func prose(word string) string {
	return strings.TrimSpace(strings.Repeat(word+" ", 20))
}

func TestSplitBody_GathersRepeatedBlocksInDocumentOrder(t *testing.T) {
	a, b, c, d, e, f := prose("alpha"), prose("bravo"), prose("charlie"), prose("delta"), prose("echo"), prose("foxtrot")
	block := func(class string, ps ...string) string {
		return `<div class="row"><div class="` + class + `"><p>` + strings.Join(ps, "</p><p>") + `</p></div></div>`
	}
	tests := []struct {
		name string
		page string
		body []string
		want []string
	}{
		{
			name: "later sibling blocks are appended",
			page: block("part body", a, b) + `<div class="ad">Ad</div>` + block("body part", c, d),
			body: []string{a, b},
			want: []string{a, b, c, d},
		},
		{
			name: "an earlier block comes first",
			page: block("part", a, b) + block("part", c, d) + block("part", e, f),
			body: []string{c, d},
			want: []string{a, b, c, d, e, f},
		},
		{
			name: "a block with another class set is not the article",
			page: block("part", a, b) + block("comment", c, d),
			body: []string{a, b},
			want: []string{a, b},
		},
		{
			name: "a block of short cards is not prose",
			page: block("part", a, b) + block("part", "Read more", "Sign up"),
			body: []string{a, b},
			want: []string{a, b},
		},
		{
			name: "a block of links is not prose",
			page: block("part", a, b) + `<div class="row"><div class="part"><p><a href="/x">` + c +
				`</a></p><p><a href="/y">` + d + `</a></p></div></div>`,
			body: []string{a, b},
			want: []string{a, b},
		},
		{
			name: "lists in a further block are left out",
			page: block("part", a, b) + `<div class="row"><div class="part"><p>` + c + `</p><p>` + d +
				`</p><ul><li>Other story</li></ul></div></div>`,
			body: []string{a, b},
			want: []string{a, b, c, d},
		},
		{
			name: "paragraphs already in the body are not repeated",
			page: block("part", a, b) + block("part", b, c),
			body: []string{a, b},
			want: []string{a, b, c},
		},
		{
			name: "a body not found in the page is kept as it is",
			page: block("part", a, b) + block("part", c, d),
			body: []string{e},
			want: []string{e},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body><article>" + tt.page + "</article></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := splitBody(doc, slices.Clone(tt.body)); !slices.Equal(got, tt.want) {
				t.Errorf("splitBody() = %d paragraphs %q…, want %d", len(got), got, len(tt.want))
			}
		})
	}
}
