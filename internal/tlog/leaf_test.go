package tlog

import (
	"bytes"
	"testing"
	"time"
)

func TestVersionLeaf_EncodeIsCanonical(t *testing.T) {
	v := VersionLeaf{ArticleID: 7, URL: "https://example.org/a", Seq: 2,
		FetchedAt: time.Unix(0, 1700000000123456789), Title: "T\nnewline", Byline: "B",
		Text: "body", CaptureHash: "abc", Classes: []string{"wording", "headline"}, Modified: time.Unix(0, 1700000000000000000)}
	want := "errata-log-leaf v1\nkind version\narticle 7\nurl \"https://example.org/a\"\nseq 2\n" +
		"fetched 1700000000123456789\ntitle \"T\\nnewline\"\nbyline \"B\"\n" +
		"text sha256:230d8358dc8e8890b4c58deeb62912ee2f20357ae92a5cc861b98e68fe31acb5\n" +
		"capture \"abc\"\nclasses \"wording,headline\"\nmodified 1700000000000000000\n"
	if got := string(v.Encode()); got != want {
		t.Fatalf("leaf:\n%s\nwant:\n%s", got, want)
	}
}

func TestLeaf_AnyFieldChangesTheHash(t *testing.T) {
	base := VersionLeaf{ArticleID: 1, URL: "u", Seq: 1, FetchedAt: time.Unix(5, 0), Title: "t", Text: "x"}
	edits := map[string]func(*VersionLeaf){
		"text":     func(v *VersionLeaf) { v.Text = "y" },
		"seq":      func(v *VersionLeaf) { v.Seq = 2 },
		"fetched":  func(v *VersionLeaf) { v.FetchedAt = time.Unix(4, 0) },
		"title":    func(v *VersionLeaf) { v.Title = "t2" },
		"article":  func(v *VersionLeaf) { v.ArticleID = 2 },
		"classes":  func(v *VersionLeaf) { v.Classes = []string{"a"} },
		"modified": func(v *VersionLeaf) { v.Modified = time.Unix(9, 0) },
		// A field's value cannot smuggle in the next field.
		"injected": func(v *VersionLeaf) { v.Title = "t\"\nbyline \"" },
	}
	h := LeafHash(base.Encode())
	for name, edit := range edits {
		v := base
		edit(&v)
		if LeafHash(v.Encode()) == h {
			t.Errorf("%s: edited leaf hashes the same", name)
		}
	}
	c := CaptureLeaf{Hash: "h", URL: "u", Status: 200, FetchedAt: time.Unix(5, 0), Size: 10}
	c2 := c
	c2.Size = 11
	if bytes.Equal(c.Encode(), c2.Encode()) {
		t.Error("capture size not in its leaf")
	}
}

func TestPurgeLeaf_RoundTrips(t *testing.T) {
	for _, p := range []PurgeLeaf{
		{ArticleID: 3, URL: "https://e.example/a,b", Versions: []int64{4, 5}, Captures: []string{"h1", "h2"}},
		{ArticleID: 4, URL: "u"},
	} {
		got, err := ParsePurgeLeaf(p.Encode())
		if err != nil || got.ArticleID != p.ArticleID || got.URL != p.URL || len(got.Versions) != len(p.Versions) ||
			len(got.Captures) != len(p.Captures) {
			t.Errorf("ParsePurgeLeaf(%+v) = %+v, %v", p, got, err)
		}
	}
	if _, err := ParsePurgeLeaf(VersionLeaf{}.Encode()); err == nil {
		t.Error("a version leaf parsed as a purge")
	}
}
