package app

import (
	"context"
	"runtime"
	"time"

	"github.com/godbus/dbus/v5"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"bridgekeeper/data"
	"bridgekeeper/views"
)

// tray is the system-tray menu, where the desktop has one: show or hide
// the window, see the next interview at a glance, and quit.
type tray struct {
	shell  *shell
	menu   *fyne.Menu
	toggle *fyne.MenuItem
	next   *fyne.MenuItem
	hidden bool
}

// newTray installs the tray menu; call it on the UI goroutine, and only
// where trayHostReachable says a tray can work.
func newTray(s *shell) *tray {
	desk, ok := s.app.(desktop.App)
	if !ok {
		return nil
	}
	t := &tray{shell: s}
	t.toggle = fyne.NewMenuItem("Hide Bridgekeeper", t.onToggle)
	t.next = fyne.NewMenuItem("No upcoming interviews", func() { s.bringForward() })
	t.menu = fyne.NewMenu("Bridgekeeper", t.toggle, t.next)
	desk.SetSystemTrayMenu(t.menu)
	desk.SetSystemTrayIcon(s.app.Icon())
	go t.watch()
	return t
}

func (t *tray) onToggle() {
	if t.hidden {
		t.shell.bringForward()
		t.toggle.Label = "Hide Bridgekeeper"
	} else {
		t.shell.win.Hide()
		t.toggle.Label = "Show Bridgekeeper"
	}
	t.hidden = !t.hidden
	t.menu.Refresh()
}

// watch refreshes the "next interview" line every minute, reading the
// store off the UI goroutine.
func (t *tray) watch() {
	for {
		label := t.nextLabel(time.Now())
		fyne.Do(func() {
			t.next.Label = label
			t.menu.Refresh()
		})
		time.Sleep(time.Minute)
	}
}

func (t *tray) nextLabel(now time.Time) string {
	var store *data.Store
	fyne.DoAndWait(func() { store = t.shell.store })
	if store == nil {
		return "No upcoming interviews"
	}
	up, err := store.NextInterviews(context.Background(), now, 1)
	if err != nil || len(up) == 0 {
		return "No upcoming interviews"
	}
	iv := up[0]
	return "Next: " + iv.Company + ", " + iv.Local(time.Local).Format("Mon 2 Jan 15:04") + " (" + views.RelativeTime(iv.StartsAt, now) + ")"
}

// trayHostReachable reports whether a tray can work here. On Linux and the
// BSDs the tray speaks DBus, and Fyne's systray (v2.7.1) crashes on quit
// when it never reached a session bus, so without one there is no tray.
func trayHostReachable() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return false
	}
	conn.Close()
	return true
}
