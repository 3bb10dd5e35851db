package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzOpen_ForeignBytes feeds arbitrary file contents to Open: it must
// never panic, and whatever it refuses it must leave byte-for-byte intact.
func FuzzOpen_ForeignBytes(f *testing.F) {
	f.Add([]byte("garbage"))
	f.Add([]byte(sqliteMagic))
	f.Add(append([]byte(sqliteMagic), bytes.Repeat([]byte{0xff}, 200)...))
	f.Add(append([]byte(sqliteMagic), make([]byte, 4096)...))
	f.Fuzz(func(t *testing.T, content []byte) {
		path := filepath.Join(t.TempDir(), "errata.db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), path)
		if err == nil {
			_ = s.Close()
			return
		}
		if !strings.HasPrefix(err.Error(), "store: ") {
			t.Errorf("error without package prefix: %v", err)
		}
		if errors.Is(err, ErrNotErrata) {
			if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
				t.Error("refused file was modified")
			}
		}
	})
}

// FuzzClasses_RoundTrip checks the comma-separated class column for any
// list of comma-free, non-empty class names.
func FuzzClasses_RoundTrip(f *testing.F) {
	f.Add("wording headline")
	f.Add("")
	f.Add("a")
	f.Fuzz(func(t *testing.T, s string) {
		classes := strings.Fields(strings.ReplaceAll(s, ",", " "))
		got := splitClasses(joinClasses(classes))
		if len(classes) == 0 && got != nil {
			t.Fatalf("empty classes read back as %q", got)
		}
		if len(classes) > 0 && strings.Join(got, "|") != strings.Join(classes, "|") {
			t.Fatalf("classes %q read back as %q", classes, got)
		}
	})
}

// FuzzNanos_RoundTrip: every representable instant comes back as the same
// UTC time, and zero stays zero.
func FuzzNanos_RoundTrip(f *testing.F) {
	f.Add(int64(0))
	f.Add(t0.UnixNano())
	f.Add(int64(-1))
	f.Fuzz(func(t *testing.T, n int64) {
		in := time.Unix(0, n).In(time.FixedZone("Z", 7200))
		got := fromNanos(nanos(in))
		if n == 0 {
			return // the epoch itself is indistinguishable from "unknown"
		}
		if got != in.UTC() {
			t.Fatalf("round trip of %v = %v", in, got)
		}
	})
	if !fromNanos(nanos(time.Time{})).IsZero() {
		f.Fatal("zero time did not survive")
	}
}
