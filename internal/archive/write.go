package archive

import (
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
)

// write compresses body into a temp file beside final, syncs it and renames
// it into place, so a crash leaves either no blob or a whole one under the
// final name. Concurrent writers of the same blob each rename a complete
// copy of identical content, so the last rename winning is harmless.
func (a *Archive) write(final string, body []byte) (err error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := a.compress(tmp, body); err != nil {
		return err
	}
	if err := tmp.Chmod(filePerm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

func (a *Archive) compress(f *os.File, body []byte) error {
	zw, err := gzip.NewWriterLevel(f, a.level)
	if err != nil {
		return err
	}
	_, werr := zw.Write(body)
	return errors.Join(werr, zw.Close())
}

// syncDir makes the rename itself durable. It is best effort: some systems
// and file systems cannot sync a directory, and the blob is complete either
// way — at worst it is missing after a crash and gets fetched again.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
