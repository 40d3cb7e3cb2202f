package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tracker is the Tracker tab. The table arrives with issue 4.
type tracker struct {
	ui *UI
}

func newTracker(u *UI) *tracker { return &tracker{ui: u} }

func (t *tracker) tabItem() *container.TabItem {
	return container.NewTabItemWithIcon("Tracker", theme.ListIcon(), t.buildUI())
}

func (t *tracker) buildUI() fyne.CanvasObject {
	return container.NewCenter(&widget.Label{Text: "The interview tracker is being built.", Alignment: fyne.TextAlignCenter})
}

func (t *tracker) onShown()                 {}
func (t *tracker) reload()                  {}
func (t *tracker) addShortcuts(fyne.Canvas) {}
func (t *tracker) onImportCSV()             {}
func (t *tracker) onExportCSV()             {}
func (t *tracker) onExportCalendar()        {}
