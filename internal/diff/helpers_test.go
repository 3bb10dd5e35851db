package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readFixture returns testdata/name with trailing newlines trimmed.
func readFixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimRight(string(b), "\n")
}

// baseDoc is the article most compare cases revise.
func baseDoc(t testing.TB) Doc {
	return Doc{
		Title:  "Council approves harbour budget",
		Byline: "Maria Lopez",
		Text:   readFixture(t, "article.txt"),
	}
}

// replace replaces exactly one occurrence of old in s, failing otherwise,
// so a fixture edit that silently does nothing cannot pass a test.
func replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("fixture: %q occurs %d times", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

// swapParagraphs swaps paragraphs i and j of a text.
func swapParagraphs(s string, i, j int) string {
	ps := strings.Split(s, "\n\n")
	ps[i], ps[j] = ps[j], ps[i]
	return strings.Join(ps, "\n\n")
}
