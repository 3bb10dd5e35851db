package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func open(t testing.TB) *Archive {
	t.Helper()
	a, err := Open(filepath.Join(t.TempDir(), "captures"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestOpen_CreatesMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("Open did not create %s: %v", dir, err)
	}
}

func TestOpen_FailsWhenDirIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file); err == nil || !strings.HasPrefix(err.Error(), "archive: ") {
		t.Fatalf("Open(file) = %v, want an archive: error", err)
	}
}

func TestPutGet_RoundTrip(t *testing.T) {
	tests := []struct {
		name string
		body []byte
	}{
		{"empty", nil},
		{"small html", []byte("<html><p>Hello</p></html>")},
		{"binary", []byte{0, 1, 2, 0xff, 0xfe, 0}},
		{"large page", page(200 << 10)},
	}
	a := open(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash, err := a.Put(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if hash != Hash(tt.body) {
				t.Errorf("Put returned %s, Hash says %s", hash, Hash(tt.body))
			}
			if !a.Has(hash) {
				t.Errorf("Has(%s) = false after Put", hash)
			}
			got, err := a.Get(hash)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.body) {
				t.Errorf("Get returned %d bytes, want %d", len(got), len(tt.body))
			}
		})
	}
}

func TestPut_StoresGzipUnderFannedOutPath(t *testing.T) {
	a := open(t)
	hash, err := a.Put([]byte("hello"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	if hash != want {
		t.Fatalf("hash = %s, want %s", hash, want)
	}
	f, err := os.Open(filepath.Join(a.dir, "2c", "f2", want+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := gzip.NewReader(f); err != nil {
		t.Errorf("blob is not gzip: %v", err)
	}
}

func TestPut_IdempotentDoesNotRewrite(t *testing.T) {
	a := open(t)
	body := []byte("same body")
	h1, err := a.Put(body)
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(a.path(h1))
	if err != nil {
		t.Fatal(err)
	}
	h2, err := a.Put(body)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(a.path(h2))
	if err != nil {
		t.Fatal(err)
	}
	// A rewrite would rename a new file into place: a different inode.
	if h1 != h2 || !os.SameFile(before, after) {
		t.Errorf("second Put rewrote the blob (hashes %s, %s)", h1, h2)
	}
	if leftovers := temps(t, a); len(leftovers) > 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}
}

func TestPut_RejectsTooLargeBody(t *testing.T) {
	a := open(t)
	if _, err := a.Put(make([]byte, MaxBlobSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Put(too large) = %v, want ErrTooLarge", err)
	}
}

func TestGet_DetectsCorruptBlob(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, path string)
	}{
		{"not gzip", func(t *testing.T, path string) { write(t, path, []byte("plain text")) }},
		{"truncated gzip", func(t *testing.T, path string) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			write(t, path, data[:len(data)/2])
		}},
		{"valid gzip of other content", func(t *testing.T, path string) { write(t, path, gz(t, []byte("tampered"))) }},
		{"empty file", func(t *testing.T, path string) { write(t, path, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := open(t)
			hash, err := a.Put(page(4 << 10))
			if err != nil {
				t.Fatal(err)
			}
			tt.corrupt(t, a.path(hash))
			if _, err := a.Get(hash); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Get = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestGet_MissingBlobIsNotFound(t *testing.T) {
	a := open(t)
	hash := Hash([]byte("never stored"))
	if _, err := a.Get(hash); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get = %v, want ErrNotFound", err)
	}
	if a.Has(hash) {
		t.Errorf("Has = true for a missing blob")
	}
}

func TestGet_RejectsBadHash(t *testing.T) {
	valid := Hash([]byte("x"))
	tests := []struct {
		name string
		hash string
	}{
		{"empty", ""},
		{"too short", valid[:63]},
		{"too long", valid + "0"},
		{"uppercase", strings.ToUpper(valid)},
		{"not hex", strings.Repeat("g", 64)},
		{"path traversal", "../../../../etc/passwd" + strings.Repeat("a", 42)},
		{"slash inside", valid[:30] + "/" + valid[31:]},
		{"nul byte", valid[:63] + "\x00"},
	}
	a := open(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := a.Get(tt.hash); !errors.Is(err, ErrBadHash) {
				t.Errorf("Get(%q) = %v, want ErrBadHash", tt.hash, err)
			}
			if a.Has(tt.hash) {
				t.Errorf("Has(%q) = true", tt.hash)
			}
		})
	}
}

func TestPut_ConcurrentSameBodyIsSafe(t *testing.T) {
	const writers = 32
	a := open(t)
	body := page(64 << 10)
	var wg sync.WaitGroup
	errs := make(chan error, writers*2)
	for range writers {
		wg.Go(func() {
			hash, err := a.Put(body)
			if err != nil {
				errs <- err
				return
			}
			// Other writers may still be renaming their copies over this
			// one; a reader must always see a whole blob.
			if got, err := a.Get(hash); err != nil {
				errs <- err
			} else if !bytes.Equal(got, body) {
				errs <- errors.New("Get returned different content")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, err := a.Get(Hash(body)); err != nil || !bytes.Equal(got, body) {
		t.Errorf("after concurrent puts: Get = %d bytes, %v", len(got), err)
	}
	if leftovers := temps(t, a); len(leftovers) > 0 {
		t.Errorf("temp files left behind: %v", leftovers)
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// temps lists temp files anywhere under the archive.
func temps(t *testing.T, a *Archive) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(a.dir, "*", "*", ".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}
