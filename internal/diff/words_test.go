package diff

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestWords_ReconstructsBothTexts(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"both_empty", "", ""},
		{"from_empty", "", "Hello world."},
		{"to_empty", "Hello world.", ""},
		{"identical", "Same text.", "Same text."},
		{"word_inserted", "The cat sat.", "The black cat sat."},
		{"word_replaced", "The cat sat.", "The dog sat."},
		{"punctuation_changed", "Yes, he said.", "Yes! he said"},
		{"whitespace_changed", "a  b\n\nc", "a b\n\n\nc"},
		{"unicode", "Zoë’s café — naïve 東京", "Zoe’s café – naive 東京都"},
		{"invalid_utf8", "ok \xff\xfe bad", "ok \xfe good"},
		{"repeated_tokens", "la la la la", "la la"},
		{"paragraphs", "One.\n\nTwo.\n\nThree.", "One.\n\nThree.\n\nTwo."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := Words(tt.a, tt.b)
			if got := Side(segs, Delete); got != tt.a {
				t.Errorf("Equal+Delete = %q, want %q", got, tt.a)
			}
			if got := Side(segs, Insert); got != tt.b {
				t.Errorf("Equal+Insert = %q, want %q", got, tt.b)
			}
			for i, s := range segs {
				if s.Text == "" {
					t.Errorf("segment %d is empty", i)
				}
				if i > 0 && segs[i-1].Op == s.Op {
					t.Errorf("segments %d and %d share op %v", i-1, i, s.Op)
				}
			}
		})
	}
}

func TestWords_ChangesWholeWords(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []Segment
	}{
		{"typo_is_one_word", "Smith said teh move", "Smith said the move", []Segment{
			{Equal, "Smith said "}, {Delete, "teh"}, {Insert, "the"}, {Equal, " move"},
		}},
		{"insertion_keeps_neighbours", "a quick fox", "a very quick fox", []Segment{
			{Equal, "a "}, {Insert, "very "}, {Equal, "quick fox"},
		}},
		{"number_is_one_word", "cost 4.5 million", "cost 4.8 million", []Segment{
			{Equal, "cost "}, {Delete, "4.5"}, {Insert, "4.8"}, {Equal, " million"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Words(tt.a, tt.b); !slices.Equal(got, tt.want) {
				t.Errorf("Words = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTokenize_JoinsWordsAndSplitsPunctuation(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"don't stop", []string{"don't", " ", "stop"}},
		{"well-known, 1,000.", []string{"well-known", ",", " ", "1,000", "."}},
		{"“Hi!”  he", []string{"“", "Hi", "!", "”", "  ", "he"}},
		{"end-", []string{"end", "-"}},
		{"a\xffb", []string{"a", "\xff", "b"}},
	}
	for _, tt := range tests {
		if got := tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncoder_SkipsSurrogates(t *testing.T) {
	for _, n := range []int{0, surrogateMin - 1, surrogateMin, maxTokenIDs - 1} {
		r := idRune(n)
		if !utf8.ValidRune(r) {
			t.Errorf("idRune(%d) = %U, not a valid rune", n, r)
		}
		if got := runeID(r); got != n {
			t.Errorf("runeID(idRune(%d)) = %d", n, got)
		}
	}
}

func TestEditDistance_CountsTranspositionOnce(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"teh", "the", 1}, {"kitten", "sitting", 3},
		{"enviromental", "environmental", 1}, {"café", "cafe", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzWords(f *testing.F) {
	f.Add("The cat sat.", "The black cat sat.")
	f.Add("", "x")
	f.Add("a\xffb", "\xfe")
	f.Add("One.\n\nTwo.", "Two.\n\nOne.")
	f.Add("Zoë’s café", "Zoe's cafe")
	f.Fuzz(func(t *testing.T, a, b string) {
		segs := Words(a, b)
		if got := Side(segs, Delete); got != a {
			t.Fatalf("Equal+Delete = %q, want %q", got, a)
		}
		if got := Side(segs, Insert); got != b {
			t.Fatalf("Equal+Insert = %q, want %q", got, b)
		}
	})
}
