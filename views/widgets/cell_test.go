package widgets

import (
	"testing"

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
