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
	// readOnly is set when the file, its folder or its disk cannot be
	// written: the store then reads only, and every write fails with
	// ErrReadOnly.
	readOnly bool
	// counted is set once the schema has the changes table, so each write
	// transaction counts itself there (see Changes).
	counted bool
	// linked is set once the schema has companies and contacts, so each
	// write transaction links the interviews it leaves unlinked.
	linked  bool
	changes changeLog
}

// openDB opens the pool on an existing file. A read-only store sets no
// pragma that writes (journal_mode would), and with immutable set SQLite
// takes no locks and creates no -wal or -shm file: for a file in a folder
// nobody can write to, that is the only way to read it.
func openDB(abs string, readOnly, immutable bool) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(abs, readOnly, immutable))
	if err != nil {
		return nil, err
	}
	// A handful of connections lets the UI read while an import writes; no
	// code path holds one connection while waiting for another, so the pool
	// cannot deadlock. One more is held by the change watcher.
	db.SetMaxOpenConns(5)
	db.SetMaxIdleConns(5)
	return &Store{db: db, path: abs, readOnly: readOnly}, nil
}

// createFresh builds a new database under a temporary name and links it
// into place only once it holds the whole schema, so the database path never
// holds a half-initialised (or empty) file, and a file that another process
// created meanwhile is never replaced.
func createFresh(abs string) error {
	tmp := tempName(abs, "new")
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
	s, err := openDB(tmp, false, false)
	if err != nil {
		return err
	}
	err = s.migrate(context.Background(), migratePlan{})
	if err == nil {
		// Close checkpoints too, but says nothing when the disk fills
		// part-way: the file would be linked into place cut short.
		err = s.checkpoint(context.Background())
	}
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
//
// A read-only DSN keeps only the pragmas that write nothing.
func dsn(abs string, readOnly, immutable bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	if readOnly {
		q.Set("mode", "ro")
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	}
	return fileURI(abs) + "?" + q.Encode()
}

// fileURI is the file: URI of a path, on every system.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if runtime.GOOS == "windows" {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Close checkpoints the write-ahead log into the database file, so no -wal
// is left beside it, and closes the database. A checkpoint that cannot run
// (another process still reading, a read-only store) costs nothing: SQLite
// finishes it later.
func (s *Store) Close() error {
	s.changes.close()
	if !s.readOnly {
		s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return s.db.Close()
}

// checkpoint copies the whole write-ahead log into the database file and
// empties it, and reports a checkpoint that could not finish.
func (s *Store) checkpoint(ctx context.Context) error {
	var busy, logged, copied int
	if err := s.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &copied); err != nil {
		return wrapErr("write the new database", err)
	}
	if busy != 0 || copied < logged {
		return fmt.Errorf("write the new database: %w (the log was not all copied in)", ErrBusy)
	}
	return nil
}

// Path is the absolute path of the database file, with symbolic links
// resolved: the name SQLite keeps its -wal and -shm files beside.
func (s *Store) Path() string { return s.path }

// Check runs SQLite's quick_check on the open database. A file whose header
// is sound but whose body is damaged opens like any other and fails later,
// action by action; this finds it at once. The error wraps ErrCorrupt.
func (s *Store) Check(ctx context.Context) error {
	var result string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		if kind := kindOf(err); kind != nil {
			return wrapErr("check the database", err)
		}
		return fmt.Errorf("check the database: %w (%v)", ErrCorrupt, err)
	}
	if result != "ok" {
		first, _, _ := strings.Cut(result, "\n")
		return fmt.Errorf("check the database: %w (quick_check: %s)", ErrCorrupt, first)
	}
	return nil
}

// ReadOnly reports whether the store was opened read-only because the file,
// its folder or its disk cannot be written.
func (s *Store) ReadOnly() bool { return s.readOnly }

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
		return 0, wrapErr("read schema version", err)
	}
	return v, nil
}

// migratePlan says what migrate must do to a file besides applying the
// missing migrations.
type migratePlan struct {
	// backupDir receives a checked backup before anything is changed; ""
	// for a file being created.
	backupDir string
	// setVersion, when positive, is the schema version a file rebuilt
	// without its user_version (sqlite3 .dump) was recognised as.
	setVersion int
}

// migrate applies each missing migration in a transaction of its own, and
// marks the file as Bridgekeeper's. The version is re-read inside the write
// lock so two processes opening the same old file cannot both apply a step.
func (s *Store) migrate(ctx context.Context, plan migratePlan) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	current, err := s.Version(ctx)
	if err != nil {
		if errors.Is(classify(err), ErrCorrupt) {
			return fmt.Errorf("%w: %v", ErrNotDatabase, err)
		}
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, current, len(ms))
	}
	upgrade := (current > 0 && current < len(ms)) || plan.setVersion > 0
	if upgrade && plan.backupDir != "" {
		if _, err := s.BackupWhy(ctx, plan.backupDir, time.Now(), BackupBeforeUpgrade); err != nil {
			return wrapErr("back up before upgrading the schema", err)
		}
	}
	if err := s.mark(ctx, plan.setVersion); err != nil {
		return err
	}
	for _, m := range ms[current:] {
		if plan.setVersion > 0 && m.version <= plan.setVersion {
			continue
		}
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	s.counted = true
	s.linked = true
	return s.linkPending(ctx)
}

// linkPending links, in a write transaction of its own, the interviews an
// upgrade or another program left without their company or contacts; it
// writes nothing when there are none.
func (s *Store) linkPending(ctx context.Context) error {
	var pending bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM interviews
		WHERE company_id IS NULL OR contacts_linked = 0)`).Scan(&pending)
	if err != nil {
		return wrapErr("look for interviews to link", err)
	}
	if !pending {
		return nil
	}
	return wrapErr("link interviews to companies", s.inTx(ctx, func(*sql.Tx) error { return nil }))
}

// mark stamps the file with Bridgekeeper's application ID (files from
// before the ID existed lack it) and, for a rebuilt file, the schema
// version its tables were recognised as.
func (s *Store) mark(ctx context.Context, setVersion int) error {
	var id int32
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return wrapErr("read application ID", err)
	}
	if id == ApplicationID && setVersion == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// PRAGMA takes no bound parameters; both numbers are our own.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return wrapErr("mark the file as Bridgekeeper's", err)
		}
		if setVersion > 0 {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", setVersion)); err != nil {
				return wrapErr("repair the schema version", err)
			}
		}
		return nil
	})
}

func (s *Store) apply(ctx context.Context, m migration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, classify(err))
		}
		if v >= m.version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, classify(err))
		}
		// PRAGMA takes no bound parameters; the version is our own integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, classify(err))
		}
		return nil
	})
}

// inTx runs fn in a write transaction, committing only if fn succeeds. Each
// transaction counts itself in the changes table, so the window can tell its
// own writes from another process's (see Changes).
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return fmt.Errorf("%w (%s)", ErrReadOnly, s.path)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return wrapErr("begin", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(err)
	}
	if s.linked {
		if err := linkUnlinked(ctx, tx); err != nil {
			tx.Rollback()
			return classify(err)
		}
	}
	var rev int64
	if s.counted {
		if err := tx.QueryRowContext(ctx, `UPDATE changes SET rev = rev + 1 RETURNING rev`).Scan(&rev); err != nil {
			tx.Rollback()
			return wrapErr("count the change", err)
		}
	}
	if rev > 0 {
		// Recorded before the commit, so the watcher never sees this rev
		// without knowing it is ours.
		s.changes.own(rev)
	}
	if err := tx.Commit(); err != nil {
		s.changes.forget(rev)
		return wrapErr("commit", err)
	}
	return nil
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

// RemoveIfEmpty deletes the database at path (with its -wal and -shm) when
// it holds nothing at all: no interview, no timeline entry, no setting. It
// is for a caller that has just created the file and failed to fill it (an
// import of a bad file), so a failed first command leaves no empty database
// behind. It reports whether it removed the file.
func RemoveIfEmpty(path string) (bool, error) {
	s, err := OpenWith(path, Options{NoCreate: true})
	if err != nil {
		return false, err
	}
	var n int
	err = s.db.QueryRow(`SELECT (SELECT count(*) FROM interviews) + (SELECT count(*) FROM events) +
		(SELECT count(*) FROM settings)`).Scan(&n)
	real := s.Path()
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil || n > 0 {
		return false, wrapErr("remove an empty database", err)
	}
	for _, p := range []string{real + "-wal", real + "-shm", real} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return false, wrapErr("remove an empty database", err)
		}
	}
	return true, nil
}
