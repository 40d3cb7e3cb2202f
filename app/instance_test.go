package app

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"bridgekeeper/app/cli"
	"bridgekeeper/data"
)

// socketEnv points XDG_RUNTIME_DIR and the config folder at fresh temporary
// folders and returns them: the runtime folder (0700) and the config "run"
// folder socketPath falls back to.
func socketEnv(t *testing.T) (rt, cfgRun string) {
	t.Helper()
	if runtime.GOOS != "windows" {
		// t.TempDir honours GOTMPDIR; a long system temp folder (macOS)
		// would push every socket path into the /tmp fallback.
		t.Setenv("GOTMPDIR", "/tmp")
	}
	rt = t.TempDir()
	must(t, os.Chmod(rt, 0o700))
	home := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", rt)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)
	t.Setenv("AppData", home)
	cfg, err := os.UserConfigDir()
	must(t, err)
	return rt, filepath.Join(cfg, "fyne", cli.AppID, "run")
}

// sockName is the file name socketPath gives key.
func sockName(t *testing.T, key string) string {
	t.Helper()
	p, err := socketPath(key)
	must(t, err)
	return filepath.Base(p)
}

func otherUID() int { return os.Getuid() + 1 }

func skipOnWindows(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has neither mode bits nor uids")
	}
}

func lstat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	fi, err := os.Lstat(path)
	must(t, err)
	return fi
}

func mode(t *testing.T, path string) fs.FileMode { t.Helper(); return lstat(t, path).Mode() }

// must stops the test on a set-up error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// mkdirMode makes dir (and its parents) and gives it exactly perm.
func mkdirMode(t *testing.T, dir string, perm fs.FileMode) {
	t.Helper()
	must(t, os.MkdirAll(dir, 0o700))
	must(t, os.Chmod(dir, perm))
}

// socketDirCase is one arrangement of the socket folders and where
// socketPath should then put the socket.
type socketDirCase struct {
	name  string
	root  bool                                  // needs root to set up
	setup func(t *testing.T, rt, cfgRun string) // prepares the folders
	want  func(rt, cfgRun string) string        // the socket folder; "" means refused
}

func inRuntime(rt, _ string) string    { return filepath.Join(rt, "bridgekeeper") }
func inConfig(_, cfgRun string) string { return cfgRun }
func refused(string, string) string    { return "" }
func inTmp(string, string) string      { return shortSocketDir() }

func socketDirCases() []socketDirCase {
	noXDG := func(t *testing.T) { t.Setenv("XDG_RUNTIME_DIR", "") }
	return []socketDirCase{
		{"new", false, func(*testing.T, string, string) {}, inRuntime},
		{"loose", false, func(t *testing.T, rt, _ string) { mkdirMode(t, inRuntime(rt, ""), 0o777) }, inRuntime},
		{"noxdg", false, func(t *testing.T, _, _ string) { noXDG(t) }, inConfig},
		{"xdg0755", false, func(t *testing.T, rt, _ string) { mkdirMode(t, rt, 0o755) }, inConfig},
		{"xdglink", false, func(t *testing.T, rt, _ string) {
			link := filepath.Join(t.TempDir(), "rt")
			must(t, os.Symlink(rt, link))
			t.Setenv("XDG_RUNTIME_DIR", link)
		}, inConfig},
		{"xdgfile", false, func(t *testing.T, rt, _ string) {
			f := filepath.Join(rt, "f")
			must(t, os.WriteFile(f, nil, 0o700))
			t.Setenv("XDG_RUNTIME_DIR", f)
		}, inConfig},
		{"xdgother", true, func(t *testing.T, rt, _ string) { must(t, os.Chown(rt, otherUID(), -1)) }, inConfig},
		{"cfgloose", false, func(t *testing.T, _, cfgRun string) {
			noXDG(t)
			mkdirMode(t, cfgRun, 0o777)
		}, inConfig},
		{"symlink", false, func(t *testing.T, rt, _ string) {
			must(t, os.Symlink(t.TempDir(), inRuntime(rt, "")))
		}, refused},
		{"cfglink", false, func(t *testing.T, _, cfgRun string) {
			noXDG(t)
			mkdirMode(t, filepath.Dir(cfgRun), 0o700)
			must(t, os.Symlink(t.TempDir(), cfgRun))
		}, refused},
		{"file", false, func(t *testing.T, rt, _ string) {
			must(t, os.WriteFile(inRuntime(rt, ""), nil, 0o600))
		}, refused},
		{"other", true, func(t *testing.T, rt, _ string) {
			mkdirMode(t, inRuntime(rt, ""), 0o700)
			must(t, os.Chown(inRuntime(rt, ""), otherUID(), -1))
		}, refused},
		{"long", false, func(t *testing.T, rt, _ string) {
			long := filepath.Join(rt, strings.Repeat("x", maxSocketPath))
			mkdirMode(t, long, 0o700)
			t.Setenv("XDG_RUNTIME_DIR", long)
			keepTmpFallbackClean(t)
		}, inTmp},
	}
}

func TestSocketDir(t *testing.T) {
	skipOnWindows(t)
	for _, c := range socketDirCases() {
		t.Run(c.name, func(t *testing.T) {
			if c.root && os.Getuid() != 0 {
				t.Skip("needs root to give a folder to another user")
			}
			rt, cfgRun := socketEnv(t)
			c.setup(t, rt, cfgRun)
			checkSocketDir(t, c.want(rt, cfgRun))
		})
	}
}

// checkSocketDir checks that socketPath puts the socket in want (refuses
// when want is ""), with the folder 0700, and reuses it on a second call.
func checkSocketDir(t *testing.T, want string) {
	t.Helper()
	if want != "" && want != shortSocketDir() && len(filepath.Join(want, "0123456789ab.sock")) > maxSocketPath {
		t.Skipf("temporary folder %s is too long for a socket path", want)
	}
	got, err := socketPath("key")
	switch {
	case want == "" && err == nil:
		t.Fatalf("socketPath = %s, want it refused", got)
	case want == "":
		return
	case err != nil:
		t.Fatal(err)
	case filepath.Dir(got) != want:
		t.Fatalf("socket folder = %s, want %s", filepath.Dir(got), want)
	}
	if m := mode(t, want); !m.IsDir() || m.Perm() != 0o700 {
		t.Fatalf("socket folder mode = %v, want drwx------", m)
	}
	// Reused: the same path again, and the folder's contents kept.
	marker := filepath.Join(want, "marker")
	must(t, os.WriteFile(marker, nil, 0o600))
	defer os.Remove(marker)
	if again, err := socketPath("key"); err != nil || again != got {
		t.Fatalf("second socketPath = %q, %v; want %q", again, err, got)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Fatalf("folder was not reused: %v", err)
	}
}

// keepTmpFallbackClean removes /tmp/bridgekeeper-<uid> after the test when
// the test is what created it.
func keepTmpFallbackClean(t *testing.T) {
	t.Helper()
	dir := shortSocketDir()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		t.Cleanup(func() { os.Remove(dir) })
	}
}

func TestSocketName(t *testing.T) {
	socketEnv(t)
	a, b := sockName(t, "dev 1 inode 2"), sockName(t, "dev 1 inode 3")
	if len(a) != len("0123456789ab.sock") || !strings.HasSuffix(a, ".sock") {
		t.Errorf("socket name %q is not 12 hex digits and .sock", a)
	}
	if a == b {
		t.Errorf("two keys share the socket name %s", a)
	}
}

func TestInstanceClaimTwice(t *testing.T) {
	socketEnv(t)
	db := filepath.Join(t.TempDir(), "b.db")
	var shown atomic.Int32
	first, err := claim(db, "key", func() { shown.Add(1) })
	must(t, err)
	if first.listener == nil {
		first.release()
		t.Fatal("first claim is not listening")
	}
	_, err = claim(db, "key", func() { t.Error("the second claim's onShow ran") })
	first.release()
	if !errors.Is(err, errAlreadyOpen) {
		t.Fatalf("second claim: err = %v, want errAlreadyOpen", err)
	}
	if n := shown.Load(); n != 1 {
		t.Fatalf("onShow ran %d times, want 1", n)
	}
	// Released: the database and its socket are free for the next window.
	third, err := claim(db, "key", func() {})
	if err != nil {
		t.Fatalf("claim after release: %v", err)
	}
	third.release()
}

// fakeWindow listens on sock like a first window would, answering reply
// without checking who asks, and counts the "show" requests it gets.
func fakeWindow(t *testing.T, sock, reply string) *atomic.Int32 {
	t.Helper()
	l, err := net.Listen("unix", sock)
	must(t, err)
	t.Cleanup(func() { l.Close() })
	var asked atomic.Int32
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			if line, _ := bufio.NewReader(conn).ReadString('\n'); line == "show\n" {
				asked.Add(1)
			}
			fmt.Fprint(conn, reply)
			conn.Close()
		}
	}()
	return &asked
}

func TestPeerClientCheck(t *testing.T) {
	other := func(*net.UnixConn) (int, error) { return otherUID(), nil }
	cases := []struct {
		name  string
		peer  func(*net.UnixConn) (int, error) // who the client is told answered
		reply string                           // what the server says
		want  error
	}{
		{"same", peerUID, "ok\n", errAlreadyOpen},
		{"other", other, "ok\n", data.ErrLocked},
		{"failed", func(*net.UnixConn) (int, error) { return 0, errors.New("no credentials") }, "ok\n", data.ErrLocked},
		// Where the system cannot tell, the private folder is the guard.
		{"unknown", func(*net.UnixConn) (int, error) { return 0, errPeerUnknown }, "ok\n", errAlreadyOpen},
		{"noanswer", peerUID, "", data.ErrLocked},
		{"notok", peerUID, "busy\n", data.ErrLocked},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			socketEnv(t)
			db := filepath.Join(t.TempDir(), "b.db")
			lock, err := data.AcquireLock(db)
			must(t, err)
			defer lock.Release()
			sock, err := socketPath("key")
			must(t, err)
			asked := fakeWindow(t, sock, c.reply)
			_, err = claimAs(identity{uid: os.Getuid, peer: c.peer}, db, "key", func() {})
			if !errors.Is(err, c.want) {
				t.Fatalf("claim: err = %v, want %v", err, c.want)
			}
			// A server we do not trust is not even asked.
			if c.want == data.ErrLocked && c.reply == "ok\n" && asked.Load() != 0 {
				t.Fatal("the untrusted server was sent a request")
			}
		})
	}
}

func TestPeerServerCheck(t *testing.T) {
	socketEnv(t)
	db := filepath.Join(t.TempDir(), "b.db")
	// The first window believes every caller is another user.
	strict := identity{uid: os.Getuid, peer: func(*net.UnixConn) (int, error) { return otherUID(), nil }}
	var shown atomic.Int32
	first, err := claimAs(strict, db, "key", func() { shown.Add(1) })
	must(t, err)
	defer first.release()
	if first.listener == nil {
		t.Fatal("first claim is not listening")
	}
	_, err = claim(db, "key", func() {})
	if !errors.Is(err, data.ErrLocked) {
		t.Fatalf("second claim: err = %v, want data.ErrLocked", err)
	}
	if n := shown.Load(); n != 0 {
		t.Fatalf("onShow ran %d times for another user", n)
	}
}

func TestPeerUID(t *testing.T) {
	socketEnv(t)
	sock, err := socketPath("key")
	must(t, err)
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	must(t, err)
	defer l.Close()
	client, err := net.DialUnix("unix", nil, &net.UnixAddr{Name: sock, Net: "unix"})
	must(t, err)
	defer client.Close()
	server, err := l.AcceptUnix()
	must(t, err)
	defer server.Close()
	for name, conn := range map[string]*net.UnixConn{"client": client, "server": server} {
		uid, err := peerUID(conn)
		switch {
		case errors.Is(err, errPeerUnknown) && runtime.GOOS != "linux" && runtime.GOOS != "darwin":
		case err != nil:
			t.Errorf("%s: peerUID: %v", name, err)
		case uid != os.Getuid():
			t.Errorf("%s: peerUID = %d, want %d", name, uid, os.Getuid())
		}
	}
}

// deadSocket leaves a socket file at path with nobody listening, as a crash
// would.
func deadSocket(t *testing.T, path string) {
	t.Helper()
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	must(t, err)
	l.SetUnlinkOnClose(false)
	l.Close()
}

func TestSocketStale(t *testing.T) {
	skipOnWindows(t)
	cases := []struct {
		name    string
		uid     func() int                      // who claim believes it is
		setup   func(t *testing.T, sock string) // what is left at the socket path
		replace bool                            // whether claim should listen there
	}{
		{"dead", os.Getuid, func(t *testing.T, sock string) { deadSocket(t, sock) }, true},
		{"file", os.Getuid, func(t *testing.T, sock string) { must(t, os.WriteFile(sock, []byte("keep"), 0o600)) }, false},
		{"dir", os.Getuid, func(t *testing.T, sock string) { must(t, os.Mkdir(sock, 0o700)) }, false},
		{"link", os.Getuid, func(t *testing.T, sock string) {
			target := sock + ".target"
			deadSocket(t, target)
			must(t, os.Symlink(target, sock))
		}, false},
		{"other", otherUID, func(t *testing.T, sock string) {
			deadSocket(t, sock)
			if _, known := fileOwner(lstat(t, sock)); !known {
				t.Skip("this system does not report file owners")
			}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			socketEnv(t)
			sock, err := socketPath("key")
			must(t, err)
			c.setup(t, sock)
			before := mode(t, sock)
			db := filepath.Join(t.TempDir(), "b.db")
			var shown atomic.Int32
			inst, err := claimAs(identity{uid: c.uid, peer: peerUID}, db, "key", func() { shown.Add(1) })
			if err != nil {
				t.Fatalf("claim: %v (a socket problem must not stop the window)", err)
			}
			defer inst.release()
			if !c.replace {
				if inst.listener != nil {
					t.Fatal("claim listened in place of something not ours")
				}
				if after := mode(t, sock); after != before {
					t.Fatalf("socket path changed from %v to %v", before, after)
				}
				return
			}
			if inst.listener == nil {
				t.Fatal("claim did not replace the stale socket")
			}
			if err := askToShow(sock, ownIdentity()); err != nil || shown.Load() != 1 {
				t.Fatalf("askToShow: %v, onShow ran %d times", err, shown.Load())
			}
		})
	}
}

// The socket's name is keyed on the account (the uid here, the SID on
// Windows) as well as the file: one name for one file and user, another
// for another file.
func TestSocketNameIsKeyedOnTheUserAndFile(t *testing.T) {
	if got := userKey(); got != "uid:"+strconv.Itoa(os.Getuid()) {
		t.Errorf("userKey() = %q", got)
	}
	a, err := socketPath("same-file")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := socketPath("same-file")
	c, _ := socketPath("other-file")
	if a != b || a == c {
		t.Errorf("socket paths %q %q %q: the same file must give one name, another file another", a, b, c)
	}
}
