package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRemoveIfEmptyOnlyRemovesAnEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	s, _ := Open(empty)
	s.Close()
	if removed, err := RemoveIfEmpty(empty); err != nil || !removed || exists(empty) {
		t.Errorf("empty database: removed %v, %v, still there %v", removed, err, exists(empty))
	}
	full := filepath.Join(dir, "full.db")
	seeded(t, full, 1)
	if removed, err := RemoveIfEmpty(full); err != nil || removed || !exists(full) {
		t.Errorf("a database with an interview: removed %v, %v", removed, err)
	}
	withSetting := filepath.Join(dir, "setting.db")
	s, _ = Open(withSetting)
	s.SetSetting(context.Background(), SettingYourName, "Ana")
	s.Close()
	if removed, _ := RemoveIfEmpty(withSetting); removed {
		t.Error("a database holding only a setting was removed")
	}
	if _, err := RemoveIfEmpty(filepath.Join(dir, "none.db")); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("missing file: %v", err)
	}
}

func TestBackupReasonsReadAsWords(t *testing.T) {
	for r, want := range map[BackupReason]string{
		BackupDaily: "daily", BackupManual: "made by hand", BackupBeforeRestore: "before a restore",
		BackupBeforeUpgrade: "before an upgrade", "": "unknown reason", "odd": "unknown reason",
	} {
		if got := r.Label(); got != want {
			t.Errorf("%q.Label() = %q, want %q", r, got, want)
		}
	}
}

func TestReadOnlyFilesThatNeedWritingAreRefused(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	os.WriteFile(old, raw, 0o444)
	before, _ := os.ReadFile(old)
	_, err = Open(old)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "older Bridgekeeper") {
		t.Errorf("a read-only file that needs an upgrade: %v", err)
	}
	if after, _ := os.ReadFile(old); string(after) != string(before) {
		t.Error("the read-only file changed")
	}
	// A newer Bridgekeeper's read-only file is refused as too new.
	newer := filepath.Join(dir, "newer.db")
	seeded(t, newer, 1)
	s, _ := openDB(newer, false, false)
	s.db.Exec("PRAGMA user_version = 99")
	s.db.Close()
	os.Chmod(newer, 0o444)
	if _, err := Open(newer); !errors.Is(err, ErrTooNew) {
		t.Errorf("a newer read-only file: %v", err)
	}
}

func TestMoveDatabaseRefusalsKeepTheOriginal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from := filepath.Join(dir, "from.db")
	seeded(t, from, 3)
	taken := filepath.Join(dir, "taken.db")
	os.WriteFile(taken, []byte("someone else's"), 0o600)
	if err := MoveDatabase(ctx, from, taken, nil); err == nil {
		t.Error("moved onto an existing file")
	}
	// A commit that fails (the location could not be recorded) undoes the
	// copy and leaves the original where it was.
	to := filepath.Join(dir, "sub", "to.db")
	err := MoveDatabase(ctx, from, to, func() error { return errors.New("cannot write the location") })
	if err == nil || exists(to) || !exists(from) {
		t.Errorf("failed commit: %v, copy left %v, original kept %v", err, exists(to), exists(from))
	}
	if err := MoveDatabase(ctx, from, to, func() error { return nil }); err != nil || !exists(to) || exists(from) {
		t.Errorf("move: %v", err)
	}
	if got := companies(t, to); len(got) != 3 {
		t.Errorf("the moved file holds %v", got)
	}
}

func TestRestoreRefusesWhatIsNotABackupOfOurs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	seeded(t, db, 1)
	if _, err := Restore(ctx, db, db, dir, time.Now()); err == nil || !strings.Contains(err.Error(), "database itself") {
		t.Errorf("restoring the database over itself: %v", err)
	}
	foreign := filepath.Join(dir, "photos.db")
	otherProgramsDB(t, foreign, "CREATE TABLE photos (id INTEGER PRIMARY KEY)")
	if _, err := Restore(ctx, foreign, db, dir, time.Now()); !errors.Is(err, ErrForeign) {
		t.Errorf("restoring another program's file: %v", err)
	}
	if got := companies(t, db); len(got) != 1 {
		t.Errorf("a refused restore changed the database: %v", got)
	}
	// Restoring into a place with no database yet (a new computer).
	fresh := filepath.Join(dir, "new", "bk.db")
	kept, err := Restore(ctx, db, fresh, filepath.Join(dir, "new-backups"), time.Now())
	if err != nil || kept.Path != "" {
		t.Fatalf("restore into an empty place: %v (kept %+v)", err, kept)
	}
	if got := companies(t, fresh); len(got) != 1 {
		t.Errorf("restored file holds %v", got)
	}
}

func TestCheckPassesAHealthyFile(t *testing.T) {
	s := openTemp(t)
	s.CreateInterview(context.Background(), &Interview{Company: "A"})
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("Check on a healthy file: %v", err)
	}
}

func TestTooLongSaysHowLongInUnitsPeopleUse(t *testing.T) {
	for _, tc := range []struct {
		size, limit int
		want        string
	}{
		{70 << 10, MaxNotesBytes, "notes is too long (70 KiB; at most 64 KiB)"},
		{1500, MaxFieldBytes, "notes is too long (1.5 KiB; at most 1 KiB)"},
		{40, 30, "notes is too long (40 bytes; at most 30)"},
	} {
		if got := TooLong("notes", tc.size, tc.limit); got != tc.want {
			t.Errorf("TooLong(%d, %d) = %q, want %q", tc.size, tc.limit, got, tc.want)
		}
	}
}

func TestLockFileOwnedBySomeoneElseStillLocks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	os.WriteFile(path+".lock", nil, 0o400) // not writable by us
	l, err := AcquireLock(path)
	if err != nil {
		t.Fatalf("a read-only lock file: %v, want a lock (not 'already open')", err)
	}
	defer l.Release()
	if l.Path() != path {
		t.Errorf("lock path %s", l.Path())
	}
	if _, err := AcquireLock(path); !errors.Is(err, ErrLocked) {
		t.Errorf("second lock = %v", err)
	}
}

func TestTempJournalForgetsFinishedFilesAndKeepsLiveOnes(t *testing.T) {
	dir := t.TempDir()
	j := TempJournal{Path: filepath.Join(dir, "journal")}
	target := filepath.Join(dir, "export.csv")
	mine := TempPath(target)
	if !strings.HasPrefix(mine, target+tempMarker) {
		t.Fatalf("TempPath(%s) = %s", target, mine)
	}
	if pid, ok := tempOwner(filepath.Base(mine)); !ok || pid != os.Getpid() {
		t.Errorf("the temp name does not carry this process: %d %v", pid, ok)
	}
	other := filepath.Join(dir, "cal.ics"+tempMarker+"write-"+strconv.Itoa(os.Getppid()))
	for _, p := range []string{mine, other} {
		os.WriteFile(p, []byte("x"), 0o600)
		j.Add(p)
	}
	j.Done(mine)
	raw, _ := os.ReadFile(j.Path)
	if strings.Contains(string(raw), mine) || !strings.Contains(string(raw), other) {
		t.Errorf("journal after Done:\n%s", raw)
	}
	if removed := j.Sweep(); len(removed) != 0 || !exists(other) {
		t.Errorf("Sweep removed a live process's file: %v", removed)
	}
	// No journal at all is no error.
	(TempJournal{}).Add(mine)
	if got := (TempJournal{}).Sweep(); got != nil {
		t.Errorf("the zero journal swept %v", got)
	}
}

func TestBackupIntoAPlaceThatCannotHoldOneFails(t *testing.T) {
	s := openTemp(t)
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, nil, 0o600)
	if _, err := s.Backup(context.Background(), filepath.Join(file, "backups"), time.Now()); err == nil {
		t.Error("backed up under a regular file")
	}
	if list, err := ListBackups(filepath.Join(file, "backups")); err == nil && len(list) != 0 {
		t.Errorf("listed %v", list)
	}
}

func TestTableRemembersItsQuery(t *testing.T) {
	tb := NewTable(tableFixture())
	q := Query{Text: "acme", Status: StatusScheduled}
	tb.Filter(q)
	if got := tb.Query(); got.Text != "acme" || got.Status != StatusScheduled {
		t.Errorf("Query() = %+v", got)
	}
	if len(Columns()) != 5 || Columns()[0] != ColCompany {
		t.Errorf("Columns() = %v", Columns())
	}
}

func TestReadOnlyFileWithAPendingLogIsReadWhole(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.db.Exec("PRAGMA wal_autocheckpoint = 0") // keep the writes in the log
	for i := range 5 {
		s.CreateInterview(context.Background(), &Interview{Company: fmt.Sprint("In the log ", i)})
	}
	// A copy as a crash leaves it: the main file and a log not yet folded
	// in, then made read-only.
	crashed := filepath.Join(dir, "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		raw, err := os.ReadFile(live + suffix)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(crashed+suffix, raw, 0o444)
	}
	ro, err := Open(crashed)
	if err != nil {
		t.Fatalf("read-only file with a pending log: %v", err)
	}
	defer ro.Close()
	if n, _ := ro.CountInterviews(context.Background()); !ro.ReadOnly() || n != 5 {
		t.Errorf("read-only %v, %d interviews; want the 5 in the log", ro.ReadOnly(), n)
	}
}

func TestAtomicWriteIntoAMissingFolderFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	err := WriteFileAtomic(filepath.Join(dir, "nowhere", "out.csv"), func(w io.Writer) error {
		_, err := w.Write([]byte("x"))
		return err
	})
	if err == nil {
		t.Fatal("wrote into a folder that does not exist")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d files behind", len(entries))
	}
}
