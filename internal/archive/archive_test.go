package archive

import (
	"bytes"
	"compress/gzip"
	"errors"

	"github.com/klauspost/compress/zstd"
	"strings"
	"testing"
)

func TestPackUnpack_RoundTrips(t *testing.T) {
	for _, body := range [][]byte{{}, []byte("hello"), {0, 1, 2, 255}, page(200_000)} {
		hash, blob, err := Pack(body)
		if err != nil {
			t.Fatal(err)
		}
		if hash != Hash(body) {
			t.Errorf("Pack hash %s, want %s", hash, Hash(body))
		}
		got, err := Unpack(hash, blob, nil)
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("Unpack(Pack(%d bytes)) = %d bytes, %v", len(body), len(got), err)
		}
	}
}

func TestHash_IsSHA256Hex(t *testing.T) {
	const want = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	if got := Hash([]byte("hello")); got != want {
		t.Fatalf("Hash(hello) = %s, want %s", got, want)
	}
}

func TestPack_CompressesPages(t *testing.T) {
	body := page(200_000)
	_, blob, err := Pack(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(blob) > len(body)/2 {
		t.Errorf("blob %d bytes for a %d-byte page; want under half", len(blob), len(body))
	}
}

func TestUnpack_DetectsCorruption(t *testing.T) {
	body := []byte("the original body")
	hash, blob, _ := Pack(body)
	_, other, _ := Pack([]byte("some other body"))
	var huge bytes.Buffer
	zw := gzip.NewWriter(&huge)
	zeros := make([]byte, 1<<20)
	for range MaxBlobSize>>20 + 1 {
		zw.Write(zeros)
	}
	zw.Close()
	tests := map[string][]byte{
		"not gzip":      []byte("plain text"),
		"truncated":     blob[:len(blob)/2],
		"other content": other,
		"empty":         nil,
		"gzip bomb":     huge.Bytes(),
		"zstd bomb":     zstdBomb(t),
		"zstd garbage":  append(append([]byte{}, zstdMagic...), "not a frame at all"...),
	}
	for name, b := range tests {
		if _, err := Unpack(hash, b, nil); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

func TestUnpack_RefusesMalformedHashes(t *testing.T) {
	_, blob, _ := Pack([]byte("x"))
	for _, h := range []string{"", "../../etc/passwd", strings.ToUpper(Hash([]byte("x"))), Hash([]byte("x"))[:63], Hash([]byte("x")) + "0"} {
		if _, err := Unpack(h, blob, nil); !errors.Is(err, ErrBadHash) {
			t.Errorf("Unpack(%q) = %v, want ErrBadHash", h, err)
		}
	}
}

func TestPack_RefusesOversizedBodies(t *testing.T) {
	if _, _, err := Pack(make([]byte, MaxBlobSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// zstdBomb returns a small zstd blob that decodes beyond MaxBlobSize.
func zstdBomb(t *testing.T) []byte {
	var bomb bytes.Buffer
	zw, err := zstd.NewWriter(&bomb)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range MaxBlobSize>>20 + 1 {
		zw.Write(zeros)
	}
	zw.Close()
	return bomb.Bytes()
}

func FuzzUnpack(f *testing.F) {
	hash, blob, _ := Pack([]byte("stored"))
	f.Add(hash, blob)
	f.Add(hash, gzipped([]byte("stored")))
	f.Add("../x", []byte{})
	f.Add(hash, []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	d := trained(f, 3)
	_, withDict, _ := d.Pack([]byte("stored"))
	f.Add(hash, withDict)
	f.Fuzz(func(t *testing.T, hash string, blob []byte) {
		body, err := Unpack(hash, blob, dicts{3: d})
		if err == nil && Hash(body) != hash {
			t.Errorf("Unpack returned content hashing to %s, not %s", Hash(body), hash)
		}
	})
}

func BenchmarkPack(b *testing.B) {
	body := page(200_000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := Pack(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnpack(b *testing.B) {
	body := page(200_000)
	hash, blob, _ := Pack(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Unpack(hash, blob, nil); err != nil {
			b.Fatal(err)
		}
	}
}
