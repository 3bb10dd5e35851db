package discover

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// MaxSitemapBytes is the most a gzipped sitemap may inflate to: the
// protocol's 50 MB limit on an uncompressed sitemap. It keeps a small
// "sitemap.xml.gz" bomb from filling memory.
const MaxSitemapBytes = 50 << 20

// isGzip reports whether b starts with the gzip magic number. Sitemaps are
// often served as .xml.gz files, which HTTP decompression does not undo.
func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// gunzip inflates b, failing when the result would exceed limit bytes.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("gunzip: inflates beyond %d bytes", limit)
	}
	return out, nil
}

// gunzipPrefix inflates at most n bytes of b, ignoring errors past what it
// could read: enough to sniff a compressed document's root element.
func gunzipPrefix(b []byte, n int) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	defer zr.Close()
	out, _ := io.ReadAll(io.LimitReader(zr, int64(n)))
	return out
}
