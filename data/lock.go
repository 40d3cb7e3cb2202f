package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ErrLocked means another Bridgekeeper window already has the database open.
var ErrLocked = errors.New("another Bridgekeeper window has this database open")

// ErrLockDenied means no lock file can be made beside the database (a
// read-only folder or disk, a lock file owned by someone else). Such a
// database can only be opened read-only, where the lock is not needed.
var ErrLockDenied = errors.New("cannot make a lock file beside the database")

// Lock marks a database as in use by one window. The operating system drops
// it when the process ends, even by a crash, so it never goes stale.
//
// It is taken on the file's identity, not the text of its path: a lock file
// beside the real file (symbolic links resolved), and on Unix a lock on the
// database file itself, which every hard link to it shares.
type Lock struct {
	path string   // the resolved database path
	f    *os.File // NAME.lock
	db   *os.File // the database file itself, while it exists
}

// AcquireLock takes the lock for the database at dbPath, or returns
// ErrLocked when another process holds it, or ErrLockDenied when no lock
// file can be made there.
func AcquireLock(dbPath string) (*Lock, error) {
	real, _, err := resolvePath(dbPath)
	if err != nil {
		return nil, wrapErr("lock database", err)
	}
	f, err := openLockFile(real + ".lock")
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	l := &Lock{path: real, f: f}
	if err := l.lockDatabase(); err != nil {
		l.Release()
		return nil, err
	}
	return l, nil
}

// openLockFile opens (creating) a lock file. A lock file that exists but
// cannot be written is still good for locking: flock needs only a
// descriptor, not write permission.
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err == nil {
		return f, nil
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		if f, rerr := os.Open(path); rerr == nil {
			return f, nil
		}
		return nil, fmt.Errorf("%w: %v", ErrLockDenied, err)
	}
	return nil, wrapErr("lock database", err)
}

// lockDatabase locks the database file itself when it exists and the
// system locks by identity (see fileKey).
func (l *Lock) lockDatabase() error {
	info, err := os.Stat(l.path)
	if err != nil || fileKey(info) == "" {
		return nil // nothing there yet: Refresh locks it once created
	}
	db, err := os.Open(l.path)
	if err != nil {
		return nil // unreadable: opening the store will say so
	}
	if err := lockFile(db); err != nil {
		db.Close()
		return err
	}
	l.db = db
	return nil
}

// Path is the resolved path of the locked database: every symbolic link to
// the file gives the same one, so it can name the window's socket.
func (l *Lock) Path() string { return l.path }

// Refresh locks the file now at the path, after it was created or replaced
// (a restore renames a new file into place). It must be called with no
// store open on the old file: closing the old descriptor would otherwise
// drop SQLite's own locks on it.
func (l *Lock) Refresh() error {
	old := l.db
	if old != nil {
		// Still the same file: the lock on it holds. (A second flock on
		// it, even from this process, would conflict with the first.)
		was, err1 := old.Stat()
		now, err2 := os.Stat(l.path)
		if err1 == nil && err2 == nil && os.SameFile(was, now) {
			return nil
		}
	}
	l.db = nil
	if err := l.lockDatabase(); err != nil {
		l.db = old
		return err
	}
	if old != nil {
		unlockFile(old)
		old.Close()
	}
	return nil
}

// Release gives the lock up. Call it after the store is closed.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	if l.db != nil {
		unlockFile(l.db)
		l.db.Close()
		l.db = nil
	}
	if l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
