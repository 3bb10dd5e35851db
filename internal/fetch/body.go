package fetch

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// acceptEncoding is what we can decompress ourselves, under a size cap.
const acceptEncoding = "gzip, deflate, br"

// errTooLarge is internal; readBody's caller wraps it with the URL.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("response body larger than %d bytes; raise the body size limit to fetch it", e.limit)
}

func (e *tooLargeError) Is(target error) bool { return target == ErrBodyTooLarge }

// readBody reads resp.Body, decompressing it, and stops as soon as either
// the raw or the decompressed stream passes limit: a compression bomb or
// an endless body costs at most limit bytes of memory.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &tooLargeError{limit: limit}
	}
	raw := &limitedReader{r: resp.Body, n: limit}
	r, err := decoder(resp.Header.Get("Content-Encoding"), raw)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if n > limit || errors.Is(err, ErrBodyTooLarge) {
		return nil, &tooLargeError{limit: limit}
	}
	if err != nil {
		return nil, fmt.Errorf("fetch: reading body: %w", err)
	}
	return buf.Bytes(), nil
}

// readPrefix reads at most limit decompressed bytes of resp.Body and
// reports whether the body went on past them, for documents whose format
// says bytes past a limit are ignored rather than refused. Neither stream
// is read much beyond limit.
func readPrefix(resp *http.Response, limit int64) (body []byte, cut bool, err error) {
	raw := &limitedReader{r: resp.Body, n: limit}
	r, err := decoder(resp.Header.Get("Content-Encoding"), raw)
	if err != nil {
		return nil, false, err
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	switch {
	case n > limit:
		return buf.Bytes()[:limit], true, nil
	case errors.Is(err, ErrBodyTooLarge):
		return buf.Bytes(), true, nil
	case err != nil:
		return nil, false, fmt.Errorf("fetch: reading body: %w", err)
	}
	return buf.Bytes(), false, nil
}

// limitedReader fails, rather than reporting EOF, when the raw stream is
// longer than n, so a truncated body is never mistaken for a whole one.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, &tooLargeError{}
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, &tooLargeError{}
	}
	return n, err
}

// decoder unwraps the codings listed in Content-Encoding, last applied
// first.
func decoder(contentEncoding string, r io.Reader) (io.Reader, error) {
	codings := strings.Split(contentEncoding, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		if r, err = decodeOne(strings.ToLower(strings.TrimSpace(codings[i])), r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func decodeOne(coding string, r io.Reader) (io.Reader, error) {
	switch coding {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%w: bad gzip stream: %w", ErrEncoding, err)
		}
		return zr, nil
	case "deflate":
		return deflateReader(r)
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("%w %q", ErrEncoding, coding)
}

// deflateReader accepts both zlib-wrapped deflate (what the RFC says) and
// raw deflate (what many servers send), telling them apart by the zlib
// header.
func deflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		zr, err := zlib.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: bad deflate stream: %w", ErrEncoding, err)
		}
		return zr, nil
	}
	return flate.NewReader(br), nil
}
