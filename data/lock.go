package data

import (
	"errors"
	"fmt"
	"os"
)

// ErrLocked means another Bridgekeeper window already has the database open.
var ErrLocked = errors.New("another Bridgekeeper window has this database open")

// Lock marks a database as in use by one window. The operating system drops
// it when the process ends, even by a crash, so it never goes stale.
type Lock struct {
	f *os.File
}

// AcquireLock takes the lock for the database at dbPath, or returns
// ErrLocked when another process holds it.
func AcquireLock(dbPath string) (*Lock, error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock database: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
