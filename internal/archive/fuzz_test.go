package archive

import (
	"errors"
	"testing"
)

// FuzzGet feeds arbitrary hash strings to Get and Has: neither may panic,
// and anything that is not a well-formed hash must be refused before it can
// name a path.
func FuzzGet(f *testing.F) {
	f.Add(Hash([]byte("stored")))
	f.Add("../../etc/passwd")
	f.Add("")
	f.Add("2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")
	a := open(f)
	if _, err := a.Put([]byte("stored")); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, hash string) {
		body, err := a.Get(hash)
		switch {
		case !validHash(hash):
			if !errors.Is(err, ErrBadHash) || a.Has(hash) {
				t.Errorf("Get(%q) = %v, want ErrBadHash", hash, err)
			}
		case err == nil:
			if Hash(body) != hash {
				t.Errorf("Get(%q) returned content hashing to %s", hash, Hash(body))
			}
		case !errors.Is(err, ErrNotFound):
			t.Errorf("Get(%q) = %v, want ErrNotFound", hash, err)
		}
	})
}
