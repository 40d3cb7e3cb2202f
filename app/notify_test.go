//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"errors"
	"net"
	"path/filepath"
	"testing"
)

func TestNoNotificationsLooksWhereDBusLooks(t *testing.T) {
	withSocket := t.TempDir()
	l, err := net.Listen("unix", filepath.Join(withSocket, "bus"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	empty := t.TempDir()
	found := func(string) (string, error) { return "/usr/bin/dbus-launch", nil }
	missing := func(string) (string, error) { return "", errors.New("not found") }
	for _, c := range []struct {
		name       string
		env        map[string]string
		look       func(string) (string, error)
		wantReason bool
	}{
		{"address set", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", "XDG_RUNTIME_DIR": empty}, missing, false},
		{"per-user socket", map[string]string{"XDG_RUNTIME_DIR": withSocket}, missing, false},
		{"dbus-launch can start one", map[string]string{"XDG_RUNTIME_DIR": empty}, found, false},
		{"nothing at all", map[string]string{"XDG_RUNTIME_DIR": empty}, missing, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := noNotifications(func(k string) string { return c.env[k] }, c.look)
			if (got != "") != c.wantReason {
				t.Errorf("noNotifications = %q, want a reason: %v", got, c.wantReason)
			}
		})
	}
}
