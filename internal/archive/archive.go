package archive

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
)

const (
	// MaxBlobSize bounds one body, packed or unpacked, so a damaged or
	// hostile blob cannot make Unpack inflate without end. Fetch caps
	// bodies far lower (10 MiB by default).
	MaxBlobSize = 64 << 20

	// level is the gzip level of new blobs. On a 200 KB page BestSpeed
	// keeps 34% of the body in about 3 ms, the default level 29% in about
	// 20 ms (BenchmarkPack). Packing sits on the path of every changed-page
	// check, whose cost must stay close to extraction alone.
	level = gzip.BestSpeed
)

// Errors a caller may test for with errors.Is.
var (
	ErrCorrupt  = errors.New("blob corrupt")
	ErrBadHash  = errors.New("invalid hash: want 64 lowercase hex characters")
	ErrTooLarge = errors.New("body too large")
)

// writers reuses gzip writers: each holds about a megabyte of compressor
// state, whose allocation cost as much as compressing a news page and fed
// the garbage collector on every changed-page check.
var writers = sync.Pool{New: func() any {
	zw, err := gzip.NewWriterLevel(nil, level)
	if err != nil {
		panic(err) // level is a valid constant
	}
	return zw
}}

// Hash returns the content address of body: its SHA-256 in lowercase hex.
func Hash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Pack returns body's address and its compressed blob.
func Pack(body []byte) (hash string, blob []byte, err error) {
	if len(body) > MaxBlobSize {
		return "", nil, fmt.Errorf("archive: pack: %w: %d bytes, limit %d", ErrTooLarge, len(body), MaxBlobSize)
	}
	var buf bytes.Buffer
	buf.Grow(len(body) / 3)
	zw := writers.Get().(*gzip.Writer)
	defer writers.Put(zw)
	zw.Reset(&buf)
	if _, err := zw.Write(body); err != nil {
		return "", nil, fmt.Errorf("archive: pack: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", nil, fmt.Errorf("archive: pack: %w", err)
	}
	return Hash(body), buf.Bytes(), nil
}

// Unpack returns the body of a blob after checking that it still hashes to
// the address it was kept under.
func Unpack(hash string, blob []byte) ([]byte, error) {
	if !ValidHash(hash) {
		return nil, fmt.Errorf("archive: unpack %q: %w", hash, ErrBadHash)
	}
	body, err := inflate(bytes.NewReader(blob))
	if err != nil {
		return nil, fmt.Errorf("archive: unpack %s: %w: %w", hash, ErrCorrupt, err)
	}
	if got := Hash(body); got != hash {
		return nil, fmt.Errorf("archive: unpack %s: %w: content hashes to %s", hash, ErrCorrupt, got)
	}
	return body, nil
}

// inflate decompresses a blob, refusing more than MaxBlobSize bytes.
func inflate(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	body, err := io.ReadAll(io.LimitReader(zr, MaxBlobSize+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBlobSize {
		return nil, fmt.Errorf("inflates beyond %d bytes", MaxBlobSize)
	}
	return body, nil
}

// ValidHash accepts exactly 64 lowercase hex characters.
func ValidHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
