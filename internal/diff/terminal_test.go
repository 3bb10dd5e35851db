package diff

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
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
