package app

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"bridgekeeper/app/cli"
	"bridgekeeper/data"
)

// maxSocketPath keeps socket paths under the kernel's limit (104 bytes on
// macOS, 108 on Linux) with a little to spare.
const maxSocketPath = 100

// instance is this process's claim on a database: the file lock that keeps
// a second window from writing to it, and a local socket on which a second
// launch asks this one to come forward.
type instance struct {
	lock     *data.Lock
	listener *net.UnixListener
}

// errAlreadyOpen means another window has the database and was asked to
// come to the front.
var errAlreadyOpen = errors.New("already open on this database; its window was brought forward")

// errPeerUnknown means the system gives no way to learn who is at the other
// end of a local socket; the private socket folder is then the only guard.
var errPeerUnknown = errors.New("peer credentials are not available on this system")

// identity is who this process runs as and how to learn who is at the other
// end of a connection. They are fields rather than package variables so a
// test can make the check fail.
type identity struct {
	uid  func() int
	peer func(*net.UnixConn) (int, error)
}

// ownIdentity is the real one: this process's uid and the kernel's word on
// the peer.
func ownIdentity() identity { return identity{uid: os.Getuid, peer: peerUID} }

// checkPeer returns nil when conn's other end runs as this user. Where the
// system cannot tell, only this user's processes can reach a socket in its
// 0700 folder, so the connection is accepted.
func (id identity) checkPeer(conn *net.UnixConn) error {
	uid, err := id.peer(conn)
	if errors.Is(err, errPeerUnknown) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check socket peer: %w", err)
	}
	if self := id.uid(); uid != self {
		return fmt.Errorf("socket peer runs as user %d, not %d", uid, self)
	}
	return nil
}

// socketPath is where the window holding the database identified by key
// listens: a short name (sockets have a length limit) in a folder only this
// user can enter, so nobody else can take the name first or answer in our
// place. The name is keyed on the user too (userKey: the uid, or on
// Windows the account's SID, since os.Getuid is -1 there for everyone). It
// creates the folder, or checks an existing one.
func socketPath(key string) (string, error) {
	sum := sha256.Sum256([]byte(userKey() + "\x00" + key))
	name := fmt.Sprintf("%x.sock", sum[:6])
	dir := socketDir()
	if len(filepath.Join(dir, name)) > maxSocketPath {
		dir = shortSocketDir()
	}
	if err := ensurePrivateDir(dir); err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

// socketDir picks the folder for sockets: the session's runtime folder when
// it is trustworthy, else one beside the app's preferences and storage.
func socketDir() string {
	if rt := os.Getenv("XDG_RUNTIME_DIR"); rt != "" && isPrivateDir(rt) {
		return filepath.Join(rt, "bridgekeeper")
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		// No home folder: the short fallback is checked just as strictly.
		return shortSocketDir()
	}
	return filepath.Join(cfg, "fyne", cli.AppID, "run")
}

// shortSocketDir is the fallback when the usual folder would make the
// socket path too long.
func shortSocketDir() string {
	if runtime.GOOS == "windows" {
		// Windows has no uid; its temp folder is per user, and the folder
		// is named for the account as well.
		sum := sha256.Sum256([]byte(userKey()))
		return filepath.Join(os.TempDir(), fmt.Sprintf("bridgekeeper-%x", sum[:4]))
	}
	// Not os.TempDir: $TMPDIR can be long (macOS), which is the problem here.
	return "/tmp/bridgekeeper-" + strconv.Itoa(os.Getuid())
}

// isPrivateDir reports whether dir is a real directory (not a symlink),
// owned by this user, with mode 0700.
func isPrivateDir(dir string) bool {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		return false
	}
	uid, known := fileOwner(fi)
	return !known || uid == os.Getuid()
}

// ensurePrivateDir creates dir with mode 0700, or checks that the existing
// one is a real directory owned by this user and tightens it to 0700.
func ensurePrivateDir(dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return fmt.Errorf("socket folder: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("socket folder: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("socket folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket folder %s: not a directory (%v); refusing to use it", dir, fi.Mode().Type())
	}
	uid, known := fileOwner(fi)
	if known && uid != os.Getuid() {
		return fmt.Errorf("socket folder %s: owned by user %d; refusing to use it", dir, uid)
	}
	// Windows permissions are ACLs, not mode bits. Elsewhere, where the owner
	// is unknown, chmod doubles as the check: only the owner may do it.
	if runtime.GOOS != "windows" && (!known || fi.Mode().Perm() != 0o700) {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("socket folder: %w", err)
		}
	}
	return nil
}

// claim takes the database at dbPath for this process; key identifies the
// database file (not its path text) and names the socket. When another
// process holds the database, claim asks that one to show its window and
// returns errAlreadyOpen, or data.ErrLocked when it could not be reached or
// is not this user's.
func claim(dbPath, key string, onShow func()) (*instance, error) {
	return claimAs(ownIdentity(), dbPath, key, onShow)
}

// claimAs is claim with the identity checks passed in.
func claimAs(id identity, dbPath, key string, onShow func()) (*instance, error) {
	lock, err := data.AcquireLock(dbPath)
	if errors.Is(err, data.ErrLocked) {
		if sock, serr := socketPath(key); serr == nil && askToShow(sock, id) == nil {
			return nil, errAlreadyOpen
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	inst := &instance{lock: lock}
	// Without the socket a second launch cannot bring this window forward,
	// but this one still works, so a failure here is not fatal.
	if sock, err := socketPath(key); err == nil {
		if l, err := listen(sock, id.uid()); err == nil {
			inst.listener = l
			go inst.serve(onShow, id)
		}
	}
	return inst, nil
}

// listen opens the socket at sock. Holding the lock means no window is
// listening there, so a socket left at that path is from a crash; but only a
// socket owned by uid is removed, and anything else there is left alone.
func listen(sock string, uid int) (*net.UnixListener, error) {
	fi, err := os.Lstat(sock)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("check socket: %w", err)
	case fi.Mode().Type() != fs.ModeSocket:
		return nil, fmt.Errorf("socket path %s holds something else (%v); leaving it alone", sock, fi.Mode().Type())
	default:
		if owner, known := fileOwner(fi); known && owner != uid {
			return nil, fmt.Errorf("socket %s is owned by user %d; leaving it alone", sock, owner)
		}
		if err := os.Remove(sock); err != nil {
			return nil, fmt.Errorf("remove stale socket: %w", err)
		}
	}
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		return nil, fmt.Errorf("listen for other launches: %w", err)
	}
	return l, nil
}

func (inst *instance) serve(onShow func(), id identity) {
	for {
		conn, err := inst.listener.AcceptUnix()
		if err != nil {
			return
		}
		answer(conn, onShow, id)
	}
}

// answer handles one request to come forward. A connection from another
// user gets no answer at all.
func answer(conn *net.UnixConn, onShow func(), id identity) {
	defer conn.Close()
	if id.checkPeer(conn) != nil {
		return
	}
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	line, _ := bufio.NewReader(conn).ReadString('\n')
	if line == "show\n" {
		onShow()
		fmt.Fprintln(conn, "ok")
	}
}

// askToShow asks the window listening on sock to come forward. Only an "ok"
// from a process of this user counts.
func askToShow(sock string, id identity) error {
	c, err := net.DialTimeout("unix", sock, 2*time.Second)
	if err != nil {
		return fmt.Errorf("reach the open window: %w", err)
	}
	defer c.Close()
	conn, ok := c.(*net.UnixConn)
	if !ok {
		return fmt.Errorf("reach the open window: unexpected connection type %T", c)
	}
	// Checked before sending: whatever another user's process says is noise.
	if err := id.checkPeer(conn); err != nil {
		return fmt.Errorf("reach the open window: %w", err)
	}
	conn.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := fmt.Fprintln(conn, "show"); err != nil {
		return fmt.Errorf("ask the open window: %w", err)
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || reply != "ok\n" {
		return errors.New("no answer from the open window")
	}
	return nil
}

func (inst *instance) release() {
	if inst == nil {
		return
	}
	if inst.listener != nil {
		inst.listener.Close()
	}
	inst.lock.Release()
}
