package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// KeepBackups is how many automatic and manual backups are kept.
const KeepBackups = 7

const backupLayout = "20060102-150405"

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path string
	Time time.Time
	Size int64
}

// DefaultBackupDir is where backups of the database at dbPath go unless the
// user picks another folder: a folder beside it, named after it.
func DefaultBackupDir(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-backups")
}

// Backup writes a consistent copy of the open database into dir and keeps
// only the newest KeepBackups. The copy comes from VACUUM INTO (never a
// copy of the live file, which could catch a write half-done), is synced to
// disk and checked with quick_check before it gets its final name, so a
// backup that exists under its real name is a good one.
func (s *Store) Backup(ctx context.Context, dir string, now time.Time) (BackupInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	stamp := now.UTC().Format(backupLayout)
	final := filepath.Join(dir, "bridgekeeper-"+stamp+".db")
	for i := 2; exists(final); i++ {
		final = filepath.Join(dir, fmt.Sprintf("bridgekeeper-%s-%d.db", stamp, i))
	}
	tmp := filepath.Join(dir, "."+filepath.Base(final)+".tmp")
	os.Remove(tmp)
	// VACUUM INTO accepts an existing empty file; creating it first gives
	// the backup private permissions from the start.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	f.Close()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	if err := QuickCheck(ctx, tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up: the copy failed its check: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	syncDir(dir)
	if err := PruneBackups(dir, KeepBackups); err != nil {
		return BackupInfo{}, err
	}
	info, err := os.Stat(final)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("back up: %w", err)
	}
	return BackupInfo{Path: final, Time: now.UTC().Truncate(time.Second), Size: info.Size()}, nil
}

// AutoBackup backs up at most once a day: it does nothing when dir already
// holds a backup younger than 24 hours. It reports whether it wrote one.
func (s *Store) AutoBackup(ctx context.Context, dir string, now time.Time) (bool, error) {
	list, err := ListBackups(dir)
	if err != nil {
		return false, err
	}
	if len(list) > 0 && now.Sub(list[0].Time) < 24*time.Hour {
		return false, nil
	}
	_, err = s.Backup(ctx, dir, now)
	return err == nil, err
}

// ListBackups returns the backups in dir, newest first. A missing folder
// simply has none.
func ListBackups(dir string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "bridgekeeper-") || !strings.HasSuffix(name, ".db") {
			continue
		}
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, "bridgekeeper-"), ".db")
		if len(stamp) > len(backupLayout) {
			stamp = stamp[:len(backupLayout)]
		}
		t, err := time.Parse(backupLayout, stamp)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, name), Time: t, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.After(out[j].Time)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// PruneBackups deletes all but the newest keep backups in dir.
func PruneBackups(dir string, keep int) error {
	list, err := ListBackups(dir)
	if err != nil {
		return err
	}
	for _, b := range list[min(keep, len(list)):] {
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("prune backups: %w", err)
		}
	}
	return nil
}

// QuickCheck opens the database file at path read-only and runs SQLite's
// quick_check on it.
func QuickCheck(ctx context.Context, path string) error {
	if err := checkHeader(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		return fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	if result != "ok" {
		return fmt.Errorf("%w: quick_check says %s", ErrNotDatabase, result)
	}
	return nil
}

// readOnlyDSN opens a file for checking only: no pragmas that write (a
// backup may still be in rollback-journal mode, and must stay untouched).
func readOnlyDSN(path string) string {
	u := dsn(path)
	base, _, _ := strings.Cut(u, "?")
	return base + "?mode=ro"
}

// Restore replaces the database at dbPath with the backup at backupPath.
// The store on dbPath must be closed. The backup is checked, copied beside
// the database, synced, and renamed over it in one step, so the database
// path always holds either the old file or the whole backup. The file being
// replaced is first backed up itself into backupDir when it is healthy.
func Restore(ctx context.Context, backupPath, dbPath, backupDir string, now time.Time) error {
	if err := QuickCheck(ctx, backupPath); err != nil {
		return fmt.Errorf("restore: the backup is damaged: %w", err)
	}
	if info, err := os.Stat(dbPath + "-wal"); err == nil && info.Size() > 0 {
		return errors.New("restore: the database is still open; close Bridgekeeper first")
	}
	if QuickCheck(ctx, dbPath) == nil {
		old, err := Open(dbPath)
		if err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		_, err = old.Backup(ctx, backupDir, now)
		old.Close()
		if err != nil {
			return fmt.Errorf("restore: keeping the current file: %w", err)
		}
	}
	tmp := dbPath + ".restoring"
	if err := copyFile(backupPath, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	os.Remove(dbPath + "-shm")
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable; some platforms cannot sync a directory,
// and a failure there loses nothing that was not already at risk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
