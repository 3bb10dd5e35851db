package tlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckpoint_SignAndOpen(t *testing.T) {
	skey, vkey, err := GenerateKey("errata.test")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	if s.VerifierKey() != vkey {
		t.Fatalf("derived verifier key %q, generated %q", s.VerifierKey(), vkey)
	}
	c := Checkpoint{Origin: s.Name(), Size: 42, Root: LeafHash([]byte("x"))}
	msg, err := s.Sign(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Open(msg, vkey)
	if err != nil || got != c {
		t.Fatalf("Open = %+v, %v; want %+v", got, err, c)
	}
	forged := strings.Replace(string(msg), "\n42\n", "\n43\n", 1)
	if _, err := Open([]byte(forged), vkey); err == nil {
		t.Fatal("a checkpoint with an edited size opened")
	}
	_, other, _ := GenerateKey("errata.test")
	if _, err := Open(msg, other); err == nil {
		t.Fatal("a checkpoint opened with another key")
	}
}

func TestLoadOrCreateKey_CreatesOnceOwnerOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.key")
	a, err := LoadOrCreateKey(path, "errata.x")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != KeyFileMode {
		t.Fatalf("key file mode %v, %v", fi.Mode(), err)
	}
	b, err := LoadOrCreateKey(path, "errata.other")
	if err != nil || b.VerifierKey() != a.VerifierKey() {
		t.Fatalf("second open made another key: %v", err)
	}
}

func TestParseCheckpoint_Refuses(t *testing.T) {
	for _, text := range []string{"", "o\n1\n", "o\n-1\nAAAA\n", "o\n01\n" + strings.Repeat("A", 43) + "=\n", "o\n1\nnotbase64\n"} {
		if _, err := ParseCheckpoint(text); err == nil {
			t.Errorf("%q parsed", text)
		}
	}
}

func TestLoadOrCreateKey_RacingCreatorsAgree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.key")
	keys := make(chan string, 8)
	for range 8 {
		go func() {
			s, err := LoadOrCreateKey(path, "errata.x")
			if err != nil {
				keys <- "error: " + err.Error()
				return
			}
			keys <- s.VerifierKey()
		}()
	}
	first := <-keys
	for range 7 {
		if k := <-keys; k != first {
			t.Fatalf("racing creators got %q and %q", first, k)
		}
	}
	if strings.HasPrefix(first, "error") {
		t.Fatal(first)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left %d files beside the key", len(entries))
	}
}
