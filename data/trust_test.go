package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// These tests are the findings of a careful, hostile user of the data
// layer: each one lost or hid data before the fix it names.

// mustOpen opens path or stops the test.
func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// companies lists the companies in the file, read through a fresh store.
func companies(t *testing.T, path string) []string {
	t.Helper()
	s, err := OpenWith(path, Options{NoCreate: true})
	if err != nil {
		t.Fatalf("reopen %s: %v", path, err)
	}
	defer s.Close()
	return companiesOf(t, s)
}

func TestRestoringTheOldestOfSevenBackupsKeepsIt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	backups := filepath.Join(dir, "backups")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	day := time.Now().Add(-30 * 24 * time.Hour).Truncate(time.Second)
	for i := range KeepBackups {
		if err := s.CreateInterview(ctx, &Interview{Company: fmt.Sprintf("Day %d", i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Backup(ctx, backups, day.Add(time.Duration(i)*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	list, _ := ListBackups(backups)
	if len(list) != KeepBackups {
		t.Fatalf("%d backups, want %d", len(list), KeepBackups)
	}
	oldest := list[len(list)-1]
	if _, err := Restore(ctx, oldest.Path, path, backups, time.Now()); err != nil {
		t.Fatalf("restoring the oldest backup: %v", err)
	}
	if !exists(oldest.Path) {
		t.Fatal("restoring the oldest backup deleted it")
	}
	if got := companies(t, path); len(got) != 1 || got[0] != "Day 0" {
		t.Errorf("after restore the database holds %v, want the oldest backup's [Day 0]", got)
	}
	// The file it replaced (all seven interviews) was kept too.
	list, _ = ListBackups(backups)
	if list[0].Reason != BackupBeforeRestore {
		t.Fatalf("newest backup is %+v, want the one made before the restore", list[0])
	}
	if got := companies(t, list[0].Path); len(got) != KeepBackups {
		t.Errorf("the replaced file's backup holds %d interviews, want %d", len(got), KeepBackups)
	}
}

func TestPruningKeepsTheNewestGoodBackup(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, filepath.Join(dir, "bk.db"))
	ctx := context.Background()
	backups := filepath.Join(dir, "backups")
	base := time.Now().Add(-60 * 24 * time.Hour)
	good, err := s.Backup(ctx, backups, base)
	if err != nil {
		t.Fatal(err)
	}
	// Seven newer backups, all damaged since by a failing disk.
	for i := 1; i <= KeepBackups; i++ {
		name := fmt.Sprintf("bridgekeeper-%s-daily.db", base.Add(time.Duration(i)*time.Hour).UTC().Format(backupLayout))
		os.WriteFile(filepath.Join(backups, name), []byte("damaged by a disk fault"), 0o600)
	}
	if err := PruneBackups(backups, KeepBackups, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !exists(good.Path) {
		t.Error("pruning deleted the only backup that passes its check")
	}
}

func TestFutureDatedBackupsDoNotStopBackups(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, filepath.Join(dir, "bk.db"))
	ctx := context.Background()
	backups := filepath.Join(dir, "backups")
	now := time.Now()
	// Seven backups made while the clock was a year ahead: names and file
	// times both in the future.
	ahead := now.AddDate(1, 0, 0)
	for i := range KeepBackups {
		at := ahead.Add(time.Duration(i) * time.Hour)
		b, err := s.Backup(ctx, backups, at)
		if err != nil {
			t.Fatal(err)
		}
		os.Chtimes(b.Path, at, at)
	}
	wrote, err := s.AutoBackup(ctx, backups, now)
	if err != nil || !wrote {
		t.Fatalf("AutoBackup with only future-dated backups: wrote=%v err=%v, want a backup", wrote, err)
	}
	made, err := s.Backup(ctx, backups, now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if !exists(made.Path) {
		t.Fatal(`"Back up now" pruned its own new file`)
	}
	list, _ := ListBackups(backups)
	if len(list) != KeepBackups {
		t.Errorf("%d backups kept, want %d", len(list), KeepBackups)
	}
	if list[0].Path != made.Path {
		t.Errorf("newest backup is %s, want the one just made", filepath.Base(list[0].Path))
	}
	// The real ones come first; the future-dated are the first to go.
	if list[1].Reason != BackupDaily {
		t.Errorf("second newest is %s, want today's daily backup", filepath.Base(list[1].Path))
	}
	// And the next day's automatic backup still runs.
	if wrote, _ := s.AutoBackup(ctx, backups, now.Add(25*time.Hour)); !wrote {
		t.Error("the next day's automatic backup did not run")
	}
}

func TestBackupNamesSayWhyAndListsCountInterviews(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, filepath.Join(dir, "bk.db"))
	ctx := context.Background()
	backups := filepath.Join(dir, "backups")
	for i := range 3 {
		s.CreateInterview(ctx, &Interview{Company: fmt.Sprintf("C%d", i)})
	}
	at := time.Now().Add(-time.Hour)
	for _, why := range []BackupReason{BackupDaily, BackupManual, BackupBeforeUpgrade} {
		if _, err := s.BackupWhy(ctx, backups, at, why); err != nil {
			t.Fatal(err)
		}
	}
	list, err := ListBackupsDetailed(ctx, backups)
	if err != nil || len(list) != 3 {
		t.Fatalf("ListBackupsDetailed = %d, %v", len(list), err)
	}
	seen := map[BackupReason]bool{}
	for _, b := range list {
		seen[b.Reason] = true
		if b.Interviews != 3 {
			t.Errorf("%s counts %d interviews, want 3", filepath.Base(b.Path), b.Interviews)
		}
	}
	if len(seen) != 3 {
		t.Errorf("reasons read back: %v", seen)
	}
	// Names from before reasons were recorded still list.
	old := filepath.Join(backups, "bridgekeeper-20250101-090000.db")
	raw, _ := os.ReadFile(list[0].Path)
	os.WriteFile(old, raw, 0o600)
	if list, _ := ListBackups(backups); len(list) != 4 || list[3].Reason != "" {
		t.Errorf("an old-style backup name is not listed: %+v", list)
	}
}

func TestLockFollowsTheFileNotItsName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	seeded(t, path, 1)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	first, err := AcquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	for name, p := range map[string]string{"symbolic link": link, "hard link": hard} {
		if l, err := AcquireLock(p); !errors.Is(err, ErrLocked) {
			l.Release()
			t.Errorf("lock through a %s = %v, want ErrLocked", name, err)
		}
	}
	// Opening by either name never gives a second -wal: a file with two
	// names is refused, and a link resolves to the real path.
	if _, err := Open(hard); !errors.Is(err, ErrLinked) {
		t.Errorf("Open of a file with two names = %v, want ErrLinked", err)
	}
	os.Remove(hard)
	s := mustOpen(t, link)
	if s.Path() != path {
		t.Errorf("store through a link has path %s, want %s", s.Path(), path)
	}
}

func TestLockRefreshFollowsAReplacedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	l, err := AcquireLock(path) // no file yet: only the lock file
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	seeded(t, path, 1)
	if err := l.Refresh(); err != nil {
		t.Fatal(err)
	}
	// Refreshing again on the same file keeps the lock it has.
	if err := l.Refresh(); err != nil {
		t.Fatalf("a second Refresh on the same file: %v", err)
	}
	// After a restore renamed another file into place, the new one is
	// locked and the old one let go.
	replacement := filepath.Join(dir, "restored.db")
	seeded(t, replacement, 2)
	if err := os.Rename(replacement, path); err != nil {
		t.Fatal(err)
	}
	if err := l.Refresh(); err != nil {
		t.Fatalf("Refresh after a replace: %v", err)
	}
	hard := filepath.Join(dir, "other-name.db")
	os.Link(path, hard)
	defer os.Remove(hard)
	if other, err := AcquireLock(hard); !errors.Is(err, ErrLocked) {
		other.Release()
		t.Errorf("after Refresh, a lock through another name = %v, want ErrLocked", err)
	}
}

// otherProgramsDB makes an SQLite file another program might own.
func otherProgramsDB(t *testing.T, path string, stmts ...string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	os.Chmod(path, 0o644)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestForeignAndNewerFilesStayByteIdentical(t *testing.T) {
	cases := []struct {
		name  string
		stmts []string
		want  error
	}{
		{"another program's database", []string{"CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)", "INSERT INTO photos VALUES (1, 'a.jpg')"}, ErrForeign},
		{"another program's, marked as such", []string{"PRAGMA application_id = 1234", "CREATE TABLE t (x)"}, ErrForeign},
		{"another program's, in WAL mode", []string{"PRAGMA journal_mode = WAL", "CREATE TABLE notes (body TEXT)"}, ErrForeign},
		{"a newer Bridgekeeper", []string{fmt.Sprintf("PRAGMA application_id = %d", ApplicationID), "CREATE TABLE interviews (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 99"}, ErrTooNew},
		{"our tables, changed by hand", []string{"CREATE TABLE interviews (id INTEGER PRIMARY KEY, company TEXT)", "CREATE TABLE events (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 3"}, ErrForeign},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "their.db")
			before := otherProgramsDB(t, path, tc.stmts...)
			_, err := Open(path)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the file changed")
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
				t.Errorf("mode changed to %o", info.Mode().Perm())
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files beside it: %v, want none", names)
			}
		})
	}
}

func TestOlderFilesAreMarkedAndRebuiltOnesRepaired(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("version 1 without the mark", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		os.WriteFile(path, raw, 0o600)
		s := mustOpen(t, path)
		var id int32
		s.db.QueryRow("PRAGMA application_id").Scan(&id)
		if id != ApplicationID {
			t.Errorf("application_id = %#x, want %#x", id, ApplicationID)
		}
	})
	t.Run("rebuilt with sqlite3 .dump", func(t *testing.T) {
		if _, err := exec.LookPath("sqlite3"); err != nil {
			t.Skip("sqlite3 not installed")
		}
		dir := t.TempDir()
		src := filepath.Join(dir, "src.db")
		s, err := Open(src)
		if err != nil {
			t.Fatal(err)
		}
		s.CreateInterview(context.Background(), &Interview{Company: "Dumped Ltd"})
		s.Close()
		dump, err := exec.Command("sqlite3", src, ".dump").Output()
		if err != nil {
			t.Fatal(err)
		}
		rebuilt := filepath.Join(dir, "rebuilt.db")
		load := exec.Command("sqlite3", rebuilt)
		load.Stdin = bytes.NewReader(dump)
		if out, err := load.CombinedOutput(); err != nil {
			t.Fatalf("sqlite3 < dump: %v\n%s", err, out)
		}
		if v, _ := exec.Command("sqlite3", rebuilt, "PRAGMA user_version").Output(); strings.TrimSpace(string(v)) != "0" {
			t.Fatalf("the rebuilt file says user_version %s; the test needs 0", v)
		}
		backups := filepath.Join(dir, "backups")
		r, err := OpenWith(rebuilt, Options{BackupDir: backups})
		if err != nil {
			t.Fatalf("Open of a .dump-rebuilt file: %v", err)
		}
		defer r.Close()
		if v, _ := r.Version(context.Background()); v != SchemaVersion() {
			t.Errorf("schema after repair = %d", v)
		}
		if got := companiesOf(t, r); len(got) != 1 || got[0] != "Dumped Ltd" {
			t.Errorf("interviews after repair = %v", got)
		}
		if list, _ := ListBackups(backups); len(list) != 1 || list[0].Reason != BackupBeforeUpgrade {
			t.Errorf("repair was not preceded by a backup: %+v", list)
		}
	})
	t.Run("an empty SQLite file is set up", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		otherProgramsDB(t, path, "PRAGMA user_version = 0")
		mustOpen(t, path)
	})
}

func companiesOf(t *testing.T, s *Store) []string {
	t.Helper()
	ivs, err := s.Interviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, iv := range ivs {
		out = append(out, iv.Company)
	}
	return out
}

func TestUnreadableRowNeverHidesTheOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	s := mustOpen(t, path)
	ctx := context.Background()
	s.CreateInterview(ctx, &Interview{Company: "Fine Co", StartsAt: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)})
	// Rows an older version (or a hand edit) could have stored.
	for _, q := range []string{
		`INSERT INTO interviews (company, starts_at, status, created_at, updated_at) VALUES ('Far Future', '10000-01-01T00:00:00Z', 'scheduled', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
		`INSERT INTO interviews (company, starts_at, status, created_at, updated_at) VALUES ('Year Zero', '0000-01-01T00:00:00Z', 'scheduled', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
		`INSERT INTO interviews (company, status, created_at, updated_at) VALUES ('Odd Status', 'interviewing', 'yesterday', '2026-01-01T00:00:00.000Z')`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	ivs, err := s.Interviews(ctx)
	if err != nil {
		t.Fatalf("one unreadable row made every interview unreadable: %v", err)
	}
	if len(ivs) != 4 {
		t.Fatalf("%d interviews listed, want 4", len(ivs))
	}
	damaged := map[string]Interview{}
	for _, iv := range ivs {
		if iv.Damage != "" {
			damaged[iv.Company] = iv
		}
	}
	if len(damaged) != 3 || damaged["Far Future"].RawStartsAt != "10000-01-01T00:00:00Z" {
		t.Fatalf("damaged rows = %+v", damaged)
	}
	var csv bytes.Buffer
	if err := WriteCSV(&csv, ivs); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "interviewing"} {
		if !strings.Contains(csv.String(), raw) {
			t.Errorf("the export lost the raw value %q:\n%s", raw, csv.String())
		}
	}
	// Editing mends it; deleting removes it.
	fix := damaged["Far Future"]
	fix.StartsAt = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	if err := s.UpdateInterview(ctx, &fix); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Interview(ctx, fix.ID); got.Damage != "" {
		t.Errorf("after an edit the row still needs attention: %s", got.Damage)
	}
	if err := s.DeleteInterview(ctx, damaged["Year Zero"].ID); err != nil {
		t.Error(err)
	}
}

func TestTimesAndSizesOutsideTheLimitsAreRefused(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for name, iv := range map[string]Interview{
		"year 0":      {Company: "A", StartsAt: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		"year 10000":  {Company: "A", StartsAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"year 1969":   {Company: "A", StartsAt: time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC)},
		"long notes":  {Company: "A", Notes: strings.Repeat("n", MaxNotesBytes+1)},
		"long name":   {Company: strings.Repeat("c", MaxFieldBytes+1)},
		"long role":   {Company: "A", Role: strings.Repeat("r", MaxFieldBytes+1)},
		"long person": {Company: "A", ContactName: strings.Repeat("p", MaxFieldBytes+1)},
	} {
		t.Run(name, func(t *testing.T) {
			var ve ValidationError
			if err := s.CreateInterview(ctx, &iv); !errors.As(err, &ve) {
				t.Fatalf("CreateInterview = %v, want a ValidationError", err)
			}
		})
	}
	if n, _ := s.CountInterviews(ctx); n != 0 {
		t.Errorf("%d refused interviews were stored", n)
	}
	at2200 := Interview{Company: "Edge", StartsAt: time.Date(2200, 12, 31, 23, 0, 0, 0, time.UTC), Notes: strings.Repeat("n", MaxNotesBytes)}
	if err := s.CreateInterview(ctx, &at2200); err != nil {
		t.Errorf("the limits themselves are allowed: %v", err)
	}
	_, err := ReadCSV(strings.NewReader("company,starts_at,notes\nA,0000-01-01T00:00:00Z,\nB,10000-01-01T00:00:00Z,\nC,,\"" + strings.Repeat("x", MaxNotesBytes+1) + "\"\n"))
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 3 {
		t.Fatalf("ReadCSV = %v, want three problems", err)
	}
	for i, want := range []struct {
		line  int
		field string
	}{{2, "starts_at"}, {3, "starts_at"}, {4, "notes"}} {
		if p := ie.Problems[i]; p.Line != want.line || p.Field != want.field {
			t.Errorf("problem %d = %+v, want line %d, %s", i, p, want.line, want.field)
		}
	}
}

func TestOtherWritersAreNoticedOwnWritesAreNot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	win := mustOpen(t, path)
	cli := mustOpen(t, path)
	ctx := context.Background()
	changed := func() bool {
		t.Helper()
		c, err := win.Changes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	changed() // starts watching
	if changed() {
		t.Error("a change was reported with nothing written")
	}
	win.CreateInterview(ctx, &Interview{Company: "Mine"})
	win.SetSetting(ctx, SettingYourName, "Ana")
	if changed() {
		t.Error("the window's own writes were reported as another program's")
	}
	cli.CreateInterview(ctx, &Interview{Company: "Theirs"})
	if !changed() {
		t.Error("another store's write was not noticed")
	}
	win.CreateInterview(ctx, &Interview{Company: "Mine again"})
	cli.CreateInterview(ctx, &Interview{Company: "Theirs again"})
	if !changed() {
		t.Error("another store's write next to our own was not noticed")
	}
	// A writer that does not count its writes (the sqlite3 shell).
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.Exec(`UPDATE interviews SET role = 'edited by hand'`)
	if !changed() {
		t.Error("a hand edit was not noticed")
	}
}

func TestSavingAStaleEditIsAConflict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	win := mustOpen(t, path)
	other := mustOpen(t, path)
	ctx := context.Background()
	iv := Interview{Company: "Acme", Role: "Dev"}
	if err := win.CreateInterview(ctx, &iv); err != nil {
		t.Fatal(err)
	}
	opened, _ := win.Interview(ctx, iv.ID) // the edit form opens
	theirs, _ := other.Interview(ctx, iv.ID)
	theirs.Notes = "changed on the command line"
	if err := other.UpdateInterview(ctx, &theirs); err != nil {
		t.Fatal(err)
	}
	mine := opened
	mine.Role = "Senior Dev"
	err := win.UpdateInterview(ctx, &mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || !errors.Is(err, ErrConflict) {
		t.Fatalf("UpdateInterview over a newer version = %v, want a ConflictError", err)
	}
	if ce.Theirs.Notes != "changed on the command line" {
		t.Errorf("the conflict carries %+v, want their version", ce.Theirs)
	}
	if got, _ := win.Interview(ctx, iv.ID); got.Role != "Dev" || got.Notes != theirs.Notes {
		t.Errorf("a conflicting save wrote anyway: %+v", got)
	}
	// Keeping mine on purpose: retry from their version.
	mine.UpdatedAt = ce.Theirs.UpdatedAt
	if err := win.UpdateInterview(ctx, &mine); err != nil {
		t.Fatalf("saving over theirs on purpose: %v", err)
	}
	// A status change elsewhere is a new version too, even within one
	// millisecond of the last.
	stale := mine
	if err := other.AddEvent(ctx, &Event{InterviewID: iv.ID, Kind: EventStatus, ToStatus: StatusAttended}); err != nil {
		t.Fatal(err)
	}
	stale.Notes = "x"
	if err := win.UpdateInterview(ctx, &stale); !errors.Is(err, ErrConflict) {
		t.Errorf("save after a status change elsewhere = %v, want ErrConflict", err)
	}
}

func TestErrorsAreClassifiedByCode(t *testing.T) {
	ctx := context.Background()
	t.Run("read-only", func(t *testing.T) {
		s := openTemp(t)
		if _, err := s.db.Exec("PRAGMA query_only = 1"); err != nil {
			t.Fatal(err)
		}
		s.db.SetMaxOpenConns(1) // the pragma is per connection
		err := s.CreateInterview(ctx, &Interview{Company: "A"})
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("write under query_only = %v, want ErrReadOnly", err)
		}
	})
	t.Run("disk full", func(t *testing.T) {
		s := openTemp(t)
		s.db.SetMaxOpenConns(1)
		var pages int
		s.db.QueryRow("PRAGMA page_count").Scan(&pages)
		if _, err := s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+1)); err != nil {
			t.Fatal(err)
		}
		var err error
		for i := 0; i < 50 && err == nil; i++ {
			err = s.CreateInterview(ctx, &Interview{Company: "A", Notes: strings.Repeat("x", 60000)})
		}
		if !errors.Is(err, ErrDiskFull) {
			t.Errorf("write past max_page_count = %v, want ErrDiskFull", err)
		}
	})
	t.Run("busy", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bk.db")
		s := mustOpen(t, path)
		// Another program holds the write lock longer than it waits.
		holder, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close()
		conn, _ := holder.Conn(ctx)
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, "ROLLBACK")
		impatient, err := sql.Open("sqlite", fileURI(path)+"?_pragma=busy_timeout(50)&_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		defer impatient.Close()
		_, err = impatient.Exec("INSERT INTO settings VALUES ('k', 'v')")
		if !errors.Is(classify(err), ErrBusy) {
			t.Errorf("write while another holds the lock = %v, want ErrBusy", classify(err))
		}
		_ = s
	})
	t.Run("damaged body", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bk.db")
		seeded(t, path, 3000)
		damage(t, path)
		s, err := Open(path)
		if err != nil {
			t.Fatalf("a sound header should open: %v", err)
		}
		defer s.Close()
		if err := s.Check(ctx); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Check = %v, want ErrCorrupt", err)
		}
		if _, err := s.Interviews(ctx); !errors.Is(err, ErrCorrupt) {
			t.Errorf("reading a damaged table = %v, want ErrCorrupt", err)
		}
	})
}

// damage overwrites every other page of the middle half of a closed
// database with garbage, leaving the header sound: table and index pages
// are interleaved, so both kinds are hit whatever the layout.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	if info.Size() < 8*4096 {
		t.Fatalf("%s is too small to damage in the middle", path)
	}
	junk := bytes.Repeat([]byte{0xA5, 0x5A, 0xFF, 0x00}, 4096/4)
	pages := info.Size() / 4096
	for p := pages / 4; p < pages*3/4; p += 2 {
		if _, err := f.WriteAt(junk, p*4096); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadOnlyFileIsOpenedReadOnlyAndLeftSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	seeded(t, path, 2)
	os.Chmod(path, 0o444)
	before, _ := os.ReadFile(path)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(read-only file) = %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Error("the store does not say it is read-only")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
		t.Errorf("the file was made writable: %o", info.Mode().Perm())
	}
	if n, err := s.CountInterviews(context.Background()); err != nil || n != 2 {
		t.Errorf("reading = %d, %v", n, err)
	}
	err = s.CreateInterview(context.Background(), &Interview{Company: "New"})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("write to a read-only store = %v, want ErrReadOnly in plain words", err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the read-only file changed")
	}
}

func TestMissingDatabaseIsNotCreatedUnlessAsked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "typo", "nested", "bk.db")
	_, err := OpenWith(path, Options{NoCreate: true})
	if !errors.Is(err, ErrNoDatabase) || !strings.Contains(err.Error(), "no database at "+path) {
		t.Errorf("OpenWith(missing, NoCreate) = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "typo")); !os.IsNotExist(err) {
		t.Error("a folder was created for a database that was not")
	}
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "nowhere", "real.db"), dangling)
	if _, err := Open(dangling); !errors.Is(err, ErrNoDatabase) {
		t.Errorf("Open through a link to nothing = %v, want ErrNoDatabase", err)
	}
	if exists(filepath.Join(dir, "nowhere")) {
		t.Error("a link to nothing was followed into creating a file")
	}
}

func TestPrivacyNeverThroughALink(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared.db")
	seeded(t, shared, 1)
	os.Chmod(shared, 0o664) // the user shares it with their group on purpose
	link := filepath.Join(dir, "mine.db")
	os.Symlink(shared, link)
	s := mustOpen(t, link)
	s.Close()
	if info, _ := os.Stat(shared); info.Mode().Perm() != 0o664 {
		t.Errorf("opening through a link changed its target to %o", info.Mode().Perm())
	}
	// Moving a broken file aside keeps its log private too.
	broken := filepath.Join(dir, "broken.db")
	os.WriteFile(broken, []byte("junk"), 0o644)
	os.WriteFile(broken+"-wal", []byte("log"), 0o644)
	moved, err := MoveAside(broken, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{moved, moved + "-wal"} {
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %o after moving aside, want 600", filepath.Base(p), info.Mode().Perm())
		}
	}
}

func TestCloseLeavesNoLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		s.CreateInterview(context.Background(), &Interview{Company: fmt.Sprint(i)})
	}
	s.Changes(context.Background()) // the watcher's own connection too
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() > 0 {
		t.Errorf("a %d-byte -wal is left after Close", info.Size())
	}
}

func TestStaleTemporaryFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	for _, name := range []string{
		fmt.Sprintf("bk.db%snew-%d", tempMarker, dead),
		fmt.Sprintf("bk.db%snew-%d-wal", tempMarker, dead),
		fmt.Sprintf("bridgekeeper-20260101-000000-daily.db%sbackup-%d", tempMarker, dead),
		fmt.Sprintf("export.csv%swrite-%d", tempMarker, dead),
	} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	live := filepath.Join(dir, fmt.Sprintf("export.csv%swrite-%d", tempMarker, os.Getppid()))
	mine := filepath.Join(dir, fmt.Sprintf("cal.ics%swrite-%d", tempMarker, os.Getpid()))
	keep := filepath.Join(dir, "notes.bktmp-draft.txt")
	for _, p := range []string{live, mine, keep} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	removed, err := RemoveStaleTemp(dir)
	if err != nil || len(removed) != 4 {
		t.Errorf("removed %d files (%v), want the 4 of a dead process", len(removed), err)
	}
	for _, p := range []string{live, mine, keep} {
		if !exists(p) {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
	// Exports elsewhere are found through the journal.
	elsewhere := t.TempDir()
	j := TempJournal{Path: filepath.Join(dir, "journal")}
	stale := filepath.Join(elsewhere, fmt.Sprintf("report.csv%swrite-%d", tempMarker, dead))
	os.WriteFile(stale, []byte("half"), 0o600)
	j.Add(stale)
	if got := j.Sweep(); len(got) != 1 || exists(stale) {
		t.Errorf("journal sweep removed %v", got)
	}
}

// deadPID returns the ID of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot start a process:", err)
	}
	return cmd.Process.Pid
}

func TestAtomicWriteReplacesALinksTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(target, link)
	if err := WriteFileAtomic(link, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q", got)
	}
}

// inNamespace runs the calling test again as root of a mount namespace of
// its own, after script (shell, run as root there) has set the mounts up.
// It returns true in the child, where the test does its work, and false in
// the parent, which only reports the child's result.
func inNamespace(t *testing.T, script string, env ...string) bool {
	t.Helper()
	if os.Getenv("BRIDGEKEEPER_NS_CHILD") == t.Name() {
		return true
	}
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux mount namespaces")
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("unshare not installed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--mount", "--propagation", "private"}
	if os.Geteuid() != 0 {
		args = append(args, "--map-root-user")
	}
	args = append(args, "sh", "-c", "set -e\n"+script+"\nexec \"$@\"", "sh", exe, "-test.run", "^"+t.Name()+"$", "-test.v")
	cmd := exec.Command("unshare", args...)
	cmd.Env = append(append(os.Environ(), "BRIDGEKEEPER_NS_CHILD="+t.Name()), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "unshare failed") || strings.Contains(string(out), "Operation not permitted") {
			t.Skipf("no mount namespace here: %s", out)
		}
		t.Fatalf("in a mount namespace: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the child did not pass:\n%s", out)
	}
	return false
}

func TestReadOnlyDiskIsOpenedReadOnly(t *testing.T) {
	dir := os.Getenv("BRIDGEKEEPER_NS_DIR")
	if dir == "" {
		dir = t.TempDir()
		seeded(t, filepath.Join(dir, "bk.db"), 3)
	}
	if !inNamespace(t, "mount --bind "+dir+" "+dir+"\nmount -o remount,bind,ro "+dir, "BRIDGEKEEPER_NS_DIR="+dir) {
		return
	}
	path := filepath.Join(dir, "bk.db")
	before, _ := os.ReadFile(path)
	if _, err := AcquireLock(path); !errors.Is(err, ErrLockDenied) {
		t.Errorf("lock on a read-only disk = %v, want ErrLockDenied (not 'already open')", err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open on a read-only disk: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() {
		t.Error("not read-only")
	}
	if n, _ := s.CountInterviews(context.Background()); n != 3 {
		t.Errorf("read %d interviews, want 3", n)
	}
	if err := s.CreateInterview(context.Background(), &Interview{Company: "X"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write = %v, want ErrReadOnly", err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

func TestFullDiskOnOpenSaysSo(t *testing.T) {
	dir := os.Getenv("BRIDGEKEEPER_NS_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	if !inNamespace(t, "mount -t tmpfs -o size=512k tmpfs "+dir, "BRIDGEKEEPER_NS_DIR="+dir) {
		return
	}
	path := filepath.Join(dir, "bk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("a new database fits in 512 KB: %v", err)
	}
	s.Close()
	// Fill the disk, then open: SQLite needs room for its -shm.
	filler, _ := os.Create(filepath.Join(dir, "filler"))
	filler.Write(make([]byte, 1<<20))
	filler.Close()
	s, err = Open(path)
	if err == nil {
		err = s.CreateInterview(context.Background(), &Interview{Company: "X", Notes: strings.Repeat("x", 60000)})
		s.Close()
	}
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("on a full disk: %v, want ErrDiskFull", err)
	}
	if !strings.Contains(err.Error(), "the disk is full: free some space") {
		t.Errorf("the message is not in plain words: %v", err)
	}
}

// A disk too small for a new database says so and leaves no file cut
// short where the database would be. At some sizes the log fits but the
// checkpoint into the file fills the disk part-way; that went unreported,
// and the short file was linked into place ("the file is truncated").
func TestTooSmallDiskOnCreateSaysSo(t *testing.T) {
	dir := os.Getenv("BRIDGEKEEPER_NS_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	sizes := []string{"96k", "128k", "160k", "192k", "224k", "256k", "288k", "320k"}
	var script []string
	for _, size := range sizes {
		d := filepath.Join(dir, size)
		script = append(script, "mkdir -p "+d, "mount -t tmpfs -o size="+size+" tmpfs "+d)
	}
	if !inNamespace(t, strings.Join(script, "\n"), "BRIDGEKEEPER_NS_DIR="+dir) {
		return
	}
	for _, size := range sizes {
		path := filepath.Join(dir, size, "bk.db")
		s, err := Open(path)
		if err == nil {
			if cerr := s.Check(context.Background()); cerr != nil {
				t.Errorf("%s: the new database opened but is damaged: %v", size, cerr)
			}
			s.Close()
			continue
		}
		if !errors.Is(err, ErrDiskFull) {
			t.Errorf("%s: %v, want ErrDiskFull", size, err)
		}
		if _, serr := os.Stat(path); serr == nil {
			t.Errorf("%s: a database file was left where the new one would go", size)
		}
	}
}
