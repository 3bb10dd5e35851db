package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// MaxBlobSize bounds one body, packed or unpacked, so a damaged or hostile
// blob cannot make Unpack inflate without end. Fetch caps bodies far lower
// (10 MiB by default).
const MaxBlobSize = 64 << 20

// Errors a caller may test for with errors.Is.
var (
	ErrCorrupt  = errors.New("blob corrupt")
	ErrBadHash  = errors.New("invalid hash: want 64 lowercase hex characters")
	ErrTooLarge = errors.New("body too large")
	// ErrNoDict reports a blob compressed with a dictionary the caller
	// could not provide: the blob may be sound, but it cannot be read.
	ErrNoDict = errors.New("dictionary missing")
)

// Hash returns the content address of body: its SHA-256 in lowercase hex.
func Hash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Pack returns body's address and its blob, zstd-compressed without a
// dictionary (Dict.Pack uses one).
func Pack(body []byte) (hash string, blob []byte, err error) {
	return pack(plainEncoder(), body)
}

// Unpack returns the body of a blob after checking that it still hashes to
// the address it was kept under. It reads every form blobs were ever kept
// in: gzip, zstd, and zstd with a dictionary, which dicts provides (nil
// when the caller has none; such a blob is then refused with ErrNoDict).
func Unpack(hash string, blob []byte, dicts Dicts) ([]byte, error) {
	if !ValidHash(hash) {
		return nil, fmt.Errorf("archive: unpack %q: %w", hash, ErrBadHash)
	}
	body, err := decode(blob, dicts)
	if errors.Is(err, ErrNoDict) {
		return nil, fmt.Errorf("archive: unpack %s: %w", hash, err)
	}
	if err != nil {
		return nil, fmt.Errorf("archive: unpack %s: %w: %w", hash, ErrCorrupt, err)
	}
	if got := Hash(body); got != hash {
		return nil, fmt.Errorf("archive: unpack %s: %w: content hashes to %s", hash, ErrCorrupt, got)
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
