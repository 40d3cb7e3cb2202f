package cli

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgekeeper/data"
)

// oneLine fails unless s is exactly one line naming want.
func wantOneLine(t *testing.T, what, s, want string) {
	t.Helper()
	if strings.Count(s, "\n") != 1 || !strings.Contains(s, want) {
		t.Errorf("%s: stderr = %q, want one line naming %q", what, s, want)
	}
}

func TestBackupBackupsAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	if code, _, errOut := runExchange(t, "company\nFirst Co\n", "--db", db, "import", "csv", "-"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	code, out, errOut := runExchange(t, "", "--db", db, "backup")
	if code != 0 || errOut != "" {
		t.Fatalf("backup = %d, %q", code, errOut)
	}
	made := strings.TrimSpace(out)
	if filepath.Dir(made) != data.DefaultBackupDir(db) || data.QuickCheck(context.Background(), made) != nil {
		t.Fatalf("backup printed %q, want a checked file in %s", made, data.DefaultBackupDir(db))
	}
	runExchange(t, "company\nSecond Co\n", "--db", db, "import", "csv", "-")

	code, out, _ = runExchange(t, "", "--db", db, "backups")
	if code != 0 || !strings.HasPrefix(out, made+"\t") || !strings.Contains(out, "1 interview\tmade by hand") {
		t.Errorf("backups = %d, %q", code, out)
	}

	code, out, errOut = runExchange(t, "", "--db", db, "restore", made)
	if code != 0 || errOut != "" || !strings.Contains(out, "Restored "+made) || !strings.Contains(out, "backed up to") {
		t.Fatalf("restore = %d, %q, %q", code, out, errOut)
	}
	if n := countIn(t, db); n != 1 {
		t.Errorf("after restore: %d interviews, want the backup's 1", n)
	}
	if _, err := os.Stat(made); err != nil {
		t.Error("restore deleted the file it restored")
	}
	// The newest backup now is the two-interview file it replaced.
	_, out, _ = runExchange(t, "", "--db", db, "backups")
	if first, _, _ := strings.Cut(out, "\n"); !strings.Contains(first, "2 interviews\tbefore a restore") {
		t.Errorf("newest backup line = %q", first)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"restore"}, "name the backup"},
		{[]string{"restore", filepath.Join(dir, "none.db")}, "is not a backup file"},
		{[]string{"restore", writeTemp(t, "junk.db", "junk")}, "not a Bridgekeeper database"},
		{[]string{"backup", "extra"}, "unexpected argument"},
	} {
		code, _, errOut := runExchange(t, "", append([]string{"--db", db}, tc.args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tc.args, code)
		}
		if !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errOut, tc.want)
		}
	}
}

func TestRestoreRefusesWhileAWindowHoldsTheDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	runExchange(t, "company\nA\n", "--db", db, "import", "csv", "-")
	_, out, _ := runExchange(t, "", "--db", db, "backup")
	lock, err := data.AcquireLock(db) // the window
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	code, _, errOut := runExchange(t, "", "--db", db, "restore", strings.TrimSpace(out))
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	wantOneLine(t, "restore under a window", errOut, "window has")
}

func TestMistypedDBCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "tpyo", "bk.db")
	for _, args := range [][]string{
		{"export", "csv"},
		{"export", "ics"},
		{"backup"},
		{"draft", "--scenario", "cancel", "--to", "Ana", "--company", "Acme"},
	} {
		code, _, errOut := runExchange(t, "", append([]string{"--db", db}, args...)...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		wantOneLine(t, strings.Join(args, " "), errOut, "no database at "+db)
	}
	if _, err := os.Stat(filepath.Join(dir, "tpyo")); !os.IsNotExist(err) {
		t.Error("a folder was created for the mistyped path")
	}
	// import is allowed to start a database.
	if code, _, errOut := runExchange(t, "company\nA\n", "--db", db, "import", "csv", "-"); code != 0 {
		t.Errorf("import into a new file: %s", errOut)
	}
}

func TestForeignAndTooNewFilesExit2Untouched(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "photos.db")
	raw, err := sql.Open("sqlite", foreign+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
	raw.Close()
	before, _ := os.ReadFile(foreign)
	for _, args := range [][]string{{"export", "csv"}, {"import", "csv", "-"}, {"backup"}} {
		code, _, errOut := runExchange(t, "company\nA\n", append([]string{"--db", foreign}, args...)...)
		if code != 2 {
			t.Errorf("%v on another program's file: exit %d", args, code)
		}
		wantOneLine(t, strings.Join(args, " "), errOut, "another program's database")
	}
	if after, _ := os.ReadFile(foreign); !bytes.Equal(before, after) {
		t.Error("another program's file was changed")
	}
}

func TestCLIUpgradeIsPrecededByABackup(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "data", "testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "old.db")
	os.WriteFile(db, raw, 0o600)
	if code, _, errOut := runExchange(t, "", "--db", db, "export", "csv"); code != 0 {
		t.Fatalf("export from an old file: %s", errOut)
	}
	list, _ := data.ListBackups(data.DefaultBackupDir(db))
	if len(list) != 1 || list[0].Reason != data.BackupBeforeUpgrade {
		t.Fatalf("backups after a CLI upgrade: %+v", list)
	}
	if got, _ := os.ReadFile(list[0].Path); !bytes.HasPrefix(got, []byte("SQLite format 3")) {
		t.Error("the backup is not a database")
	}
}

func TestCLIFollowsTheLocationFile(t *testing.T) {
	// The window moved the database: the location file names the new
	// place, and a CLI without --db finds it instead of starting afresh.
	moved := filepath.Join(t.TempDir(), "elsewhere.db")
	s, err := data.Open(moved)
	if err != nil {
		t.Fatal(err)
	}
	s.CreateInterview(context.Background(), &data.Interview{Company: "Moved Co"})
	s.Close()
	if err := SaveLocation(Location{Database: moved}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		dir, _ := ConfigDir()
		os.Remove(filepath.Join(dir, locationFile))
	}()
	code, out, errOut := runExchange(t, "", "export", "csv")
	if code != 0 || !strings.Contains(out, "Moved Co") {
		t.Errorf("export without --db = %d, %q, %q", code, out, errOut)
	}
	def, _ := DefaultDBPath()
	if _, err := os.Stat(def); !os.IsNotExist(err) {
		t.Error("a new database was made in the default place")
	}
	info, err := os.Stat(filepath.Join(filepath.Dir(def), locationFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("location file: %v", err)
	}
}

func TestDraftSignsWithTheDefaultDatabasesName(t *testing.T) {
	def, _ := DefaultDBPath()
	s, err := data.Open(def)
	if err != nil {
		t.Fatal(err)
	}
	s.SetSetting(context.Background(), data.SettingYourName, "Robin Saved")
	s.Close()
	defer os.RemoveAll(filepath.Dir(def))
	code, out, errOut := runExchange(t, "", "draft", "--scenario", "cancel", "--to", "Ana", "--company", "Acme")
	if code != 0 || !strings.Contains(out, "Robin Saved") {
		t.Errorf("draft without --db = %d, %q, %q; want the saved name", code, out, errOut)
	}
}

func TestDamagedDatabaseExits2Untouched(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	rows := "company,notes\n"
	for i := range 3000 {
		rows += "Company " + strings.Repeat("x", i%50) + ",some notes about it\n"
	}
	if code, _, errOut := runExchange(t, rows, "--db", db, "import", "csv", "-"); code != 0 {
		t.Fatal(errOut)
	}
	f, _ := os.OpenFile(db, os.O_RDWR, 0)
	f.WriteAt(bytes.Repeat([]byte{0xEE}, 3*4096), 5*4096)
	f.Close()
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{{"export", "csv"}, {"import", "csv", "-"}} {
		code, _, errOut := runExchange(t, "company\nNew\n", append([]string{"--db", db}, args...)...)
		if code != 2 {
			t.Errorf("%v on a damaged file: exit %d, want 2", args, code)
		}
		wantOneLine(t, strings.Join(args, " "), errOut, "damaged")
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("the damaged file was changed")
	}
}

func TestABadFirstImportLeavesNoDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	code, _, _ := runExchange(t, "company,starts_at\nAcme,not a date\n", "--db", db, "import", "csv", "-")
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Error("a refused import into a new path left a database behind")
	}
	// An existing database that a bad import fails on stays, unchanged.
	runExchange(t, "company\nKept\n", "--db", db, "import", "csv", "-")
	runExchange(t, "company,starts_at\nAcme,not a date\n", "--db", db, "import", "csv", "-")
	if n := countIn(t, db); n != 1 {
		t.Errorf("%d interviews after a refused import, want the 1 kept", n)
	}
}

func TestDraftAddsTheSavedSignature(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.LoadSettings(context.Background())
	st.YourName, st.Signature = "Robin Ames", "+44 20 7946 0000\nrobin.example"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, extra := range [][]string{nil, {"--from", "R. Ames"}} {
		args := append([]string{"--db", db, "draft", "--scenario", "cancel", "--to", "Ana", "--company", "Acme"}, extra...)
		code, out, errOut := runExchange(t, "", args...)
		if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "\n+44 20 7946 0000\nrobin.example") {
			t.Errorf("draft %v = %d, %q, %q; want the signature under the name", extra, code, out, errOut)
		}
	}
}
