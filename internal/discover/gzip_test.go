package discover

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"
)

func TestParseSitemap_GzippedEqualsPlain(t *testing.T) {
	const base = "https://www.example.com/sitemap.xml.gz"
	plain, err := ParseSitemap(fixture(t, "sitemap.xml"), base)
	if err != nil {
		t.Fatal(err)
	}
	zipped, err := ParseSitemap(fixture(t, "sitemap-gzipped.xml.gz"), base)
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
	_, err := ParseSitemap(body, "")
	if err == nil || !strings.HasPrefix(err.Error(), "discover: parse sitemap: gunzip") {
		t.Errorf("error = %v, want a gunzip error", err)
	}
}
