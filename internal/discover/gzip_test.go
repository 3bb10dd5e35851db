package discover

import (
	"bytes"
	"compress/gzip"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseSitemap_GzippedEqualsPlain(t *testing.T) {
	const base = "https://www.example.com/sitemap.xml.gz"
	plain, err := ParseSitemap(fixture(t, "sitemap.xml"), base, testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	zipped, err := ParseSitemap(fixture(t, "sitemap-gzipped.xml.gz"), base, testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(urls(zipped.Links), urls(plain.Links)) || zipped.Dropped != plain.Dropped {
		t.Errorf("gzipped = %q (%d dropped), plain = %q (%d dropped)",
			urls(zipped.Links), zipped.Dropped, urls(plain.Links), plain.Dropped)
	}
}

func TestDetect_GzippedSitemap(t *testing.T) {
	if got := Detect(fixture(t, "sitemap-gzipped.xml.gz"), "application/x-gzip"); got != KindSitemap {
		t.Errorf("Detect = %q, want %q", got, KindSitemap)
	}
}

func TestGunzip_RefusesBeyondLimit(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(bytes.Repeat([]byte("a"), 4096)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		limit   int64
		wantErr bool
	}{{4096, false}, {4095, true}}
	for _, tt := range tests {
		out, err := gunzip(buf.Bytes(), tt.limit)
		if (err != nil) != tt.wantErr {
			t.Errorf("limit %d: err = %v, want error %v", tt.limit, err, tt.wantErr)
		}
		if err == nil && len(out) != 4096 {
			t.Errorf("limit %d: got %d bytes", tt.limit, len(out))
		}
	}
}

func TestParseSitemap_CorruptGzipIsAnError(t *testing.T) {
	body := fixture(t, "sitemap-gzipped.xml.gz")
	body = body[:len(body)/2]
	_, err := ParseSitemap(body, "", testMaxBytes)
	if err == nil || !strings.HasPrefix(err.Error(), "discover: parse sitemap: gunzip") {
		t.Errorf("error = %v, want a gunzip error", err)
	}
}

// gzippedSitemap compresses a one-URL sitemap padded with blank space to
// size bytes.
func gzippedSitemap(t *testing.T, size int) []byte {
	t.Helper()
	const head, tail = `<urlset><url><loc>https://example.com/a</loc></url>`, `</urlset>`
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write([]byte(head))
	pad := bytes.Repeat([]byte(" "), 64<<10)
	for left := size - len(head) - len(tail); left > 0; left -= len(pad) {
		zw.Write(pad[:min(left, len(pad))])
	}
	zw.Write([]byte(tail))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A gzipped sitemap may inflate to the body size limit the caller fetched
// it under, no further.
func TestParseSitemap_GzipPastLimitIsTooLarge(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"at the limit", testMaxBytes, false},
		{"one byte past", testMaxBytes + 1, true},
		{"fifty MiB", 50 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(gzippedSitemap(t, tt.size), "", testMaxBytes)
			if !tt.wantErr {
				if err != nil || len(sm.Links) != 1 {
					t.Fatalf("got %d links, %v; want 1 link", len(sm.Links), err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			want := "discover: parse sitemap: gunzip: inflates to more than 10485760 bytes, the body size limit"
			if err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})
	}
}
