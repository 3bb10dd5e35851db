package diff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestWriteTerminal_Golden(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, d Doc) Doc
	}{
		{"headline_and_typo", func(t *testing.T, d Doc) Doc {
			d.Title = "Council approves harbour budget after debate"
			d.Text = replace(t, d.Text, "environmental review", "enviromental review")
			return d
		}},
		{"correction_appended", func(t *testing.T, d Doc) Doc {
			d.Byline = "Maria Lopez and Tom Becker"
			d.Text += "\n\nCorrection: An earlier version of this article misstated the vote. It was 7 to 2."
			return d
		}},
		{"paragraph_removed", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "\n\nA final reading of the budget is scheduled for next month.", "")
			return d
		}},
	}
	for _, tt := range tests {
		for _, color := range []bool{false, true} {
			name := tt.name + map[bool]string{false: "_plain", true: "_color"}[color]
			t.Run(name, func(t *testing.T) {
				old := baseDoc(t)
				var buf bytes.Buffer
				if err := WriteTerminal(&buf, Compare(old, tt.edit(t, old)), color); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", name+".golden"), buf.Bytes())
			})
		}
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteTerminal_ReturnsWriteError(t *testing.T) {
	err := WriteTerminal(failingWriter{}, Compare(Doc{Text: "a"}, Doc{Text: "b"}), false)
	if err == nil || err.Error() != "diff: write terminal: disk full" {
		t.Errorf("err = %v", err)
	}
}

func TestStatsLine_ListsClasses(t *testing.T) {
	r := Result{Added: 12, Removed: 3, Classes: []Class{TextAdded, Correction}}
	if got, want := statsLine(r), "+12 −3 words · text_added, correction"; got != want {
		t.Errorf("statsLine = %q, want %q", got, want)
	}
	if got, want := statsLine(Result{}), "+0 −0 words"; got != want {
		t.Errorf("statsLine = %q, want %q", got, want)
	}
}

// Escape sequences and bidi overrides in a version are shown as visible
// escapes; the only escape sequences written are the diff's own colours.
func TestWriteTerminal_EscapesControlsKeepsColours(t *testing.T) {
	const hostile = "\x1b]0;pwned\x07 \x1b[2J \u009b31m \u202eevil"
	old := Doc{Title: "Council votes", Byline: "Jane Doe", Text: "First line\nsecond line.\n\nThe vote was close."}
	cur := Doc{Title: "Council votes " + hostile, Byline: "Jane " + hostile + " Doe",
		Text: "First line\nsecond line " + hostile + ".\n\nThe vote was close\tand late."}
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteTerminal(&buf, Compare(old, cur), color); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		bare := strings.NewReplacer(ansiDelete, "", ansiInsert, "", ansiReset, "").Replace(out)
		if i := strings.IndexFunc(bare, func(r rune) bool {
			return r != '\n' && r != '\t' && (unicode.IsControl(r) || r == '\u202e')
		}); i >= 0 {
			t.Errorf("color=%v: raw %U reaches the terminal:\n%q", color, []rune(bare[i:])[0], out)
		}
		if color && !strings.Contains(out, ansiInsert) {
			t.Errorf("colours lost:\n%q", out)
		}
		for _, want := range []string{`\x1b]0;pwned\x07`, `\x1b[2J`, `\u009b31m`, `\u202eevil`, "First line\nsecond line", "\tand late"} {
			if !strings.Contains(bare, want) {
				t.Errorf("color=%v: output lacks %q:\n%s", color, want, out)
			}
		}
	}
}
