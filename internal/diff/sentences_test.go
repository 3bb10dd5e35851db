package diff

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSentences_Splits(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one", "Just one sentence", []string{"Just one sentence"}},
		{"two", "First one. Second one.", []string{"First one.", "Second one."}},
		{"question_exclamation", "Why? Because! Fine.", []string{"Why?", "Because!", "Fine."}},
		{"title_abbreviation", "Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"country_abbreviation", "The U.S. Senate voted. It passed.", []string{"The U.S. Senate voted.", "It passed."}},
		{"initials", "J. K. Rowling spoke. Fans cheered.", []string{"J. K. Rowling spoke.", "Fans cheered."}},
		{"decimal", "It rose 3.5 percent. Then fell.", []string{"It rose 3.5 percent.", "Then fell."}},
		{"quote_closes_after_period", `He said, "It is over." She left.`, []string{`He said, "It is over."`, "She left."}},
		{"curly_quote", "“We won.” The crowd roared.", []string{"“We won.”", "The crowd roared."}},
		{"lowercase_continues", "See e.g. the report. Done.", []string{"See e.g. the report.", "Done."}},
		{"ellipsis", "Wait... What happened? Nothing.", []string{"Wait...", "What happened?", "Nothing."}},
		{"time_abbreviation_ends", "It began at 3 p.m. The mayor spoke.", []string{"It began at 3 p.m.", "The mayor spoke."}},
		{"paragraphs_split", "No period here\n\nNext paragraph.", []string{"No period here", "Next paragraph."}},
		{"cjk", "今日は晴れ。明日は雨。", []string{"今日は晴れ。", "明日は雨。"}},
		{"number_abbreviation", "He lives at No. 10 now. No. He moved.", []string{"He lives at No. 10 now.", "No.", "He moved."}},
		{"german", "Hr. Müller kam. Er ging.", []string{"Hr. Müller kam.", "Er ging."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith said. \"Yes.\" Then 3.5 left...")
	f.Add("a\n\nb. C")
	f.Add(". . .")
	f.Add("\xff. \xfe")
	f.Fuzz(func(t *testing.T, text string) {
		got := Sentences(text)
		var words []string
		for _, s := range got {
			if s == "" || s != strings.TrimSpace(s) {
				t.Fatalf("sentence %q is empty or untrimmed", s)
			}
			words = append(words, wordsOf(s)...)
		}
		// Splitting only cuts between tokens: no word is lost or broken.
		var want []string
		for _, p := range paragraphs(text) {
			want = append(want, wordsOf(p)...)
		}
		if !slices.Equal(words, want) {
			t.Fatalf("words changed: %q vs %q", words, want)
		}
	})
}

// isEndMark is the switch form of sentenceEnds; they must not drift.
func TestIsEndMark_IsSentenceEnds(t *testing.T) {
	for r := rune(0); r < 0x3100; r++ {
		if got, want := isEndMark(r), strings.ContainsRune(sentenceEnds, r); got != want {
			t.Errorf("isEndMark(%q) = %v, want %v", r, got, want)
		}
	}
}

// EditSentences over split texts is Edits over the texts.
func TestEditSentences_IsEdits(t *testing.T) {
	old := "The council met. It voted 5-4.\n\nThe mayor said nothing. Dr. Smith left."
	for _, new := range []string{old, "The council met. It voted 6-3.\n\nThe mayor said nothing.",
		"It voted 5-4. The council met.\n\nThe mayor spoke at length. Dr. Smith left."} {
		if got, want := EditSentences(Sentences(old), Sentences(new)), Edits(old, new); !reflect.DeepEqual(got, want) {
			t.Errorf("EditSentences = %+v\nEdits = %+v", got, want)
		}
	}
}
