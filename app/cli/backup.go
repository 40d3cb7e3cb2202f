package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"bridgekeeper/data"
)

// runBackup handles `backup`: a checked backup of the database now.
func runBackup(args []string, dbPath string, env Env) error {
	if len(args) > 0 {
		return usagef("backup: unexpected argument %q", args[0])
	}
	loc, err := locate(dbPath)
	if err != nil {
		return err
	}
	s, err := data.OpenWith(loc.Database, data.Options{BackupDir: loc.BackupDir(), NoCreate: true})
	if err != nil {
		return err
	}
	defer s.Close()
	b, err := s.Backup(context.Background(), loc.BackupDir(), time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, b.Path)
	return nil
}

// runBackups handles `backups`: every backup, newest first, with when and
// why it was made and how many interviews it holds.
func runBackups(args []string, dbPath string, env Env) error {
	if len(args) > 0 {
		return usagef("backups: unexpected argument %q", args[0])
	}
	loc, err := locate(dbPath)
	if err != nil {
		return err
	}
	list, err := data.ListBackupsDetailed(context.Background(), loc.BackupDir())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(env.Stderr, "No backups yet in %s.\n", loc.BackupDir())
		return nil
	}
	for _, b := range list {
		count := "unreadable"
		if b.Interviews >= 0 {
			count = plural(b.Interviews, "interview", "interviews")
		}
		when := "unknown time"
		if !b.Time.IsZero() {
			when = b.Time.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", b.Path, when, count, b.Reason.Label())
	}
	return nil
}

// runRestore handles `restore FILE`: the database is replaced atomically by
// the backup, after the current file is itself backed up. It refuses while
// a window has the database open, since that window would go on writing to
// the file it holds.
func runRestore(args []string, dbPath string, env Env) error {
	switch {
	case len(args) == 0:
		return usagef("restore: name the backup to restore: restore FILE")
	case len(args) > 1:
		return usagef("restore: unexpected argument %q after the file", args[1])
	}
	file, err := filepath.Abs(args[0])
	if err != nil {
		return usagef("restore: %v", err)
	}
	if info, err := os.Stat(file); err != nil || info.IsDir() {
		return usagef("restore: %s is not a backup file", args[0])
	}
	loc, err := locate(dbPath)
	if err != nil {
		return err
	}
	lock, err := data.AcquireLock(loc.Database)
	if errors.Is(err, data.ErrLocked) {
		return usagef("restore: a Bridgekeeper window has %s open; restore from its File menu, or close it first", loc.Database)
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	kept, err := data.Restore(context.Background(), file, lock.Path(), loc.BackupDir(), time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Restored %s over %s.\n", file, lock.Path())
	if kept.Path != "" {
		fmt.Fprintf(env.Stdout, "The file it replaced was backed up to %s.\n", kept.Path)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
