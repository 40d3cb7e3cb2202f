//go:build !windows

package data

import (
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// accessWrite asks the system whether this process may write path: it
// knows about read-only mounts, which permission bits do not show.
func accessWrite(path string) error { return unix.Access(path, unix.W_OK) }

// checkSingleName refuses a database file with more than one hard link.
func checkSingleName(real string) error {
	info, err := os.Stat(real)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		return fmt.Errorf("%w: it has %d names. Open it by one name only: delete the other names, or make a copy (cp) and use that", ErrLinked, st.Nlink)
	}
	return nil
}

// fileKey names a file by its identity, device and inode, which every
// name (link) for it shares.
func fileKey(info os.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%x-%x", uint64(st.Dev), uint64(st.Ino))
	}
	return ""
}
