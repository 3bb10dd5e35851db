package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// outFileMode is the mode of the files errata writes (less the umask): an
// export or a backup is read by other tools and users like any document.
const outFileMode = 0o644

// outFile is a file written beside its target and renamed into place once
// complete, so a failed or interrupted write never leaves a truncated file
// under the name asked for. Its errors name the target, never the
// temporary file.
type outFile struct {
	*os.File
	target string
	closed bool
}

// createOut starts writing target.
func createOut(target string) (*outFile, error) {
	if fi, err := os.Stat(target); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("write %s: is a directory", target)
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 10 {
		name := filepath.Join(dir, "."+base+".tmp-"+rand.Text()[:8])
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, outFileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, targetError(target, err)
		}
		return &outFile{File: f, target: target}, nil
	}
	return nil, fmt.Errorf("write %s: no free temporary name beside it", target)
}

// Close closes the temporary file, once; another writer (SQLite) may then
// fill it by name before Commit.
func (o *outFile) Close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	return o.File.Close()
}

// Commit closes the file and puts it in place.
func (o *outFile) Commit() error {
	if err := o.Close(); err != nil {
		o.Abort()
		return targetError(o.target, err)
	}
	if err := os.Rename(o.Name(), o.target); err != nil {
		o.Abort()
		return targetError(o.target, err)
	}
	return nil
}

// Abort removes the temporary file; after Commit it does nothing.
func (o *outFile) Abort() {
	o.Close()
	os.Remove(o.Name())
}

// Named words an error met while writing (a full disk, say) as one about
// the target when it names the temporary file.
func (o *outFile) Named(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == o.Name() {
		return targetError(o.target, err)
	}
	return err
}

// targetError words a file system error about the temporary file as one
// about the target.
func targetError(target string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("write %s: %w", target, err)
}
