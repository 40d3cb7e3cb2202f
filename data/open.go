package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ApplicationID marks a file as Bridgekeeper's (PRAGMA application_id,
// "BrKp"), so another program's SQLite file is never mistaken for ours.
const ApplicationID int32 = 0x42724b70

// Errors that say why a file was not opened. None of them changes the file.
var (
	// ErrNotDatabase means the file is not an SQLite database at all, or
	// one too damaged to read (see MoveAside).
	ErrNotDatabase = errors.New("not a Bridgekeeper database")
	// ErrTooNew means the database was written by a newer Bridgekeeper.
	ErrTooNew = errors.New("database was written by a newer version of Bridgekeeper")
	// ErrForeign means the file is a healthy SQLite database of another
	// program; it is left exactly as it is.
	ErrForeign = errors.New("is another program's database, not Bridgekeeper's")
	// ErrNoDatabase means there is no file at the path and the caller did
	// not ask for one to be created.
	ErrNoDatabase = errors.New("no database")
	// ErrLinked means the file has more than one name (hard links). SQLite
	// keeps its write-ahead log beside the name a file was opened by, so two
	// programs using two names could each keep a log and corrupt the file.
	ErrLinked = errors.New("the database file has more than one name (hard links)")
)

// Options tune OpenWith.
type Options struct {
	// BackupDir receives the checked backup taken before a schema upgrade;
	// "" means DefaultBackupDir beside the database.
	BackupDir string
	// NoCreate refuses to create a database where there is none: only the
	// window, import and restore start a new file, so a mistyped path in
	// any other command creates nothing and fails with ErrNoDatabase.
	NoCreate bool
}

// Open opens (creating if needed) the database at path and migrates it to
// the newest schema. The file and its directory are private to the user.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options. Nothing is written to a file before it is
// known to be Bridgekeeper's, at a schema this build understands: another
// program's database (ErrForeign), a newer Bridgekeeper's (ErrTooNew), a
// damaged file (ErrNotDatabase, see MoveAside) or an unreadable one
// (ErrUnreadable) stays byte for byte as it was. A file that cannot be
// written is opened read-only (see Store.ReadOnly).
func OpenWith(path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: no database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, wrapErr("open store", err)
	}
	s, err := open(abs, opt)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", abs, err)
	}
	return s, nil
}

func open(abs string, opt Options) (*Store, error) {
	real, viaLink, err := resolvePath(abs)
	if err != nil {
		return nil, err
	}
	if opt.BackupDir == "" {
		opt.BackupDir = DefaultBackupDir(real)
	}
	if !exists(real) {
		if opt.NoCreate {
			return nil, fmt.Errorf("%w at %s", ErrNoDatabase, real)
		}
		if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
			return nil, classify(err)
		}
		if err := createFresh(real); err != nil {
			return nil, classify(err)
		}
	}
	if err := checkHeader(real); err != nil {
		return nil, err
	}
	if err := checkSingleName(real); err != nil {
		return nil, err
	}
	plan, err := inspect(real)
	if err != nil {
		return nil, err
	}
	plan.backupDir = opt.BackupDir
	if !canWrite(real) {
		return openReadOnly(real, plan)
	}
	if !viaLink {
		// Never through a link: a chmod would change the link's target,
		// which the user may share on purpose.
		if err := tightenMode(real); err != nil {
			return nil, classify(err)
		}
	}
	s, err := openDB(real, false, false)
	if err != nil {
		return nil, classify(err)
	}
	if err := s.migrate(context.Background(), plan); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openReadOnly opens a file that cannot be written. It must already be at
// the newest schema: upgrading would mean writing.
func openReadOnly(real string, plan migratePlan) (*Store, error) {
	walPending := hasWAL(real)
	// Without write access to the folder SQLite cannot make the -shm file
	// a WAL reader needs; with no log pending, immutable mode reads the
	// main file alone and creates nothing.
	immutable := !walPending && !canWriteDir(filepath.Dir(real))
	s, err := openDB(real, true, immutable)
	if err != nil {
		return nil, classify(err)
	}
	v, err := s.Version(context.Background())
	if err != nil {
		s.Close()
		if errors.Is(classify(err), ErrCorrupt) {
			return nil, fmt.Errorf("%w: %v", ErrNotDatabase, err)
		}
		return nil, err
	}
	switch {
	case v > SchemaVersion():
		s.Close()
		return nil, fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, v, SchemaVersion())
	case v < SchemaVersion() || plan.setVersion > 0:
		s.Close()
		return nil, fmt.Errorf("%w, and it was written by an older Bridgekeeper (schema %d): make it writable once so it can be upgraded", ErrReadOnly, v)
	}
	return s, nil
}

// resolvePath follows symbolic links to the real file, so every name for
// it leads to one path, one -wal file and one lock. viaLink says whether
// the last part of abs is itself a link. A link to nothing is refused
// rather than followed into creating a file where it points.
func resolvePath(abs string) (real string, viaLink bool, err error) {
	info, err := os.Lstat(abs)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			target, _ := os.Readlink(abs)
			return "", true, fmt.Errorf("%w: %s is a link to %s, which does not exist", ErrNoDatabase, abs, target)
		}
		return real, true, nil
	case err == nil:
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return "", false, classify(err)
		}
		return real, false, nil
	case errors.Is(err, fs.ErrNotExist):
		// The file is not there yet; its folder (if any) may be a link.
		dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
		if err != nil {
			return abs, false, nil
		}
		return filepath.Join(dir, filepath.Base(abs)), false, nil
	default:
		return "", false, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
}

// tightenMode makes an existing, writable database private to the user: it
// takes away what the group and others may do, and nothing else.
func tightenMode(real string) error {
	info, err := os.Lstat(real)
	if err != nil {
		return err
	}
	if info.Mode()&fs.ModeSymlink == 0 && info.Mode().Perm()&0o077 != 0 {
		return os.Chmod(real, info.Mode().Perm()&^0o077)
	}
	return nil
}

// canWrite reports whether the database may be opened for writing: the file
// says its owner may write it (a file made read-only on purpose stays so,
// even for root), and the system agrees for the file and its folder, where
// SQLite keeps the -wal and -shm files.
func canWrite(real string) bool {
	info, err := os.Stat(real)
	if err != nil || info.Mode().Perm()&0o200 == 0 {
		return false
	}
	return accessWrite(real) == nil && canWriteDir(filepath.Dir(real))
}

func canWriteDir(dir string) bool { return accessWrite(dir) == nil }

// inspect decides, without writing anything, whether the file at real is
// Bridgekeeper's and what opening it must do: an ordinary file needs
// nothing; one from before the application ID is only marked; one rebuilt
// with sqlite3 .dump (our tables, no user_version) gets its version back
// after a backup. Anything else is refused.
func inspect(real string) (migratePlan, error) {
	head, err := readHeader(real)
	if err != nil {
		return migratePlan{}, err
	}
	switch {
	case head.appID == ApplicationID && head.userVersion > SchemaVersion():
		return migratePlan{}, fmt.Errorf("%w (schema %d, this build knows %d)", ErrTooNew, head.userVersion, SchemaVersion())
	case head.appID == ApplicationID:
		return migratePlan{}, nil
	case head.appID != 0:
		return migratePlan{}, fmt.Errorf("%w (its application ID is %#x)", ErrForeign, uint32(head.appID))
	}
	return inspectUnmarked(real, head)
}

// inspectUnmarked reads the schema of a file without our application ID:
// one of our own older files, a rebuilt one, an empty one, or a stranger.
func inspectUnmarked(real string, head header) (migratePlan, error) {
	// Read-only; immutable when no log is pending, so nothing at all is
	// created beside another program's file.
	db, err := sql.Open("sqlite", dsn(real, true, !hasWAL(real)))
	if err != nil {
		return migratePlan{}, err
	}
	defer db.Close()
	ctx := context.Background()
	var appID int32
	var userVersion int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return migratePlan{}, fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&userVersion); err != nil {
		return migratePlan{}, fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	if appID != 0 && appID != ApplicationID {
		return migratePlan{}, fmt.Errorf("%w (its application ID is %#x)", ErrForeign, uint32(appID))
	}
	objects, err := schemaOf(ctx, db)
	if err != nil {
		return migratePlan{}, fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	if len(objects) == 0 && userVersion == 0 {
		return migratePlan{}, nil // an empty database: ours to set up
	}
	known, err := matchSchema(ctx, objects)
	if err != nil {
		return migratePlan{}, err
	}
	return planFor(known, userVersion, objects)
}

// planFor turns what the tables look like into what opening must do.
func planFor(known, userVersion int, objects []schemaObject) (migratePlan, error) {
	switch {
	case known > 0 && userVersion == known:
		return migratePlan{}, nil // ours, from before the application ID
	case known > 0 && userVersion == 0:
		return migratePlan{setVersion: known}, nil // rebuilt with .dump
	case known > 0:
		return migratePlan{}, fmt.Errorf("%w: its tables are Bridgekeeper's schema %d but the file says schema %d; restore a backup, or open it in sqlite3 and run PRAGMA user_version = %d",
			ErrForeign, known, userVersion, known)
	case hasOurTables(objects):
		return migratePlan{}, fmt.Errorf("%w: it has Bridgekeeper's tables, changed in a way this version does not know; restore a backup, or export the tables with sqlite3 as CSV and import that",
			ErrForeign)
	}
	names := make([]string, 0, len(objects))
	for _, o := range objects {
		if o.kind == "table" {
			names = append(names, o.name)
		}
	}
	return migratePlan{}, fmt.Errorf("%w (its tables: %s)", ErrForeign, strings.Join(names, ", "))
}

func hasOurTables(objects []schemaObject) bool {
	return slices.ContainsFunc(objects, func(o schemaObject) bool {
		return o.kind == "table" && (o.name == "interviews" || o.name == "events")
	})
}
