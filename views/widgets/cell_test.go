package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestCellShowsTextNoteAndDot(t *testing.T) {
	test.NewTempApp(t)
	c := NewCell()
	test.NewTempWindow(t, c)
	c.Set("Acme", "in 2 days", true, theme.ColorNamePrimary, false)
	if got := c.String(); got != "Acme in 2 days" {
		t.Errorf("cell reads %q", got)
	}
	if !c.main.TextStyle.Bold || c.dotColor != theme.ColorNamePrimary {
		t.Error("bold or dot lost")
	}
	c.Set("", "No date yet", false, "", true)
	if got := c.String(); got != "No date yet" || !c.selected {
		t.Errorf("cell reads %q, selected %v", got, c.selected)
	}
	if c.MinSize().Width > 60 {
		t.Errorf("a cell asks for %v of width; truncated text needs none", c.MinSize().Width)
	}
}

// In a narrow column the date keeps its room and the "in 2 days" note
// goes, rather than the two being drawn over each other.
func TestCellNoteGivesWayInANarrowColumn(t *testing.T) {
	test.NewTempApp(t)
	c := NewCell()
	c.Set("Thu 3 Dec 14:30", "in 2 days", false, "", false)
	w := test.NewTempWindow(t, c)
	for _, tc := range []struct {
		width    float32
		noteShow bool
	}{{400, true}, {130, false}, {400, true}} {
		w.Resize(fyne.NewSize(tc.width+2*theme.Padding(), 40))
		c.Resize(fyne.NewSize(tc.width, 36))
		if c.note.Visible() != tc.noteShow {
			t.Errorf("at %v px the note is shown=%v, want %v", tc.width, c.note.Visible(), tc.noteShow)
		}
	}
}
