package discover

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge is wrapped by the error of a compressed document that
// inflates past the size it is allowed.
var ErrTooLarge = errors.New("discover: document too large")

// tooLargeError says how large a document may be.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("inflates to more than %d bytes, the body size limit", e.limit)
}

func (e *tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// isGzip reports whether b starts with the gzip magic number. Sitemaps are
// often served as .xml.gz files, which HTTP decompression does not undo.
func isGzip(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// gunzip inflates b, failing when the result would exceed limit bytes:
// a small "sitemap.xml.gz" bomb costs at most limit bytes of memory.
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
		return nil, fmt.Errorf("gunzip: %w", &tooLargeError{limit: limit})
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
