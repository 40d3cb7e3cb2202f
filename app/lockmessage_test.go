package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// The "already open" window is dialog-sized but shows the database path
// whole on one line: where the window is too narrow, word wrapping cuts a
// long name mid-name ("bri" / "dgekeeper.db").
func TestLockMessageShowsThePathOnOneLine(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"linux", "/home/ana/.local/share/fyne/io.github.bridgekeeper/bridgekeeper.db"},
		{"windows", `C:\Users\Ana Maria Lopez-Garcia\AppData\Roaming\fyne\io.github.bridgekeeper\bridgekeeper.db`},
		{"short", "/tmp/b.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			w := a.NewWindow("")
			defer w.Close()
			s := &shell{app: a, win: w, dbPath: tt.path}
			s.showMessage("Bridgekeeper is already open", lockedText(tt.path))
			size := lockMessageSize(tt.path)
			w.Resize(size)
			if size.Width < 460 || size.Width > 900 || size.Height > 240 {
				t.Errorf("window %v, want dialog-sized (460–900 wide, at most 240 high)", size)
			}
			if !renderedLine(w.Content(), tt.path) {
				t.Errorf("at %v the path %q is not shown whole on one line; lines: %q", size, tt.path, renderedLines(w.Content()))
			}
		})
	}
}

// A path too long for any dialog keeps the window at its widest and wraps.
func TestLockMessageCapsItsWidth(t *testing.T) {
	test.NewTempApp(t)
	path := "/" + strings.Repeat("very-long-folder-name/", 20) + "bridgekeeper.db"
	if got := lockMessageSize(path); got.Width != 900 {
		t.Errorf("width for a %d-character path = %v, want the 900 cap", len(path), got.Width)
	}
}

func renderedLines(o fyne.CanvasObject) []string {
	var lines []string
	for _, obj := range test.LaidOutObjects(o) {
		if txt, ok := obj.(*canvas.Text); ok && txt.Visible() {
			lines = append(lines, txt.Text)
		}
	}
	return lines
}

func renderedLine(o fyne.CanvasObject, want string) bool {
	for _, l := range renderedLines(o) {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}
