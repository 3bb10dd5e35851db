package fetch

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeCharset_Fixtures(t *testing.T) {
	tests := []struct {
		file        string
		contentType string
		want        string
	}{
		{"windows-1252-via-header.html", "text/html; charset=windows-1252", "Café “quoted” – naïve €5"},
		{"iso-8859-1-via-meta.html", "text/html", "Größe déjà vu"},
		{"iso-8859-7-greek-via-meta.html", "text/html", "Καλημέρα κόσμε"},
		{"shift_jis-via-meta.html", "", "こんにちは世界"},
		{"utf-8-bom.html", "text/html; charset=iso-8859-1", "Ünïcödé with BOM"},
		{"utf-8-with-wrong-header-charset.html", "text/html; charset=ISO-8859-1", "Crème brûlée"},
		{"undeclared-latin1-fallback.html", "text/html", "Déjà vu"},
		{"iso-8859-1-meta-after-1024.html", "text/html", "Señor"},
		{"xml-declaration-iso-8859-1.xml", "application/rss+xml", "Zürich"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body := readFixture(t, tt.file)
			got, err := DecodeCharset(body, tt.contentType)
			if err != nil {
				t.Fatalf("DecodeCharset: %v", err)
			}
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("decoded body lacks %q:\n%s", tt.want, got)
			}
			if bytes.HasPrefix(got, []byte("\xef\xbb\xbf")) {
				t.Errorf("BOM kept in output")
			}
		})
	}
}

func TestDecodeCharset_UnknownCharsetIsError(t *testing.T) {
	tests := []struct {
		name        string
		body        []byte
		contentType string
	}{
		{"meta", readFixture(t, "unknown-charset-via-meta.html"), "text/html"},
		{"header", []byte("plain"), `text/html; charset="xyz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeCharset(tt.body, tt.contentType)
			if !errors.Is(err, ErrCharset) {
				t.Fatalf("err = %v, want ErrCharset", err)
			}
			if want := `fetch: unknown charset "xyz"`; err.Error() != want {
				t.Errorf("message = %q, want %q", err, want)
			}
		})
	}
}

func TestDecodeCharset_Labels(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		want        string
	}{
		{"plain ascii", "hello", "", "hello"},
		{"sloppy header", "caf\xe9", "text/html;charset=ISO-8859-1;", "café"},
		{"quoted header", "caf\xe9", `text/html; charset="latin1"`, "café"},
		{"declared utf-8 invalid bytes replaced", "a\xffb", "text/html; charset=utf-8", "a\uFFFDb"},
		{"meta utf-16 means utf-8", `<meta charset="utf-16">é`, "", `<meta charset="utf-16">é`},
		{"utf-16le bom", "\xff\xfeh\x00i\x00", "", "hi"},
		{"header wins over meta", `<meta charset="iso-8859-7">caf` + "\xe9", "text/html; charset=windows-1252", `<meta charset="iso-8859-7">café`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCharset([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatalf("DecodeCharset: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzDecodeCharset(f *testing.F) {
	f.Add([]byte("<meta charset=\"shift_jis\">\x82\xa0"), "")
	f.Add([]byte("\xef\xbb\xbfhello"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<?xml version='1.0' encoding='koi8-r'?><a>\xc1</a>"), "")
	f.Add([]byte(`<meta http-equiv="content-type" content="text/html; charset=`), "charset")
	f.Add([]byte("\xfe\xff\x00h\xd8"), "text/html; charset=")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, err := DecodeCharset(body, contentType)
		if err != nil {
			if !errors.Is(err, ErrCharset) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
	})
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
