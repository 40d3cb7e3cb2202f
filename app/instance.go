package app

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"bridgekeeper/data"
)

// instance is this process's claim on a database: the file lock that keeps
// a second window from writing to it, and a local socket on which a second
// launch asks this one to come forward.
type instance struct {
	lock     *data.Lock
	listener net.Listener
}

// errAlreadyOpen means another window has the database and was asked to
// come to the front.
var errAlreadyOpen = errors.New("already open on this database; its window was brought forward")

// socketPath is short (sockets have a length limit) and unique per user and
// database.
func socketPath(dbPath string) string {
	sum := sha256.Sum256([]byte(dbPath))
	return filepath.Join(os.TempDir(), fmt.Sprintf("bridgekeeper-%d-%x.sock", os.Getuid(), sum[:6]))
}

// claim takes the database for this process. When another process holds
// it, claim asks that one to show its window and returns errAlreadyOpen, or
// data.ErrLocked when it could not be reached.
func claim(dbPath string, onShow func()) (*instance, error) {
	lock, err := data.AcquireLock(dbPath)
	if errors.Is(err, data.ErrLocked) {
		if askToShow(socketPath(dbPath)) == nil {
			return nil, errAlreadyOpen
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	inst := &instance{lock: lock}
	sock := socketPath(dbPath)
	// Holding the lock means any socket file left here is from a crash.
	os.Remove(sock)
	if l, err := net.Listen("unix", sock); err == nil {
		inst.listener = l
		go inst.serve(onShow)
	}
	return inst, nil
}

func (inst *instance) serve(onShow func()) {
	for {
		conn, err := inst.listener.Accept()
		if err != nil {
			return
		}
		conn.SetDeadline(time.Now().Add(2 * time.Second))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		if line == "show\n" {
			onShow()
			fmt.Fprintln(conn, "ok")
		}
		conn.Close()
	}
}

func askToShow(sock string) error {
	conn, err := net.DialTimeout("unix", sock, 2*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := fmt.Fprintln(conn, "show"); err != nil {
		return err
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || reply != "ok\n" {
		return fmt.Errorf("no answer from the open window")
	}
	return nil
}

func (inst *instance) release() {
	if inst.listener != nil {
		inst.listener.Close()
	}
	inst.lock.Release()
}
