package diff

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestSideBySide_RewriteStopsAtTheParagraphCap(t *testing.T) {
	old, cur := rewrite(1000)
	rows, cut := SideBySide(old, cur)
	changed := 0
	for _, r := range rows {
		if HasChanges(r.Left) || HasChanges(r.Right) {
			changed++
		}
	}
	// 1000 removed and 1000 added paragraphs, none alike: 2000 rows.
	if changed != MaxChangedParagraphs || cut.MoreParagraphs != 2000-MaxChangedParagraphs {
		t.Errorf("%d changed rows shown, %d left out; want %d and %d", changed, cut.MoreParagraphs, MaxChangedParagraphs, 2000-MaxChangedParagraphs)
	}
	want := fmt.Sprintf("diff truncated: %d more changed paragraphs, see the full texts", 2000-MaxChangedParagraphs)
	if cut.Note() != want {
		t.Errorf("note %q, want %q", cut.Note(), want)
	}
}

func TestSideBySide_StopsAtTheWordCap(t *testing.T) {
	// Ten long paragraphs, each replaced by one sharing no word with it.
	var old, cur []string
	for i := range 10 {
		old = append(old, strings.Repeat(fmt.Sprintf("old%d ", i), 5000)+"end")
		cur = append(cur, strings.Repeat(fmt.Sprintf("new%d ", i), 5000)+"stop")
	}
	rows, cut := SideBySide(strings.Join(old, "\n\n"), strings.Join(cur, "\n\n"))
	words := 0
	for _, r := range rows {
		words += changedWords(r.Left) + changedWords(r.Right)
	}
	if words > MaxChangedWords || len(rows)+cut.MoreParagraphs != 20 || cut.MoreParagraphs == 0 {
		t.Errorf("%d rows with %d changed words shown, %d left out; want at most %d words and 20 rows in all",
			len(rows), words, cut.MoreParagraphs, MaxChangedWords)
	}
}

func TestSideBySide_UnchangedParagraphsAfterTheCutAreLeftOut(t *testing.T) {
	old, cur := rewrite(400)
	old += "\n\nThe same closing paragraph."
	cur += "\n\nThe same closing paragraph."
	rows, cut := SideBySide(old, cur)
	if last := rows[len(rows)-1]; !HasChanges(last.Left) && !HasChanges(last.Right) {
		t.Errorf("an unchanged paragraph after the cut is shown: %q", Side(last.Left, Delete))
	}
	if cut.MoreParagraphs != 800-MaxChangedParagraphs {
		t.Errorf("%d left out, want %d", cut.MoreParagraphs, 800-MaxChangedParagraphs)
	}
}

func TestSideBySide_EditedParagraphIsSoughtOnlyAShortWayAhead(t *testing.T) {
	inserted := func(n int) string {
		ps := make([]string, n)
		for i := range ps {
			ps[i] = fmt.Sprintf("Inserted update number %d arrives.", i)
		}
		return strings.Join(ps, "\n\n")
	}
	old := "The vote was close."
	near, _ := SideBySide(old, inserted(maxPairLookahead-1)+"\n\nThe vote was very close.")
	if last := near[len(near)-1]; Side(last.Left, Delete) != old {
		t.Errorf("edit %d paragraphs ahead not paired: %q", maxPairLookahead-1, shapeOf(near[len(near)-1:]))
	}
	far, _ := SideBySide(old, inserted(maxPairLookahead)+"\n\nThe vote was very close.")
	if first := far[0]; Side(first.Left, Delete) != old || len(first.Right) != 0 {
		t.Errorf("edit %d paragraphs ahead paired: %q", maxPairLookahead, shapeOf(far[:1]))
	}
}

func TestLimitParagraphs(t *testing.T) {
	var paras [][]Segment
	for i := range MaxChangedParagraphs + 5 {
		paras = append(paras, []Segment{{Equal, "Same."}}, []Segment{{Insert, fmt.Sprintf("New %d.", i)}})
	}
	kept, cut := LimitParagraphs(paras)
	if len(kept) != 2*MaxChangedParagraphs+1 || cut.MoreParagraphs != 5 {
		t.Errorf("kept %d paragraphs, %d left out; want %d and 5", len(kept), cut.MoreParagraphs, 2*MaxChangedParagraphs+1)
	}
	if all, cut := LimitParagraphs(paras[:10]); len(all) != 10 || cut.Note() != "" {
		t.Errorf("a short diff was cut: %d paragraphs, note %q", len(all), cut.Note())
	}
}

func TestWriteTerminal_TruncatedDiffEndsWithTheNote(t *testing.T) {
	old, cur := rewrite(400)
	var buf bytes.Buffer
	if err := WriteTerminal(&buf, Compare(Doc{Text: old}, Doc{Text: cur}), false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) > MaxChangedParagraphs+3 {
		t.Errorf("%d lines printed, want at most %d", len(lines), MaxChangedParagraphs+3)
	}
	if note := lines[len(lines)-2]; !strings.HasPrefix(note, "diff truncated: ") || !strings.HasSuffix(note, " more changed paragraphs, see the full texts") {
		t.Errorf("next to last line %q, want the truncation note", note)
	}
	if stats := lines[len(lines)-1]; !strings.HasPrefix(stats, "+") {
		t.Errorf("last line %q, want the stats over the whole texts", stats)
	}
}
