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

// The crash tests re-run this test binary as a child that writes to a
// database and reports each step on standard output, and kill it with
// SIGKILL at a random moment.
const crashChildEnv = "BRIDGEKEEPER_CRASH_CHILD"

// seedEnv fixes the crash tests' random seed, so a failure can be replayed
// with the seed its log names: BRIDGEKEEPER_SEED=N go test ./data/ -run Sigkill.
const seedEnv = "BRIDGEKEEPER_SEED"

// minTelling is how many trials of a crash test must have been killed at a
// moment that tests something; with fewer, the test proved nothing and fails.
const minTelling = 5

// batchRows is how many interviews the importer child imports at a time.
const batchRows = 5000

// TestMain runs the crash child a crash test asked for, or else the tests.
func TestMain(m *testing.M) {
	switch os.Getenv(crashChildEnv) {
	case "writer":
		crashWriter(os.Getenv("BRIDGEKEEPER_CRASH_DB"))
	case "importer":
		crashImporter(os.Getenv("BRIDGEKEEPER_CRASH_DB"))
	}
	os.Exit(m.Run())
}

// crashRand is a crash test's source of kill times: seeded from
// BRIDGEKEEPER_SEED when that is set, else from the clock. It logs the seed.
func crashRand(t *testing.T) *rand.Rand {
	t.Helper()
	seed := time.Now().UnixNano()
	if v := os.Getenv(seedEnv); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q is not an integer: %v", seedEnv, v, err)
		}
		seed = n
	}
	t.Logf("seed %d (replay with %s=%d)", seed, seedEnv, seed)
	return rand.New(rand.NewSource(seed))
}

// crashWriter creates interviews one at a time, printing each one's ID
// once its commit has returned, until it is killed.
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

// crashImporter imports a CSV file of batchRows new interviews again and
// again (each batch's companies are its own, or the import would rightly
// skip them as already there), each time in one transaction, until it is
// killed. It prints "start" as each import begins, "half" each time a
// reading of the file passes its middle (the import reads the file twice,
// to check it and then to store it; the second "half" comes with about
// half the batch inserted and not yet committed), and "committed" when the
// import has returned.
func crashImporter(path string) {
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	rows := make([]Interview, batchRows)
	for batch := 0; ; batch++ {
		for i := range rows {
			rows[i] = Interview{Company: fmt.Sprintf("Batch %d-%d", batch, i), Notes: strings.Repeat("x", 200)}
		}
		var file bytes.Buffer
		if err := WriteCSV(&file, rows); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("start")
		r := &halfReader{r: bytes.NewReader(file.Bytes()), half: int64(file.Len() / 2)}
		if n, err := s.ImportCSV(context.Background(), r); err != nil || n != batchRows {
			fmt.Println("error", n, err)
			os.Exit(1)
		}
		fmt.Println("committed")
	}
}

// halfReader prints "half" when a read takes it past half bytes of r. It
// seeks, as a file does, so the import reads it in place.
type halfReader struct {
	r    *bytes.Reader
	half int64
}

func (h *halfReader) Read(p []byte) (int, error) {
	before := h.r.Size() - int64(h.r.Len())
	n, err := h.r.Read(p)
	if before <= h.half && before+int64(n) > h.half {
		fmt.Println("half")
	}
	return n, err
}

func (h *halfReader) Seek(off int64, whence int) (int64, error) { return h.r.Seek(off, whence) }

// crashChild is a running child of a crash test.
type crashChild struct {
	cmd    *exec.Cmd
	lines  <-chan string // its standard output, closed when it has ended
	stderr bytes.Buffer
	killed bool // SIGKILL was sent
}

// startCrashChild runs this test binary as the crash child role ("writer"
// or "importer") on the database at path. The child is killed, if still
// running, when the test ends.
func startCrashChild(t *testing.T, role, path string) *crashChild {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &crashChild{cmd: exec.Command(exe, "-test.run=^$")}
	c.cmd.Env = append(os.Environ(), crashChildEnv+"="+role, "BRIDGEKEEPER_CRASH_DB="+path)
	c.cmd.Stderr = &c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
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
	c.lines = lines
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			for range c.lines {
			}
			c.cmd.Wait()
		}
	})
	return c
}

// kill sends the child SIGKILL.
func (c *crashChild) kill() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	c.killed = true
}

// reap waits for the child, whose output must have been read to its end,
// and fails the test unless our SIGKILL is what ended it: a child that
// exited by itself was interrupted by nothing, so its trial tests nothing.
func (c *crashChild) reap(t *testing.T, trial int) {
	t.Helper()
	err := c.cmd.Wait()
	ws, ok := c.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !c.killed || !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("trial %d: the child ended with %v before it was killed; stderr:\n%s", trial, err, &c.stderr)
	}
}

// reopen opens the database a killed child left, checks its integrity and
// returns its interviews.
func reopen(t *testing.T, trial int, path string) []Interview {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("trial %d: reopen after SIGKILL: %v", trial, err)
	}
	defer s.Close()
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("trial %d: integrity_check = %q, %v", trial, check, err)
	}
	ivs, err := s.Interviews(context.Background())
	if err != nil {
		t.Fatalf("trial %d: %v", trial, err)
	}
	return ivs
}

// writerTrial runs the writer child on path, kills it after delay, and
// returns the IDs it acknowledged.
func writerTrial(t *testing.T, trial int, path string, delay time.Duration) []int64 {
	t.Helper()
	c := startCrashChild(t, "writer", path)
	deadline := time.After(delay)
	var acked []int64
	for {
		select {
		case line, ok := <-c.lines:
			if !ok {
				c.reap(t, trial)
				return acked
			}
			id, err := strconv.ParseInt(line, 10, 64)
			if err != nil {
				t.Fatalf("trial %d: the writer said %q; stderr:\n%s", trial, line, &c.stderr)
			}
			acked = append(acked, id)
		case <-deadline:
			c.kill()
			deadline = nil
		}
	}
}

// TestSigkillLosesNoAcknowledgedWrite kills the writer child 20–200 ms
// after it starts, 50 times on one database, and checks that the file is
// intact and holds every interview the writer acknowledged. It fails when
// the writer acknowledged nothing in almost every trial.
func TestSigkillLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is slow")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := crashRand(t)
	acked := map[int64]bool{}
	const trials = 50
	telling := 0 // trials in which the writer acknowledged a write before the kill
	for trial := 0; trial < trials; trial++ {
		ids := writerTrial(t, trial, path, time.Duration(20+rng.Intn(180))*time.Millisecond)
		if len(ids) > 0 {
			telling++
		}
		for _, id := range ids {
			acked[id] = true
		}
		have := map[int64]bool{}
		for _, iv := range reopen(t, trial, path) {
			have[iv.ID] = true
		}
		for id := range acked {
			if !have[id] {
				t.Fatalf("trial %d: acknowledged interview %d lost", trial, id)
			}
		}
	}
	t.Logf("%d trials, %d of them killed after acknowledging a write; %d acknowledged writes, all present", trials, telling, len(acked))
	if telling < minTelling {
		t.Errorf("the writer acknowledged a write before the kill in only %d of %d trials (want at least %d): the test proved nothing",
			telling, trials, minTelling)
	}
}

// importTrial is what one killed importer child printed and left behind.
type importTrial struct {
	committed int    // batches the child acknowledged
	last      string // the last line it printed
	rows      int    // interviews in the database after the kill
}

// note records a line the importer printed.
func (tr *importTrial) note(t *testing.T, trial int, line string, c *crashChild) {
	t.Helper()
	switch line {
	case "committed":
		tr.committed++
	case "start", "half":
	default:
		t.Fatalf("trial %d: the importer said %q; stderr:\n%s", trial, line, &c.stderr)
	}
	tr.last = line
}

// runImportTrial runs the importer child on path, waits for its "start",
// kills it delay later, and counts what it printed and what it left.
func runImportTrial(t *testing.T, trial int, path string, delay time.Duration) importTrial {
	t.Helper()
	c := startCrashChild(t, "importer", path)
	var tr importTrial
	select {
	case line, ok := <-c.lines:
		if !ok || line != "start" {
			t.Fatalf("trial %d: the importer never printed start (its first line: %q); stderr:\n%s", trial, line, &c.stderr)
		}
		tr.note(t, trial, line, c)
	case <-time.After(time.Minute):
		t.Fatalf("trial %d: the importer printed nothing within a minute; stderr:\n%s", trial, &c.stderr)
	}
	time.Sleep(delay)
	c.kill()
	for line := range c.lines {
		tr.note(t, trial, line, c)
	}
	c.reap(t, trial)
	tr.rows = len(reopen(t, trial, path))
	return tr
}

// check fails the test unless the database holds whole batches: every one
// the child acknowledged, plus at most the one under way when it was killed.
func (tr importTrial) check(t *testing.T, trial int) {
	t.Helper()
	underWay := 0
	if tr.last != "committed" {
		underWay = 1
	}
	batches := tr.rows / batchRows
	if tr.rows%batchRows != 0 || batches < tr.committed || batches > tr.committed+underWay {
		t.Fatalf("trial %d: %d rows after the kill, with %d batches of %d acknowledged and the last line %q; a batch was half-written or lost",
			trial, tr.rows, tr.committed, batchRows, tr.last)
	}
}

// TestSigkillDuringCSVImportLeavesAllOrNothing kills the importer child
// 0–150 ms after its first "start", 20 times, and checks that the database
// holds only whole batches, every acknowledged one among them. It fails
// unless at least minTelling kills landed in the middle of an import.
func TestSigkillDuringCSVImportLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test is slow")
	}
	rng := crashRand(t)
	const trials = 20
	// midBatch counts the kills that landed after a "start" and before its
	// "committed" and found that batch rolled back; withHalf, those of them
	// after "half"; unacked, the kills between a commit and its "committed".
	midBatch, withHalf, unacked := 0, 0, 0
	for trial := 0; trial < trials; trial++ {
		path := filepath.Join(t.TempDir(), "batch.db")
		tr := runImportTrial(t, trial, path, time.Duration(rng.Intn(150))*time.Millisecond)
		tr.check(t, trial)
		switch {
		case tr.rows > tr.committed*batchRows:
			unacked++
		case tr.last != "committed":
			midBatch++
			if tr.last == "half" {
				withHalf++
			}
		}
	}
	t.Logf("%d trials: %d killed mid-batch and rolled back (%d of them with half the batch inserted), %d after a commit but before its acknowledgement, %d between batches",
		trials, midBatch, withHalf, unacked, trials-midBatch-unacked)
	if midBatch < minTelling {
		t.Errorf("only %d of %d kills landed in the middle of an import (want at least %d): the test proved nothing", midBatch, trials, minTelling)
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
