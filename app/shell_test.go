package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"bridgekeeper/app/cli"
	"bridgekeeper/data"
)

// After Settings → Move, this window holds the lock on the new place, a
// command line without --db finds the moved file, and nothing is left in
// the old place: no empty database for the CLI to write to, no *-wal or
// *-shm from checking the copy.
func TestMoveKeepsTheLockAndLeavesNothingBehind(t *testing.T) {
	socketEnv(t)
	oldDir, newDir := t.TempDir(), t.TempDir()
	oldPath := filepath.Join(oldDir, "bridgekeeper.db")
	s0, err := data.Open(oldPath)
	if err != nil {
		t.Fatal(err)
	}
	s0.CreateInterview(context.Background(), &data.Interview{Company: "Moved Co"})
	s0.Close()

	inst, err := claim(oldPath, lockKey(oldPath), func() {})
	if err != nil {
		t.Fatal(err)
	}
	s := &shell{dbPath: oldPath, backupDir: data.DefaultBackupDir(oldPath), inst: inst}
	defer func() { s.inst.release() }()
	newPath := filepath.Join(newDir, "bridgekeeper.db")
	if err := s.moveTo(newPath); err != nil {
		t.Fatal(err)
	}
	if s.dbPath != newPath {
		t.Errorf("the window now uses %s", s.dbPath)
	}
	if l, err := data.AcquireLock(newPath); !errors.Is(err, data.ErrLocked) {
		l.Release()
		t.Errorf("a second window could lock the moved file: %v", err)
	}
	if l, err := data.AcquireLock(oldPath); err != nil {
		t.Errorf("the old place is still locked: %v", err)
	} else {
		l.Release()
		os.Remove(oldPath + ".lock")
	}
	for _, dir := range []string{oldDir, newDir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if name == "bridgekeeper.db" && dir == newDir || name == "bridgekeeper.db.lock" && dir == newDir {
				continue
			}
			t.Errorf("%s left in %s", name, dir)
		}
	}
	loc, err := cli.LoadLocation()
	if err != nil || loc.Database != newPath || loc.Backups != data.DefaultBackupDir(oldPath) {
		t.Errorf("location file says %+v (%v)", loc, err)
	}
	var out, errOut bytes.Buffer
	code := cli.Run([]string{"export", "csv"}, cli.Env{Stdout: &out, Stderr: &errOut})
	if code != 0 || !strings.Contains(out.String(), "Moved Co") {
		t.Errorf("CLI without --db after the move: %d, %q, %q", code, out.String(), errOut.String())
	}
	if _, err := os.Stat(oldPath); !os.IsNotExist(err) {
		t.Error("the CLI made a new database in the old place")
	}
}

// A move refused half-way (the new place is locked by another window)
// leaves everything where it was.
func TestMoveToALockedPlaceChangesNothing(t *testing.T) {
	socketEnv(t)
	oldPath := filepath.Join(t.TempDir(), "bk.db")
	s0, _ := data.Open(oldPath)
	s0.Close()
	newPath := filepath.Join(t.TempDir(), "bk.db")
	other, err := data.AcquireLock(newPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Release()
	s := &shell{dbPath: oldPath, backupDir: t.TempDir()}
	if err := s.moveTo(newPath); err == nil {
		t.Fatal("moved onto a place another window holds")
	}
	if s.dbPath != oldPath || !fileExists(oldPath) || fileExists(newPath) {
		t.Error("a refused move changed something")
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// Exports from the window go through the atomic writer: the old file stays
// until the new one is complete, a failed write leaves it untouched, the
// new file is private, and a writer closed unused creates nothing.
func TestWindowFileWritesAreAtomicAndPrivate(t *testing.T) {
	dir := t.TempDir()
	journal := data.TempJournal{Path: filepath.Join(dir, "journal")}
	path := filepath.Join(dir, "interviews.csv")
	os.WriteFile(path, []byte("old export"), 0o644)
	w := &atomicWriter{uri: storage.NewFileURI(path), journal: journal}
	w.Write([]byte("half of the new "))
	if got, _ := os.ReadFile(path); string(got) != "old export" {
		t.Fatalf("the old file changed before Close: %q", got)
	}
	w.Write([]byte("export"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "half of the new export" || info.Mode().Perm() != 0o600 {
		t.Errorf("after Close: %q, mode %o", got, info.Mode().Perm())
	}
	if raw, _ := os.ReadFile(journal.Path); strings.TrimSpace(string(raw)) != "" {
		t.Errorf("the journal still lists %q", raw)
	}

	// A writer that failed: the file is untouched, the temp file gone.
	bad := &atomicWriter{uri: storage.NewFileURI(path), journal: journal}
	bad.Write([]byte("x"))
	bad.failed = errors.New("disk full")
	if err := bad.Close(); err == nil {
		t.Error("Close after a failed write reported success")
	}
	if got, _ := os.ReadFile(path); string(got) != "half of the new export" {
		t.Errorf("a failed write changed the file: %q", got)
	}
	// A writer closed without writing creates nothing.
	fresh := filepath.Join(dir, "never.ics")
	if err := (&atomicWriter{uri: storage.NewFileURI(fresh)}).Close(); err != nil || fileExists(fresh) {
		t.Errorf("an unused writer: %v, file exists %v", err, fileExists(fresh))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".bktmp-") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}
