package web

import (
	"reflect"
	"testing"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/store"
)

func sg(op diff.Op, text string) diff.Segment { return diff.Segment{Op: op, Text: text} }

func TestInlineParagraphs_SplitAtParagraphBreaks(t *testing.T) {
	eq, ins, del := diff.Equal, diff.Insert, diff.Delete
	tests := []struct {
		name string
		in   []diff.Segment
		want [][]diff.Segment
	}{
		{"none", nil, nil},
		{"one paragraph", []diff.Segment{sg(eq, "a "), sg(ins, "b")}, [][]diff.Segment{{sg(eq, "a "), sg(ins, "b")}}},
		{"break inside equal", []diff.Segment{sg(eq, "a\n\nb "), sg(del, "c")},
			[][]diff.Segment{{sg(eq, "a")}, {sg(eq, "b "), sg(del, "c")}}},
		{"removed paragraph", []diff.Segment{sg(eq, "a\n\n"), sg(del, "gone\n\n"), sg(eq, "b")},
			[][]diff.Segment{{sg(eq, "a")}, {sg(del, "gone")}, {sg(eq, "b")}}},
	}
	for _, tt := range tests {
		if got := diff.Paragraphs(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSplitSnippet_MarksWithoutMarkup(t *testing.T) {
	m, e := store.MarkStart, store.MarkEnd
	tests := []struct {
		in   string
		want []snipPart
	}{
		{"", nil},
		{"plain", []snipPart{{"plain", false}}},
		{"a " + m + "b" + e + " c", []snipPart{{"a ", false}, {"b", true}, {" c", false}}},
		{m + "x" + e + m + "y" + e, []snipPart{{"x", true}, {"y", true}}},
		{"a " + m + "unterminated", []snipPart{{"a ", false}, {"unterminated", true}}},
	}
	for _, tt := range tests {
		if got := splitSnippet(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitSnippet(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCursors_RoundTripAndRejectForgeries(t *testing.T) {
	c := store.Change{At: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), VersionID: 42}
	got, err := decodeChangeCursor(encodeChangeCursor(c))
	if err != nil || !got.At.Equal(c.At) || got.VersionID != 42 {
		t.Errorf("change cursor round trip = %+v, %v", got, err)
	}
	if id, err := decodeArticleCursor(encodeArticleCursor(7)); err != nil || id != 7 {
		t.Errorf("article cursor round trip = %d, %v", id, err)
	}
	for _, bad := range []string{"%%%", "Yy4x", encodeArticleCursor(3), "Yy4xLmE", "Yy4tMS4y"} {
		if _, err := decodeChangeCursor(bad); err == nil {
			t.Errorf("decodeChangeCursor(%q) accepted", bad)
		}
	}
}

func TestParagraphs_DropBlanks(t *testing.T) {
	got := paragraphs("a\n\n\n\n  b  \n\n")
	if !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("paragraphs = %q", got)
	}
}
