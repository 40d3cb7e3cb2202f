//go:build linux || darwin

package app

import (
	"fmt"
	"io/fs"
	"net"
	"syscall"
)

// peerUID is the uid of the process at the other end of conn: the kernel
// records it at connect (client) or listen (server), so the peer cannot lie
// about it. How to ask differs by system (see peerCredUID).
func peerUID(conn *net.UnixConn) (int, error) {
	raw, err := conn.SyscallConn()
	if err != nil {
		return 0, fmt.Errorf("peer credentials: %w", err)
	}
	var uid int
	var credErr error
	err = raw.Control(func(fd uintptr) { uid, credErr = peerCredUID(int(fd)) })
	if err == nil {
		err = credErr
	}
	if err != nil {
		return 0, fmt.Errorf("peer credentials: %w", err)
	}
	return uid, nil
}

// fileOwner is the uid that owns the file fi describes; known is false when
// the system does not say.
func fileOwner(fi fs.FileInfo) (uid int, known bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
