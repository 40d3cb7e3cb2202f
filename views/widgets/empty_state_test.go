package widgets

import (
	"strings"
	"testing"

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
