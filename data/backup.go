package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// KeepBackups is how many automatic and manual backups are kept.
const KeepBackups = 7

const backupLayout = "20060102-150405"

// clockSlack is how far ahead of the clock a backup's time may be and still
// count as real: file systems and clocks disagree by a little.
const clockSlack = 5 * time.Minute

// BackupReason says why a backup was made; it is part of the file name.
type BackupReason string

// The reasons a backup is made.
const (
	BackupDaily         BackupReason = "daily"
	BackupManual        BackupReason = "manual"
	BackupBeforeRestore BackupReason = "before-restore"
	BackupBeforeUpgrade BackupReason = "before-upgrade"
)

// Label is the reason as the window and the command line show it.
func (r BackupReason) Label() string {
	switch r {
	case BackupDaily:
		return "daily"
	case BackupManual:
		return "made by hand"
	case BackupBeforeRestore:
		return "before a restore"
	case BackupBeforeUpgrade:
		return "before an upgrade"
	}
	return "unknown reason"
}

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path string
	// Time is when the backup was made: the time in its name, or, when the
	// name is ahead of the clock (a clock that was wrong, a file from
	// another machine), the file's modification time; zero when both are
	// in the future, which sorts it oldest.
	Time time.Time
	// Named is the time in the file's name, as written.
	Named  time.Time
	Size   int64
	Reason BackupReason
	// Interviews is how many interviews it holds, or -1 when not counted
	// (see ListBackupsDetailed) or unreadable.
	Interviews int
	// modified orders backups made within one second of each other.
	modified time.Time
}

// DefaultBackupDir is where backups of the database at dbPath go unless the
// user picks another folder: a folder beside it, named after it.
func DefaultBackupDir(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-backups")
}

// Backup writes a backup made by hand; see BackupWhy.
func (s *Store) Backup(ctx context.Context, dir string, now time.Time) (BackupInfo, error) {
	return s.BackupWhy(ctx, dir, now, BackupManual)
}

// BackupWhy writes a consistent copy of the open database into dir and keeps
// only the newest KeepBackups. The copy comes from VACUUM INTO (never a copy
// of the live file, which could catch a write half-done), is synced to disk
// and checked with quick_check before it gets its final name, so a backup
// that exists under its real name is a good one. Pruning never removes the
// new backup, the files in protect, or the newest backup that passes its
// check.
func (s *Store) BackupWhy(ctx context.Context, dir string, now time.Time, why BackupReason, protect ...string) (BackupInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupInfo{}, wrapErr("back up", err)
	}
	stamp := now.UTC().Format(backupLayout)
	final := filepath.Join(dir, "bridgekeeper-"+stamp+"-"+string(why)+".db")
	for i := 2; exists(final); i++ {
		final = filepath.Join(dir, fmt.Sprintf("bridgekeeper-%s-%s-%d.db", stamp, why, i))
	}
	tmp := tempName(final, "backup")
	os.Remove(tmp)
	// VACUUM INTO accepts an existing empty file; creating it first gives
	// the backup private permissions from the start.
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return BackupInfo{}, wrapErr("back up", err)
	}
	f.Close()
	fail := func(op string, err error) (BackupInfo, error) {
		os.Remove(tmp)
		return BackupInfo{}, wrapErr(op, err)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fail("back up", err)
	}
	if err := syncFile(tmp); err != nil {
		return fail("back up", err)
	}
	if err := QuickCheck(ctx, tmp); err != nil {
		return fail("back up: the copy failed its check", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fail("back up", err)
	}
	syncDir(dir)
	if err := PruneBackups(dir, KeepBackups, now, append(protect, final)...); err != nil {
		return BackupInfo{}, err
	}
	info, err := os.Stat(final)
	if err != nil {
		return BackupInfo{}, wrapErr("back up", err)
	}
	at := now.UTC().Truncate(time.Second)
	return BackupInfo{Path: final, Time: at, Named: at, Size: info.Size(), Reason: why, Interviews: -1}, nil
}

// AutoBackup backs up at most once a day: it does nothing when dir already
// holds a backup made in the last 24 hours by the clock as it is now. A
// backup whose name lies in the future does not count: the clock was wrong
// when it was made, or is wrong now, and skipping on its word could stop
// backups for good. It reports whether it wrote one.
func (s *Store) AutoBackup(ctx context.Context, dir string, now time.Time) (bool, error) {
	list, err := listBackups(dir, now)
	if err != nil {
		return false, err
	}
	for _, b := range list {
		if age := now.Sub(b.Named); age < 24*time.Hour && age > -clockSlack {
			return false, nil
		}
	}
	_, err = s.BackupWhy(ctx, dir, now, BackupDaily)
	return err == nil, err
}

// ListBackups returns the backups in dir, newest first. A missing folder
// simply has none.
func ListBackups(dir string) ([]BackupInfo, error) { return listBackups(dir, time.Now()) }

// ListBackupsDetailed is ListBackups with each backup's interviews counted.
func ListBackupsDetailed(ctx context.Context, dir string) ([]BackupInfo, error) {
	list, err := ListBackups(dir)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].Interviews = countInterviews(ctx, list[i].Path)
	}
	return list, nil
}

// countInterviews reads a closed database file without writing anything.
func countInterviews(ctx context.Context, path string) int {
	db, err := sql.Open("sqlite", dsn(path, true, !hasWAL(path)))
	if err != nil {
		return -1
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM interviews").Scan(&n); err != nil {
		return -1
	}
	return n
}

func listBackups(dir string, now time.Time) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, wrapErr("list backups", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		b, ok := parseBackupName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		b.Path, b.Size, b.Interviews, b.modified = filepath.Join(dir, e.Name()), info.Size(), -1, info.ModTime()
		b.Time = realTime(b.Named, info.ModTime(), now)
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b BackupInfo) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		if c := b.modified.Compare(a.modified); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// realTime is when a backup was made, as best the clock now can tell.
func realTime(named, modified, now time.Time) time.Time {
	limit := now.Add(clockSlack)
	switch {
	case !named.After(limit):
		return named
	case !modified.After(limit):
		return modified.UTC().Truncate(time.Second)
	}
	return time.Time{}
}

// parseBackupName reads bridgekeeper-STAMP[-REASON][-N].db; names from
// before reasons were recorded have none.
func parseBackupName(name string) (BackupInfo, bool) {
	rest, ok := strings.CutPrefix(name, "bridgekeeper-")
	if !ok || !strings.HasSuffix(rest, ".db") || len(rest) < len(backupLayout) {
		return BackupInfo{}, false
	}
	t, err := time.Parse(backupLayout, rest[:len(backupLayout)])
	if err != nil {
		return BackupInfo{}, false
	}
	tail := strings.TrimPrefix(strings.TrimSuffix(rest[len(backupLayout):], ".db"), "-")
	if i := strings.LastIndexByte(tail, '-'); i >= 0 {
		if _, err := strconv.Atoi(tail[i+1:]); err == nil {
			tail = tail[:i]
		}
	} else if _, err := strconv.Atoi(tail); err == nil {
		tail = ""
	}
	return BackupInfo{Named: t, Reason: BackupReason(tail)}, true
}

// PruneBackups deletes all but the newest keep backups in dir. It never
// deletes a path in protect (the backup just written, the one being
// restored), nor the newest backup that passes quick_check, even when that
// one is older than the newest keep: a run of damaged copies must not push
// the last good one out.
func PruneBackups(dir string, keep int, now time.Time, protect ...string) error {
	list, err := listBackups(dir, now)
	if err != nil {
		return err
	}
	if len(list) <= keep {
		return nil
	}
	kept := map[string]bool{}
	for _, p := range protect {
		kept[filepath.Clean(p)] = true
	}
	for _, b := range list[:keep] {
		kept[b.Path] = true
	}
	for _, b := range list {
		if QuickCheck(context.Background(), b.Path) == nil {
			kept[b.Path] = true
			break
		}
	}
	for _, b := range list {
		if kept[b.Path] {
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			return wrapErr("prune backups", err)
		}
	}
	return nil
}

// QuickCheck opens the database file at path read-only and runs SQLite's
// quick_check on it. It writes nothing: with no write-ahead log beside the
// file, SQLite reads it as immutable and creates no -wal or -shm either.
func QuickCheck(ctx context.Context, path string) error {
	if err := checkHeader(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn(path, true, !hasWAL(path)))
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

// Restore replaces the database at dbPath with the backup at backupPath.
// The store on dbPath must be closed, and the caller must hold its lock.
// The backup is checked and copied beside the database first (so nothing
// that happens next can lose it), then the file being replaced is backed
// up when it is healthy, and the copy is renamed over it in one step: the
// database path always holds either the old file or the whole backup. The
// backup file itself is never changed or deleted. It returns the backup
// kept of the replaced file (zero when there was none to keep).
func Restore(ctx context.Context, backupPath, dbPath, backupDir string, now time.Time) (BackupInfo, error) {
	var kept BackupInfo
	if same, _ := sameFile(backupPath, dbPath); same {
		return kept, errors.New("restore: that file is the database itself, not a backup of it")
	}
	if err := QuickCheck(ctx, backupPath); err != nil {
		return kept, wrapErr("restore: the backup is damaged", err)
	}
	if hasWAL(dbPath) {
		return kept, errors.New("restore: the database is still open; close Bridgekeeper first")
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return kept, wrapErr("restore", err)
	}
	tmp := tempName(dbPath, "restore")
	if err := copyFile(backupPath, tmp); err != nil {
		os.Remove(tmp)
		return kept, wrapErr("restore", err)
	}
	if err := QuickCheck(ctx, tmp); err != nil {
		os.Remove(tmp)
		return kept, wrapErr("restore: the copy failed its check", err)
	}
	if _, err := inspect(tmp); err != nil {
		os.Remove(tmp)
		return kept, wrapErr("restore: "+filepath.Base(backupPath), err)
	}
	if QuickCheck(ctx, dbPath) == nil {
		var err error
		if kept, err = backupBeforeRestore(ctx, dbPath, backupDir, now, backupPath); err != nil {
			os.Remove(tmp)
			return kept, err
		}
	}
	os.Remove(dbPath + "-shm")
	os.Remove(dbPath + "-wal")
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return kept, wrapErr("restore", err)
	}
	syncDir(filepath.Dir(dbPath))
	return kept, nil
}

// backupBeforeRestore keeps the file a restore is about to replace.
func backupBeforeRestore(ctx context.Context, dbPath, backupDir string, now time.Time, restoring string) (BackupInfo, error) {
	old, err := OpenWith(dbPath, Options{BackupDir: backupDir, NoCreate: true})
	if err != nil {
		return BackupInfo{}, wrapErr("restore: keeping the current file", err)
	}
	kept, err := old.BackupWhy(ctx, backupDir, now, BackupBeforeRestore, restoring)
	old.Close()
	if err != nil {
		return BackupInfo{}, wrapErr("restore: keeping the current file", err)
	}
	return kept, nil
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
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
