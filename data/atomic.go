package data

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a private (0600) file through a temporary file in
// the same folder, synced and then renamed over path, so a crash or a full
// disk never leaves a half-written file behind: path holds the old file or
// the whole new one. When path is a symbolic link, the file it points to is
// replaced and the link stays. A temporary file left by a crash carries
// tempMarker and is removed by RemoveStaleTemp, or by journal's Sweep when
// one is given.
func WriteFileAtomic(path string, write func(io.Writer) error, journal ...TempJournal) (err error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	tmp := tempName(path, "write")
	for _, j := range journal {
		j.Add(tmp)
		defer j.Done(tmp)
	}
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return wrapErr("write "+path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return wrapErr("write "+path, err)
	}
	if err := bw.Flush(); err != nil {
		return wrapErr("write "+path, err)
	}
	if err := f.Sync(); err != nil {
		return wrapErr("write "+path, err)
	}
	if err := f.Close(); err != nil {
		return wrapErr("write "+path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return wrapErr("write "+path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}
