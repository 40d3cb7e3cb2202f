//go:build windows

package data

import "os"

// accessWrite is answered by the file's read-only attribute on Windows,
// which the permission bits already show.
func accessWrite(string) error { return nil }

// checkSingleName: hard links are rare on Windows and SQLite's Windows
// locking is by handle, not name; nothing to refuse.
func checkSingleName(string) error { return nil }

// fileKey is empty on Windows; the lock file beside the resolved path
// stands for the identity there.
func fileKey(os.FileInfo) string { return "" }
