package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// header is what Bridgekeeper reads of a database file's first 100 bytes.
type header struct {
	appID       int32
	userVersion int
}

// checkHeader rejects a file that cannot be a healthy SQLite database
// before SQLite is let near it: wrong magic, an empty file, or a file
// shorter than the page count its header records (truncated). A missing
// file is fine: Open creates it.
func checkHeader(path string) error {
	_, err := readHeader(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// readHeader checks the header as checkHeader does and returns what it
// says of the file's owner and schema.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return header{}, err
	}
	if err != nil {
		return header{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return header{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if info.IsDir() {
		return header{}, fmt.Errorf("%w: it is a directory", ErrNotDatabase)
	}
	if info.Size() == 0 {
		return header{}, fmt.Errorf("%w: the file is empty", ErrNotDatabase)
	}
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil {
		return header{}, fmt.Errorf("%w: the file is too short (%d bytes)", ErrNotDatabase, info.Size())
	}
	if !bytes.Equal(head[:16], sqliteMagic) {
		return header{}, fmt.Errorf("%w: the file does not start like an SQLite database", ErrNotDatabase)
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return header{}, fmt.Errorf("%w: the header names an impossible page size", ErrNotDatabase)
	}
	// The header's page count is only trustworthy when the change counter
	// matches the "version valid for" field, and only says the file is cut
	// short when no write-ahead log sits beside it: a crash during a
	// checkpoint leaves the main file shorter than its header while the
	// log still holds the missing pages, and SQLite finishes the job.
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if pages > 0 && bytes.Equal(head[24:28], head[92:96]) && info.Size() < pages*pageSize && !hasWAL(path) {
		return header{}, fmt.Errorf("%w: the file is truncated (%d of %d bytes)", ErrNotDatabase, info.Size(), pages*pageSize)
	}
	return header{
		appID:       int32(binary.BigEndian.Uint32(head[68:72])),
		userVersion: int(int32(binary.BigEndian.Uint32(head[60:64]))),
	}, nil
}

// hasWAL reports whether a non-empty write-ahead log belongs to path.
func hasWAL(path string) bool {
	info, err := os.Stat(path + "-wal")
	return err == nil && info.Size() > 0
}

// ErrUnreadable means the database file exists but cannot be read, usually
// because of its permissions.
var ErrUnreadable = errors.New("the database file cannot be read")

// MoveAside renames a broken database (and its -wal and -shm companions) to
// NAME.corrupt-YYYYmmdd-HHMMSS beside it, so a fresh or restored file can
// take its place while the original is kept for inspection. It returns the
// new name of the main file.
func MoveAside(path string, now time.Time) (string, error) {
	dest := fmt.Sprintf("%s.corrupt-%s", path, now.Format("20060102-150405"))
	for i := 2; exists(dest); i++ {
		dest = fmt.Sprintf("%s.corrupt-%s-%d", path, now.Format("20060102-150405"), i)
	}
	if err := os.Rename(path, dest); err != nil {
		return "", wrapErr("move broken database aside", err)
	}
	// It may still hold the user's interviews, and so may its log: keep
	// both as private as the database was meant to be (best effort; the
	// move is what matters).
	makePrivate(dest)
	for _, suffix := range []string{"-wal", "-shm"} {
		if exists(path + suffix) {
			if err := os.Rename(path+suffix, dest+suffix); err != nil {
				return dest, wrapErr("move broken database aside", err)
			}
			makePrivate(dest + suffix)
		}
	}
	return dest, nil
}

// makePrivate sets a file to 0600 unless it is a symbolic link: a chmod
// would change the link's target, which is not ours to change.
func makePrivate(path string) {
	if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() {
		os.Chmod(path, 0o600)
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
