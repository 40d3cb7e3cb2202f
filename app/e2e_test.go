package app_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// fynePrefsRace matches the three lines Fyne logs when it reads its
// preferences file while writing it at exit.
var fynePrefsRace = regexp.MustCompile(`(?m)^.*Fyne error:  Preferences load error:\n.*Cause: EOF\n.*At: .*preferences\.go:\d+\n`)

// The end-to-end tests start the real binary in a real X server. `make test`
// sets BRIDGEKEEPER_E2E=1 (and installs Xvfb and xdotool); without it, and
// without the tools, they are skipped so a plain `go test ./...` still works.
func requireE2E(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("BRIDGEKEEPER_E2E") == "1" {
				t.Fatalf("%s is needed for the end-to-end test: %v", tool, err)
			}
			t.Skipf("%s not installed; run `make test` for the end-to-end test", tool)
		}
	}
}

// coverDirEnv names the folder, an absolute path, where the end-to-end runs
// of the app write their coverage counters; `make cover` sets it. When it
// is set the app is built with -cover for every package of the module, and
// when it is not, without.
const coverDirEnv = "BRIDGEKEEPER_GOCOVERDIR"

// The app binary, built by the first test that needs it into the folder
// TestMain made, and shared by every test after.
var (
	buildDir  string
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// TestMain makes the folder the app binary is built into, runs the tests,
// and removes the folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "bridgekeeper-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildBinary compiles bridgekeeper the first time a test calls it, and
// returns that same binary to every call after.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() { builtBin, buildErr = build(filepath.Join(buildDir, "bridgekeeper")) })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// build compiles the app to bin, with coverage when coverDirEnv is set.
func build(bin string) (string, error) {
	args := []string{"build", "-o", bin}
	if dir := os.Getenv(coverDirEnv); dir != "" {
		if !filepath.IsAbs(dir) {
			return "", fmt.Errorf("%s=%s: want an absolute path", coverDirEnv, dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		args = append(args, "-cover", "-coverpkg=bridgekeeper/...")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin, nil
}

// startXvfb starts a private X server and returns its DISPLAY value.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -displayfd makes Xvfb pick a free display and tell us which.
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatalf("start Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() {
		x.Process.Kill()
		x.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb did not report a display")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb did not start within 30 s")
	}
	return ""
}

type running struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	exited chan struct{} // closed once the process has been reaped
	err    error         // its exit error, valid after exited is closed
	window string
}

// launch starts the app and waits until its window is mapped.
func launch(t *testing.T, bin, display, db string, env ...string) *running {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(cleanEnv(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	cmd.Env = append(cmd.Env, env...)
	r := &running{cmd: cmd, stderr: &bytes.Buffer{}, exited: make(chan struct{})}
	cmd.Stderr = r.stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start app: %v", err)
	}
	go func() {
		r.err = cmd.Wait()
		close(r.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			cmd.Process.Kill()
			<-r.exited
		}
	})
	// --sync waits for a visible window with exactly that title.
	search := exec.Command("xdotool", "search", "--sync", "--onlyvisible", "--name", "^Bridgekeeper$")
	search.Env = append(os.Environ(), "DISPLAY="+display)
	found := make(chan string, 1)
	go func() {
		out, _ := search.Output()
		found <- strings.TrimSpace(string(out))
	}()
	select {
	case id := <-found:
		if id == "" {
			t.Fatalf("no Bridgekeeper window found; stderr:\n%s", r.stderr)
		}
		r.window = strings.Fields(id)[0]
	case <-r.exited:
		t.Fatalf("app exited before showing its window: %v\nstderr:\n%s", r.err, r.stderr)
	case <-time.After(90 * time.Second):
		search.Process.Kill()
		t.Fatalf("window not mapped within 90 s; stderr:\n%s", r.stderr)
	}
	return r
}

// cleanEnv is the environment to run the app in: the test's own without
// locale variables, so each case sets exactly the locale it means to test,
// and with GOCOVERDIR set to coverDirEnv's folder when that is set (go test
// -cover sets a GOCOVERDIR of its own, which is not the app's).
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "DISPLAY", "GOCOVERDIR":
			continue
		}
		env = append(env, kv)
	}
	if dir := os.Getenv(coverDirEnv); dir != "" {
		env = append(env, "GOCOVERDIR="+dir)
	}
	return env
}

func (r *running) waitExit(t *testing.T) {
	t.Helper()
	select {
	case <-r.exited:
		if r.err != nil {
			t.Errorf("app exited with %v; stderr:\n%s", r.err, r.stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("app did not exit within 30 s; stderr:\n%s", r.stderr)
	}
	// Fyne rewrites preferences.json on quit while its own file watcher may
	// read it half-written (fyne-io/fyne#2936): harmless, and not ours.
	stderr := fynePrefsRace.ReplaceAllString(r.stderr.String(), "")
	for _, bad := range []string{"panic", "Error parsing user locale", "Fyne error", "data race"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("stderr mentions %q:\n%s", bad, r.stderr)
		}
	}
}

func TestWindowOpensOnNewDatabaseAndQuits(t *testing.T) {
	requireE2E(t)
	bin := buildBinary(t)
	display := startXvfb(t)

	cases := []struct {
		name string
		env  []string
		quit func(t *testing.T, r *running)
	}{
		{"no locale, Ctrl+Q", nil, func(t *testing.T, r *running) {
			pressKeys(t, display, r, "ctrl+q")
		}},
		{"LANG=C, SIGTERM", []string{"LANG=C"}, func(t *testing.T, r *running) {
			if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
		}},
		{"LANG=C.UTF-8, SIGINT", []string{"LANG=C.UTF-8"}, func(t *testing.T, r *running) {
			if err := r.cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), fmt.Sprintf("case%d", i), "bridgekeeper.db")
			r := launch(t, bin, display, db, tc.env...)
			info, err := os.Stat(db)
			if err != nil {
				t.Fatalf("database not created: %v", err)
			}
			if perm := info.Mode().Perm(); perm != 0o600 {
				t.Errorf("database mode = %o, want 600", perm)
			}
			// Ctrl+Q only reaches a window that has had time to set up its canvas.
			time.Sleep(500 * time.Millisecond)
			asked := time.Now()
			tc.quit(t, r)
			r.waitExit(t)
			if took := time.Since(asked); took > 3*time.Second {
				t.Errorf("quitting took %v, want under 3 s", took)
			}
			// The store was closed and its log checkpointed into the file.
			if info, err := os.Stat(db + "-wal"); err == nil && info.Size() > 0 {
				t.Errorf("a %d-byte -wal was left behind", info.Size())
			}
		})
	}
}

func TestUnknownCommandExits2(t *testing.T) {
	bin := buildBinary(t)
	for _, args := range [][]string{{"bogus"}, {"--frobnicate"}, {"version", "extra"}} {
		cmd := exec.Command(bin, args...)
		// C.UTF-8 is the locale that makes Fyne complain unless we settle it.
		cmd.Env = append(cleanEnv(), "LANG=C.UTF-8")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: err = %v, want exit status 2", args, err)
		}
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if !strings.HasPrefix(first, "bridgekeeper: ") || !strings.Contains(stderr.String(), "usage: bridgekeeper") {
			t.Errorf("%v: stderr = %q, want an error line and usage", args, stderr.String())
		}
	}
	version := exec.Command(bin, "version")
	version.Env = cleanEnv()
	out, err := version.Output()
	if err != nil || !strings.HasPrefix(string(out), "bridgekeeper ") {
		t.Errorf("version = %q, %v", out, err)
	}
}

func TestSecondLaunchBringsFirstForward(t *testing.T) {
	requireE2E(t)
	bin := buildBinary(t)
	display := startXvfb(t)
	db := filepath.Join(t.TempDir(), "shared.db")
	first := launch(t, bin, display, db)

	second := exec.Command(bin, "--db", db)
	second.Env = append(cleanEnv(), "DISPLAY="+display, "HOME="+t.TempDir())
	var stderr bytes.Buffer
	second.Stderr = &stderr
	done := make(chan error, 1)
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- second.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("second launch exited with %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		second.Process.Kill()
		t.Fatal("second launch kept running beside the first")
	}
	if !strings.Contains(stderr.String(), "already open") {
		t.Errorf("second launch said %q, want it to explain the app is already open", stderr.String())
	}
	// A symbolic link names the same file: the same window comes forward,
	// rather than a second one that would overwrite the first's edits.
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	viaLink := exec.Command(bin, "--db", link)
	viaLink.Env = second.Env
	out, err := runWithin(viaLink, 60*time.Second)
	if err != nil || !strings.Contains(out, "already open") {
		t.Errorf("launch through a symbolic link: %v, %q; want the first window brought forward", err, out)
	}
	select {
	case <-first.exited:
		t.Fatal("the first window closed when the second launch started")
	default:
	}
	first.cmd.Process.Signal(syscall.SIGTERM)
	first.waitExit(t)
}

func TestBrokenDatabaseIsMovedAsideNotOverwritten(t *testing.T) {
	requireE2E(t)
	bin := buildBinary(t)
	display := startXvfb(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "bridgekeeper.db")
	garbage := []byte("these bytes are not a database, and they must survive\n")
	if err := os.WriteFile(db, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	r := launch(t, bin, display, db)
	matches, _ := filepath.Glob(db + ".corrupt-*")
	if len(matches) != 1 {
		t.Fatalf("moved-aside files: %v, want one NAME.corrupt-*", matches)
	}
	if got, _ := os.ReadFile(matches[0]); !bytes.Equal(got, garbage) {
		t.Errorf("moved-aside file holds %q", got)
	}
	r.cmd.Process.Signal(syscall.SIGTERM)
	r.waitExit(t)
}

// runWithin runs cmd and returns its combined output, killing it after limit.
func runWithin(cmd *exec.Cmd, limit time.Duration) (string, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("still running after %v", limit)
	}
}

func TestAnotherProgramsDatabaseIsLeftAlone(t *testing.T) {
	requireE2E(t)
	bin := buildBinary(t)
	display := startXvfb(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "photos.db")
	// An SQLite file of another program, made by the sqlite3 shell when it
	// is installed, else by our own driver through the CLI-free path.
	mk := exec.Command("sqlite3", db, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photos VALUES (1, 'a.jpg');")
	if out, err := mk.CombinedOutput(); err != nil {
		t.Skipf("sqlite3 not available: %v %s", err, out)
	}
	os.Chmod(db, 0o644)
	before, _ := os.ReadFile(db)
	r := launch(t, bin, display, db)
	time.Sleep(time.Second)
	r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-r.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("the message window did not close on SIGTERM")
	}
	// The window explained, and the process says so too: exit 2, one line.
	if r.cmd.ProcessState.ExitCode() != 2 || !strings.Contains(r.stderr.String(), "another program's database") {
		t.Errorf("exit %d, stderr %q", r.cmd.ProcessState.ExitCode(), r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("another program's database was changed")
	}
	if info, _ := os.Stat(db); info.Mode().Perm() != 0o644 {
		t.Errorf("its mode was changed to %o", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "photos.db" && !strings.HasSuffix(e.Name(), ".lock") {
			t.Errorf("%s was created beside it", e.Name())
		}
	}
}

// pressKeys sends keys to the Bridgekeeper window. A key that closes the
// window does so on the press, so xdotool's release can find the window
// gone (BadWindow); that is success, and the caller checks what the keys did.
func pressKeys(t *testing.T, display string, r *running, keys string) {
	t.Helper()
	cmd := exec.Command("xdotool", "key", "--window", r.window, keys)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "BadWindow") {
		t.Fatalf("xdotool key %s: %v %s\napp stderr:\n%s", keys, err, out, r.stderr)
	}
}
