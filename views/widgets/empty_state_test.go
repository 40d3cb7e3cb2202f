package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestEmptyStateSaysWhatToDo(t *testing.T) {
	test.NewTempApp(t)
	s := NewEmptyState(theme.SearchIcon(), "Nothing matches", "Try other words.", &widget.Button{Text: "Clear filters"})
	got := texts(s)
	for _, want := range []string{"Nothing matches", "Try other words.", "Clear filters"} {
		if !strings.Contains(got, want) {
			t.Errorf("empty state lacks %q: %s", want, got)
		}
	}
	q := NewQuiet("a")
	SetQuietText(q, "b")
	if q.String() != "b" {
		t.Errorf("quiet text = %q", q.String())
	}
}

// The empty state and a banner keep their layout: a markup golden of what
// the renderer draws (testdata/*.xml; a failing run writes the new markup
// to testdata/failed/ to compare).
func TestEmptyStateAndBannerRenderAsBefore(t *testing.T) {
	test.NewTempApp(t)
	box := container.NewVBox(
		NewBanner(theme.ColorNameWarning, theme.WarningIcon(), &widget.Label{Text: "The database is read-only."}),
		NewEmptyState(theme.SearchIcon(), "No interviews match your search", "Try other words, or another status.",
			&widget.Button{Text: "Clear filters"}))
	w := test.NewTempWindow(t, box)
	w.Resize(fyne.NewSize(640, 420))
	test.AssertRendersToMarkup(t, "empty_state_and_banner.xml", w.Canvas())
}
