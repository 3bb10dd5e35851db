package tlog

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// KeyFileMode keeps the signing key readable by its owner only.
const KeyFileMode = 0o600

// Checkpoint is a signed tree head: the note text is the origin line, the
// tree size in decimal and the base64 root hash, one per line.
type Checkpoint struct {
	Origin string
	Size   int64
	Root   sumtlog.Hash
}

// Text is the checkpoint's note text, before signing.
func (c Checkpoint) Text() string {
	return fmt.Sprintf("%s\n%d\n%s\n", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root[:]))
}

// ParseCheckpoint reads a checkpoint's note text.
func ParseCheckpoint(text string) (Checkpoint, error) {
	lines := strings.Split(text, "\n")
	if len(lines) != 4 || lines[3] != "" || lines[0] == "" {
		return Checkpoint{}, errors.New("tlog: checkpoint: want origin, size and root hash lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return Checkpoint{}, fmt.Errorf("tlog: checkpoint: bad tree size %q", lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != sumtlog.HashSize {
		return Checkpoint{}, fmt.Errorf("tlog: checkpoint: bad root hash %q", lines[2])
	}
	c := Checkpoint{Origin: lines[0], Size: size}
	copy(c.Root[:], root)
	return c, nil
}

// Signer signs checkpoints with the log's Ed25519 key.
type Signer struct {
	signer   note.Signer
	verifier string
}

// NewSigner reads a note private key ("PRIVATE+KEY+name+hash+key").
func NewSigner(skey string) (*Signer, error) {
	s, err := note.NewSigner(strings.TrimSpace(skey))
	if err != nil {
		return nil, fmt.Errorf("tlog: signing key: %w", err)
	}
	vkey, err := verifierKey(strings.TrimSpace(skey), s.Name())
	if err != nil {
		return nil, err
	}
	return &Signer{signer: s, verifier: vkey}, nil
}

// verifierKey derives the verifier key from a private key, whose last
// field is the algorithm byte and the Ed25519 seed.
func verifierKey(skey, name string) (string, error) {
	// PRIVATE+KEY+name+hash+keydata; the key data may itself hold '+'.
	fields := strings.SplitN(skey, "+", 5)
	if len(fields) != 5 {
		return "", errors.New("tlog: signing key: malformed")
	}
	raw, err := base64.StdEncoding.DecodeString(fields[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize {
		return "", errors.New("tlog: signing key: not an Ed25519 key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(name, pub)
	if err != nil {
		return "", fmt.Errorf("tlog: signing key: %w", err)
	}
	return vkey, nil
}

// VerifierKey is the public key that checks this signer's checkpoints.
func (s *Signer) VerifierKey() string { return s.verifier }

// GenerateKey returns a new note key pair named name: the private key and
// the verifier key anyone can check checkpoints with.
func GenerateKey(name string) (skey, vkey string, err error) {
	skey, vkey, err = note.GenerateKey(rand.Reader, name)
	if err != nil {
		return "", "", fmt.Errorf("tlog: generate key: %w", err)
	}
	return skey, vkey, nil
}

// Name is the key's name; checkpoints carry it as their origin.
func (s *Signer) Name() string { return s.signer.Name() }

// Sign returns the signed note of the checkpoint.
func (s *Signer) Sign(c Checkpoint) ([]byte, error) {
	msg, err := note.Sign(&note.Note{Text: c.Text()}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("tlog: sign checkpoint: %w", err)
	}
	return msg, nil
}

// Open checks a signed checkpoint against a verifier key and returns it.
func Open(msg []byte, vkey string) (Checkpoint, error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("tlog: verifier key: %w", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("tlog: checkpoint signature: %w", err)
	}
	c, err := ParseCheckpoint(n.Text)
	if err != nil {
		return Checkpoint{}, err
	}
	if c.Origin != v.Name() {
		return Checkpoint{}, fmt.Errorf("tlog: checkpoint origin %q is not the key's name %q", c.Origin, v.Name())
	}
	return c, nil
}

// LoadOrCreateKey reads the private key at path, creating it (mode
// KeyFileMode) with a new key named name when the file does not exist.
// Two processes starting together agree on one key: the loser of the
// race to create it reads the winner's.
func LoadOrCreateKey(path, name string) (*Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		err = createKey(path, name)
		if err == nil || errors.Is(err, os.ErrExist) {
			data, err = os.ReadFile(path)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("tlog: key %s: %w", path, err)
	}
	return NewSigner(string(data))
}

// createKey writes a new key beside path and links it into place, so the
// key appears whole or not at all, and never replaces one already there.
func createKey(path, name string) error {
	skey, _, err := GenerateKey(name)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".log.key-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(KeyFileMode); err != nil {
		f.Close()
		return err
	}
	_, err = f.WriteString(skey + "\n")
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Link(f.Name(), path)
}
