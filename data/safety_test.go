package data

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func seeded(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < n; i++ {
		if err := s.CreateInterview(context.Background(), &Interview{Company: fmt.Sprintf("Company %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBrokenFilesAreRefusedAndKept(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	seeded(t, good, 200)
	whole, _ := os.ReadFile(good)

	cases := map[string][]byte{
		"garbage":   []byte("PK\x03\x04 definitely a zip file, not a database"),
		"empty":     {},
		"truncated": whole[:len(whole)/2],
		"header":    whole[:60],
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".db")
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			if !errors.Is(err, ErrNotDatabase) {
				t.Fatalf("Open = %v, want ErrNotDatabase", err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(content) {
				t.Fatal("Open changed a broken file")
			}
			moved, err := MoveAside(path, time.Date(2026, 11, 25, 9, 8, 7, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if want := path + ".corrupt-20261125-090807"; moved != want {
				t.Errorf("moved to %s, want %s", moved, want)
			}
			if got, _ := os.ReadFile(moved); string(got) != string(content) {
				t.Error("moved file lost its content")
			}
			s, err := Open(path)
			if err != nil {
				t.Fatalf("fresh start after moving aside: %v", err)
			}
			s.Close()
		})
	}
	t.Run("directory", func(t *testing.T) {
		d := filepath.Join(dir, "adir.db")
		os.Mkdir(d, 0o700)
		if _, err := Open(d); !errors.Is(err, ErrNotDatabase) {
			t.Errorf("Open(dir) = %v", err)
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			// root reads any file; use a path whose parent is a file instead.
			p := filepath.Join(good, "inside.db")
			if _, err := Open(p); err == nil {
				t.Error("Open under a regular file succeeded")
			}
			return
		}
		p := filepath.Join(dir, "locked.db")
		os.WriteFile(p, whole, 0o000)
		if _, err := Open(p); !errors.Is(err, ErrUnreadable) {
			t.Errorf("Open(unreadable) = %v, want ErrUnreadable", err)
		}
	})
	// The good file is still good after all this.
	s, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountInterviews(context.Background()); n != 200 {
		t.Errorf("good file has %d rows", n)
	}
}

func TestMoveAsideTakesCompanionsAndNeverClobbers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.WriteFile(path+suffix, []byte("x"+suffix), 0o600)
	}
	first, err := MoveAside(path, now)
	if err != nil {
		t.Fatal(err)
	}
	if !exists(first+"-wal") || !exists(first+"-shm") || exists(path+"-wal") {
		t.Error("companion files were not moved with the database")
	}
	os.WriteFile(path, []byte("second"), 0o600)
	second, err := MoveAside(path, now)
	if err != nil || second == first {
		t.Fatalf("second move = %s, %v", second, err)
	}
	if got, _ := os.ReadFile(first); string(got) != "x" {
		t.Error("second move overwrote the first")
	}
}

func TestBackupRestoreAndPrune(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bk.db")
	backups := DefaultBackupDir(path)
	if filepath.Base(backups) != "bk-backups" {
		t.Errorf("DefaultBackupDir = %s", backups)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s.CreateInterview(ctx, &Interview{Company: "Kept"})
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	b, err := s.Backup(ctx, backups, day)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(b.Path); info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %o", info.Mode().Perm())
	}
	if err := QuickCheck(ctx, b.Path); err != nil {
		t.Errorf("backup fails quick_check: %v", err)
	}
	wrote, err := s.AutoBackup(ctx, backups, day.Add(23*time.Hour))
	if err != nil || wrote {
		t.Errorf("AutoBackup within a day wrote=%v err=%v, want no backup", wrote, err)
	}
	wrote, err = s.AutoBackup(ctx, backups, day.Add(25*time.Hour))
	if err != nil || !wrote {
		t.Errorf("AutoBackup after a day wrote=%v err=%v, want a backup", wrote, err)
	}
	for i := 2; i < 12; i++ {
		if _, err := s.Backup(ctx, backups, day.Add(time.Duration(i)*48*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := ListBackups(backups)
	if len(list) != KeepBackups {
		t.Errorf("%d backups kept, want %d", len(list), KeepBackups)
	}
	if !list[0].Time.Equal(day.Add(11 * 48 * time.Hour)) {
		t.Errorf("newest backup = %v", list[0].Time)
	}
	// Change the live data, then restore the newest backup over it.
	s.CreateInterview(ctx, &Interview{Company: "After backup"})
	if _, err := Restore(ctx, list[0].Path, path, backups, day.Add(999*time.Hour)); err == nil {
		t.Error("Restore succeeded while the store was open")
	}
	s.Close()
	if _, err := Restore(ctx, list[0].Path, path, backups, day.Add(999*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, _ := s.Interviews(ctx)
	if len(all) != 1 || all[0].Company != "Kept" {
		t.Errorf("after restore: %+v", all)
	}
	// The file that was replaced became a backup itself.
	list, _ = ListBackups(backups)
	if !list[0].Time.Equal(day.Add(999 * time.Hour).Truncate(time.Second)) {
		t.Errorf("replaced file was not backed up first; newest = %v", list[0].Time)
	}
	bad := filepath.Join(dir, "bad-backup.db")
	os.WriteFile(bad, []byte("nope"), 0o600)
	if _, err := Restore(ctx, bad, path, backups, day); err == nil {
		t.Error("restored from a damaged backup")
	}
}

func TestMigrationIsPrecededByBackup(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	os.WriteFile(path, raw, 0o600)
	backups := filepath.Join(dir, "backups")
	s, err := OpenWith(path, Options{BackupDir: backups})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	list, _ := ListBackups(backups)
	if len(list) != 1 {
		t.Fatalf("%d backups before migration, want 1", len(list))
	}
	old, err := openDB(list[0].Path, true, true)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if v, _ := old.Version(context.Background()); v != 1 {
		t.Errorf("backup has schema %d, want the pre-migration 1", v)
	}
	// Opening again needs no migration, so no further backup.
	s, _ = OpenWith(path, Options{BackupDir: backups})
	s.Close()
	if list, _ := ListBackups(backups); len(list) != 1 {
		t.Errorf("%d backups after a second open", len(list))
	}
}

func TestLockAllowsOneHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	first, err := AcquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireLock(path); !errors.Is(err, ErrLocked) {
		t.Errorf("second lock = %v, want ErrLocked", err)
	}
	first.Release()
	again, err := AcquireLock(path)
	if err != nil {
		t.Errorf("lock after release: %v", err)
	}
	again.Release()
}

// The crash test re-runs this test binary as a writer that prints each
// interview ID once its commit returned, then kills it at a random moment.
const crashChildEnv = "BRIDGEKEEPER_CRASH_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(crashChildEnv) {
	case "writer":
		crashWriter(os.Getenv("BRIDGEKEEPER_CRASH_DB"))
	case "importer":
		crashImporter(os.Getenv("BRIDGEKEEPER_CRASH_DB"))
	}
	os.Exit(m.Run())
}

func crashWriter(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		iv := &Interview{Company: fmt.Sprintf("Crash %d", i), Notes: strings.Repeat("n", i%500)}
		if err := s.CreateInterview(context.Background(), iv); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Fprintln(out, iv.ID)
		out.Flush()
	}
}

func crashImporter(path string) {
	s, err := Open(path)
	if err != nil {
		os.Exit(1)
	}
	rows := make([]Interview, 5000)
	for i := range rows {
		rows[i] = Interview{Company: fmt.Sprintf("Batch %d", i), Notes: strings.Repeat("x", 200)}
	}
	var file bytes.Buffer
	if err := WriteCSV(&file, rows); err != nil {
		os.Exit(1)
	}
	fmt.Println("start")
	for {
		if n, err := s.ImportCSV(context.Background(), bytes.NewReader(file.Bytes())); err != nil || n != len(rows) {
			os.Exit(1)
		}
		fmt.Println("committed")
	}
}

func TestSigkillLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is slow")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[int64]bool{}
	const trials = 50
	for trial := 0; trial < trials; trial++ {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=writer", "BRIDGEKEEPER_CRASH_DB="+path)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		deadline := time.After(time.Duration(20+rng.Intn(180)) * time.Millisecond)
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				if strings.HasPrefix(line, "error") {
					t.Fatalf("trial %d: child: %s", trial, line)
				}
				id, _ := strconv.ParseInt(line, 10, 64)
				acked[id] = true
			case <-deadline:
				cmd.Process.Signal(syscall.SIGKILL)
				deadline = nil
			}
		}
		cmd.Wait()
		s, err := Open(path)
		if err != nil {
			t.Fatalf("trial %d: reopen after SIGKILL: %v", trial, err)
		}
		var check string
		s.db.QueryRow("PRAGMA integrity_check").Scan(&check)
		if check != "ok" {
			t.Fatalf("trial %d: integrity_check = %s", trial, check)
		}
		ivs, err := s.Interviews(context.Background())
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		have := map[int64]bool{}
		for _, iv := range ivs {
			have[iv.ID] = true
		}
		for id := range acked {
			if !have[id] {
				t.Fatalf("trial %d: acknowledged interview %d lost", trial, id)
			}
		}
	}
	if len(acked) < trials {
		t.Errorf("only %d writes acknowledged over %d trials; the test did not exercise much", len(acked), trials)
	}
	t.Logf("%d trials, %d acknowledged writes, all present", trials, len(acked))
}

func TestSigkillDuringCSVImportLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is slow")
	}
	exe, _ := os.Executable()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	for trial := 0; trial < 10; trial++ {
		path := filepath.Join(t.TempDir(), "batch.db")
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"=importer", "BRIDGEKEEPER_CRASH_DB="+path)
		stdout, _ := cmd.StdoutPipe()
		cmd.Start()
		sc := bufio.NewScanner(stdout)
		sc.Scan() // "start": the store is open and the first batch is under way
		time.Sleep(time.Duration(rng.Intn(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		committed := 0
		for sc.Scan() {
			if sc.Text() == "committed" {
				committed++
			}
		}
		cmd.Wait()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := s.CountInterviews(context.Background())
		s.Close()
		if n%5000 != 0 || n < committed*5000 {
			t.Fatalf("trial %d: %d rows after kill (acknowledged %d batches); a batch was half-written", trial, n, committed)
		}
	}
}

// A crash during a checkpoint can leave the main file shorter than its
// header says while the write-ahead log still holds the rest; that file is
// healthy and must open, not be called truncated.
func TestShortFileWithLogIsNotTruncated(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	seeded(t, good, 300)
	whole, _ := os.ReadFile(good)
	short := filepath.Join(dir, "short.db")
	os.WriteFile(short, whole[:len(whole)-4096], 0o600)
	if err := checkHeader(short); !errors.Is(err, ErrNotDatabase) {
		t.Fatalf("short file without a log: %v, want ErrNotDatabase", err)
	}
	os.WriteFile(short+"-wal", []byte("frames would be here"), 0o600)
	if err := checkHeader(short); err != nil {
		t.Errorf("short file with a log beside it was refused: %v", err)
	}
}
