package archive

import (
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
)

// write compresses body into a temp file beside final and renames it into
// place, so a crashed process leaves either no blob or a whole one under
// the final name. Concurrent writers of the same blob each rename a
// complete copy of identical content, so the last rename winning is
// harmless.
//
// Nothing is fsync'd: the database runs with synchronous=NORMAL, which
// also leaves its latest commits to the kernel, and a sync per capture
// cost more than the extraction of the page it keeps. Only a power loss
// can lose the newest blobs, and a version's text lives in the database.
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
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), final)
}

func (a *Archive) compress(f *os.File, body []byte) error {
	zw, err := gzip.NewWriterLevel(f, a.level)
	if err != nil {
		return err
	}
	_, werr := zw.Write(body)
	return errors.Join(werr, zw.Close())
}
