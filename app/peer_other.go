//go:build !linux && !darwin

package app

import (
	"io/fs"
	"net"
)

// peerUID cannot learn the peer's uid here; the socket's private folder is
// what keeps other users out.
func peerUID(*net.UnixConn) (int, error) { return 0, errPeerUnknown }

// fileOwner does not know file owners here (Windows has no uids, and the
// BSDs are not wired up); callers then fall back on other checks.
func fileOwner(fs.FileInfo) (uid int, known bool) { return 0, false }
