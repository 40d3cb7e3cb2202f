//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// noNotifications says why desktop notifications cannot be sent here, or
// "" when they can. Fyne sends them over the session D-Bus and drops them
// without a word when there is none, so the window must know to say so.
// It looks where the D-Bus library looks: the address variable, the
// per-user socket, and dbus-launch to start one.
func noNotifications(getenv func(string) string, lookPath func(string) (string, error)) string {
	if getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return ""
	}
	runtimeDir := getenv("XDG_RUNTIME_DIR")
	if runtimeDir == "" {
		runtimeDir = filepath.Join("/run/user", strconv.Itoa(os.Getuid()))
	}
	if fi, err := os.Stat(filepath.Join(runtimeDir, "bus")); err == nil && fi.Mode()&os.ModeSocket != 0 {
		return ""
	}
	if _, err := lookPath("dbus-launch"); err == nil {
		return ""
	}
	return "no desktop session bus is running"
}

// systemNoNotifications is noNotifications for this process.
func systemNoNotifications() string { return noNotifications(os.Getenv, exec.LookPath) }
