package archive

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

const (
	// MaxBlobSize bounds one body, stored or read back, so a damaged or
	// hostile file cannot make Get inflate without end. Fetch caps bodies
	// far lower (10 MiB by default).
	MaxBlobSize = 64 << 20

	// level is the gzip level for new blobs. Measured with BenchmarkPut on
	// a 200 KB page: BestSpeed stores 34% of the body in about 3 ms of
	// compression, the default 29% in about 20 ms. A capture is written on
	// the path of every changed-page check, whose cost must stay close to
	// extraction alone, so speed wins over 5 points of ratio.
	level = gzip.BestSpeed

	dirPerm  = 0o755
	filePerm = 0o644
	blobExt  = ".gz"
)

// Errors a caller may test for with errors.Is.
var (
	ErrNotFound = errors.New("blob not found")
	ErrCorrupt  = errors.New("blob corrupt")
	ErrBadHash  = errors.New("invalid hash: want 64 lowercase hex characters")
	ErrTooLarge = errors.New("body too large")
)

// Archive is a content-addressed store of compressed bodies in one directory.
// It is safe for concurrent use, also by several processes sharing the
// directory.
type Archive struct {
	dir   string
	level int
}

// Open returns the archive rooted at dir, creating dir if it is missing.
func Open(dir string) (*Archive, error) {
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, fmt.Errorf("archive: open %s: %w", dir, err)
	}
	return &Archive{dir: dir, level: level}, nil
}

// Hash returns the content address of body: its SHA-256 in lowercase hex.
func Hash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Put stores body and returns its hash. A body already stored is not
// written again.
func (a *Archive) Put(body []byte) (string, error) {
	if len(body) > MaxBlobSize {
		return "", fmt.Errorf("archive: put: %w: %d bytes, limit %d", ErrTooLarge, len(body), MaxBlobSize)
	}
	hash := Hash(body)
	if a.Has(hash) {
		return hash, nil
	}
	if err := a.write(a.path(hash), body); err != nil {
		return "", fmt.Errorf("archive: put %s: %w", hash, err)
	}
	return hash, nil
}

// Get returns the body stored under hash after checking that it still
// hashes to it.
func (a *Archive) Get(hash string) ([]byte, error) {
	if !validHash(hash) {
		return nil, fmt.Errorf("archive: get %q: %w", hash, ErrBadHash)
	}
	f, err := os.Open(a.path(hash))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("archive: get %s: %w", hash, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("archive: get %s: %w", hash, err)
	}
	defer f.Close()
	body, err := inflate(f)
	if err != nil {
		return nil, fmt.Errorf("archive: get %s: %w: %w", hash, ErrCorrupt, err)
	}
	if got := Hash(body); got != hash {
		return nil, fmt.Errorf("archive: get %s: %w: content hashes to %s", hash, ErrCorrupt, got)
	}
	return body, nil
}

// Has reports whether a blob is stored under hash. It does not verify the
// blob; Get does.
func (a *Archive) Has(hash string) bool {
	if !validHash(hash) {
		return false
	}
	fi, err := os.Stat(a.path(hash))
	return err == nil && fi.Mode().IsRegular()
}

// path fans blobs out over two directory levels (256 × 256) so no single
// directory has to hold millions of files. hash must be valid.
func (a *Archive) path(hash string) string {
	return filepath.Join(a.dir, hash[0:2], hash[2:4], hash+blobExt)
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

// validHash accepts exactly 64 lowercase hex characters, which also keeps
// separators and ".." out of any path built from it.
func validHash(h string) bool {
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
