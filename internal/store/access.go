package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
)

// accessError explains an open that SQLite refused with "unable to open
// database file" or "attempt to write a readonly database": both mean
// errata may not write where the database lives. A WAL database needs its
// directory writable (SQLite creates the -wal and -shm files beside it) as
// well as the file. It returns nil when neither is the cause.
func accessError(path string, err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
	default:
		return nil
	}
	dir := filepath.Dir(path)
	if werr := tryWriteDir(dir); denied(werr) {
		return fmt.Errorf("store: directory %s is not writable (%v): errata keeps %s and its -wal and -shm files there",
			dir, reason(werr), filepath.Base(path))
	}
	f, ferr := os.OpenFile(path, os.O_RDWR, 0)
	if ferr == nil {
		_ = f.Close()
		return nil
	}
	if !denied(ferr) {
		return nil
	}
	return fmt.Errorf("store: %s is not writable (%v)", path, reason(ferr))
}

// tryWriteDir creates and removes a file in dir, the only sure test of
// write access (permissions, read-only mounts, ACLs).
func tryWriteDir(dir string) error {
	f, err := os.CreateTemp(dir, ".errata-write-test-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_ = f.Close()
	return os.Remove(name)
}

// denied reports whether a file operation failed for want of write
// access rather than, say, a missing directory.
func denied(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// reason is the operating system's word for a failed file operation,
// without the operation and path the message already names.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
