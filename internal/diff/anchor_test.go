package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSentencesKeep_SplitsLikeSentencesAndKeepsEveryByte(t *testing.T) {
	for _, p := range []string{
		"Mr. Smith said no. The vote was 3.5 to 2!  Then \"it ended.” Next one?",
		"No. 10 is the address. It was quiet… The end",
		"東京は雨。大阪は晴れ。",
		"one sentence without an end",
		"",
	} {
		pieces := sentencesKeep(p)
		if strings.Join(pieces, "") != p {
			t.Errorf("%q: pieces %q do not rebuild it", p, pieces)
		}
		var trimmed []string
		for _, s := range pieces {
			trimmed = append(trimmed, strings.TrimSpace(s))
		}
		if want := Sentences(p); !slices.Equal(trimmed, want) {
			t.Errorf("%q: pieces %q, Sentences %q", p, trimmed, want)
		}
	}
}

// longParagraph is one paragraph of n sentences of about ten words.
func longParagraph(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("Witness %d told the inquiry that the harbour gates closed at %d.", i, i%24)
	}
	return s
}

func TestWords_LongParagraphIsAlignedSentenceBySentence(t *testing.T) {
	s := longParagraph(400) // about 5,000 words in one paragraph
	old := strings.Join(s, " ")
	s[3] = strings.Replace(s[3], "inquiry", "court", 1)
	s[390] = strings.Replace(s[390], "gates", "doors", 1)
	cur := strings.Join(s, " ")
	segs := Words(old, cur)
	if Side(segs, Delete) != old || Side(segs, Insert) != cur {
		t.Fatal("the diff does not rebuild both texts")
	}
	var changed []string
	for _, sg := range segs {
		if sg.Op != Equal {
			changed = append(changed, sg.Op.String()+" "+sg.Text)
		}
	}
	want := []string{"delete inquiry", "insert court", "delete gates", "insert doors"}
	if !slices.Equal(changed, want) {
		t.Errorf("changes %q, want %q", changed, want)
	}
}

func TestWords_EndlessSentenceKeepsItsEndsAndReplacesTheMiddle(t *testing.T) {
	words := make([]string, 4000)
	for i := range words {
		words[i] = fmt.Sprintf("item%d", i)
	}
	old := strings.Join(words, " ")
	words[100], words[3900] = "first", "last"
	cur := strings.Join(words, " ")
	segs := Words(old, cur)
	if Side(segs, Delete) != old || Side(segs, Insert) != cur {
		t.Fatal("the diff does not rebuild both texts")
	}
	ops := make([]Op, len(segs))
	for i, sg := range segs {
		ops[i] = sg.Op
	}
	if want := []Op{Equal, Delete, Insert, Equal}; !slices.Equal(ops, want) ||
		!strings.HasPrefix(segs[1].Text, "item100 ") || !strings.HasSuffix(segs[1].Text, " item3900") {
		t.Errorf("ops %v (middle %.30q…), want the shared ends kept and the middle replaced", ops, segs[1].Text)
	}
}
