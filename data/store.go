// Package data is Bridgekeeper's storage layer: the one package that talks to
// SQLite. It owns the schema and its migrations, the interview, timeline and
// settings models with their validation, and the CSV and calendar exchange
// formats. It imports no Fyne, so everything here is tested with plain go test.
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Stored times use fixed-width layouts so that text order is time order.
const (
	stampLayout = "2006-01-02T15:04:05.000Z"
	startLayout = "2006-01-02T15:04:05Z"
)

// Store is an open Bridgekeeper database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// Options tune OpenWith.
type Options struct {
	// BackupDir, when set, receives a backup of an existing database before
	// its schema is migrated.
	BackupDir string
}

// Open opens (creating if needed) the database at path and migrates it to
// the newest schema. The file and its directory are private to the user.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options. A file at path that is not a healthy
// database is never overwritten: OpenWith fails with ErrNotDatabase (see
// MoveAside) or ErrUnreadable.
func OpenWith(path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: no database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	if !exists(abs) {
		if err := createFresh(abs); err != nil {
			return nil, fmt.Errorf("open store %s: %w", abs, err)
		}
	} else if err := tightenMode(abs); err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	s, err := openDB(abs)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	if err := s.migrate(context.Background(), opt.BackupDir); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	return s, nil
}

func openDB(abs string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, err
	}
	// A handful of connections lets the UI read while an import writes; no
	// code path holds one connection while waiting for another, so the pool
	// cannot deadlock.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	return &Store{db: db, path: abs}, nil
}

// createFresh builds a new database under a temporary name and links it
// into place only once it holds the whole schema, so the database path never
// holds a half-initialised (or empty) file, and a file that another process
// created meanwhile is never replaced.
func createFresh(abs string) error {
	tmp := fmt.Sprintf("%s.new-%d", abs, os.Getpid())
	cleanup := func() {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
	}
	cleanup()
	defer cleanup()
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	s, err := openDB(tmp)
	if err != nil {
		return err
	}
	err = s.migrate(context.Background(), "")
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, abs); err != nil {
		if exists(abs) {
			return nil // another process created it first: use theirs
		}
		// Some file systems have no hard links; nothing is at abs, so a
		// rename cannot clobber anything.
		if err := os.Rename(tmp, abs); err != nil {
			return err
		}
	}
	syncDir(filepath.Dir(abs))
	return nil
}

// tightenMode makes an existing database private to the user.
func tightenMode(abs string) error {
	info, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return os.Chmod(abs, 0o600)
	}
	return nil
}

// dsn builds a file: URI so that any character in the path survives, with
// the pragmas every connection needs:
//   - foreign_keys, so deleting an interview deletes its timeline;
//   - WAL, so the UI can read while something else writes;
//   - busy_timeout, so a second handle waits for a writer instead of failing;
//   - synchronous=FULL: a job search is small and written rarely, so an fsync
//     per commit costs nothing noticeable and keeps the last change even
//     across a power cut (NORMAL in WAL mode may lose it);
//   - _txlock=immediate, so a write transaction takes the write lock at
//     BEGIN and two writers queue instead of deadlocking on lock upgrade.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if runtime.GOOS == "windows" {
		p = "/" + p
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	return (&url.URL{Scheme: "file", Path: p}).String() + "?" + q.Encode()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// ErrNotDatabase means the file at the database path is not a Bridgekeeper
// (SQLite) database.
var ErrNotDatabase = errors.New("not a Bridgekeeper database")

// ErrTooNew means the database was written by a newer Bridgekeeper.
var ErrTooNew = errors.New("database was written by a newer version of Bridgekeeper")

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %q has no version prefix", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build of Bridgekeeper writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// Version reports the schema version stored in the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate applies each missing migration in a transaction of its own. The
// version is re-read inside the write lock so two processes opening the same
// old file cannot both apply a step.
func (s *Store) migrate(ctx context.Context, backupDir string) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	current, err := s.Version(ctx)
	if err != nil {
		if isCorrupt(err) {
			return fmt.Errorf("%w: %v", ErrNotDatabase, err)
		}
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, current, len(ms))
	}
	if current > 0 && current < len(ms) && backupDir != "" {
		if _, err := s.Backup(ctx, backupDir, time.Now()); err != nil {
			return fmt.Errorf("back up before upgrading the schema: %w", err)
		}
	}
	for _, m := range ms[current:] {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if v >= m.version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		// PRAGMA takes no bound parameters; the version is our own integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		return nil
	})
}

// inTx runs fn in a write transaction, committing only if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// isCorrupt recognises SQLite's "not a database" and "malformed" errors.
func isCorrupt(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "not a database") || strings.Contains(msg, "malformed")
}

func formatStamp(t time.Time) string { return t.UTC().Format(stampLayout) }

func formatStart(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(startLayout)
}

func parseTime(text string) (time.Time, error) {
	if text == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", text, err)
	}
	return t.UTC(), nil
}
