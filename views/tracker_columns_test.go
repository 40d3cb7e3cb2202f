package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"bridgekeeper/data"
)

func TestTrackerShareWidths(t *testing.T) {
	floor := [5]float32{64, 64, 64, 120, 100}
	want := [5]float32{150, 160, 120, 210, 120}
	sum := func(w [5]float32) (s float32) {
		for _, x := range w {
			s += x
		}
		return s
	}
	for _, c := range []struct {
		name  string
		avail float32
		check func(t *testing.T, got [5]float32)
	}{
		{"room to spare goes to the text columns", 1000, func(t *testing.T, got [5]float32) {
			if got[3] != want[3] || got[4] != want[4] || got[0] <= want[0] || got[1] <= want[1] {
				t.Errorf("widths %v", got)
			}
		}},
		{"a little short: the text columns give, the date keeps its note", 700, func(t *testing.T, got [5]float32) {
			if got[3] != want[3] || got[0] < trackerColumnComfy || got[0] >= want[0] {
				t.Errorf("widths %v", got)
			}
		}},
		{"very short: everything at its floor before the table scrolls", 400, func(t *testing.T, got [5]float32) {
			if got != floor {
				t.Errorf("widths %v, want the floors %v", got, floor)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := trackerShareWidths(want, floor, [5]bool{}, c.avail)
			if s := sum(got); c.avail >= sum(floor) && (s > c.avail+0.5 || s < c.avail-0.5) {
				t.Errorf("widths add up to %v of %v", s, c.avail)
			}
			c.check(t, got)
		})
	}
	if got := trackerShareWidths(want, floor, [5]bool{1: true}, 1000); got[1] != want[1] || got[0] <= want[0] {
		t.Errorf("a column the user sized took a share of the room: %v", got)
	}
}

// Columns are as wide as what is in them: a long company name is shown
// whole while there is room, and nothing is cut at 800 px with no row
// selected (the details pane takes no room then).
func TestTrackerColumnsFollowTheirContent(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	trackerSeed(t, h,
		data.Interview{Company: "Globex Corporation", Role: "Senior Data Analyst", ContactName: "Sam Patel", StartsAt: now.Add(48 * time.Hour), TimeZone: "Asia/Tokyo", Status: data.StatusRescheduled},
		data.Interview{Company: "Initech", Role: "QA", StartsAt: now.Add(-72 * time.Hour), TimeZone: "Europe/London", Status: data.StatusAttended},
	)
	tr := trackerOpen(h)
	for _, width := range []float32{800, 1100, 1920} {
		h.win.Resize(fyne.NewSize(width, 600))
		if tr.detail.root.Visible() {
			t.Fatal("the details pane is shown with no row selected")
		}
		inner := 2 * theme.InnerPadding()
		for col, text := range map[data.Column]string{data.ColCompany: "Globex Corporation", data.ColRole: "Senior Data Analyst"} {
			style := fyne.TextStyle{Bold: col == data.ColCompany}
			if need := fyne.MeasureText(text, theme.TextSize(), style).Width + inner; tr.columns.widths[col] < need {
				t.Errorf("at %v px the %s column is %v wide, %q needs %v", width, columnHeading(col), tr.columns.widths[col], text, need)
			}
		}
		var total float32
		for _, w := range tr.columns.widths {
			total += w + theme.Padding()
		}
		if total > tr.table.Size().Width+1 {
			t.Errorf("at %v px the columns need %v of the table's %v: it scrolls sideways", width, total, tr.table.Size().Width)
		}
	}
	trackerAct(h, func() { tr.selectRow(tr.model.Row(0).ID, false) })
	if !tr.detail.root.Visible() {
		t.Error("selecting a row did not show its details")
	}
}

// Dragging the line after a column in the header resizes it, and the width
// is kept for the next start.
func TestTrackerColumnDragIsRemembered(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	h.win.Resize(fyne.NewSize(1100, 600))
	before := tr.columns.widths[data.ColRole]
	line := tr.columns.widths[data.ColCompany] + tr.columns.widths[data.ColRole] + 1.5*theme.Padding()
	start := fyne.NewPos(line, 10)
	for _, dx := range []float32{10, 30, 60} {
		tr.table.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.AddXY(dx, 0)}, Dragged: fyne.NewDelta(dx, 0)})
		start = start.AddXY(dx, 0)
	}
	tr.table.DragEnd()
	if got := tr.columns.widths[data.ColRole]; got < before+90 || got > before+110 {
		t.Errorf("the Role column is %v after a 100 px drag from %v", got, before)
	}
	saved := h.ui.env.App.Preferences().String(trackerColumnsKey)
	if fields := strings.Split(saved, ","); len(fields) != 5 || fields[data.ColRole] == "0" || fields[data.ColCompany] != "0" {
		t.Errorf("saved widths %q", saved)
	}
	if again := newTrackerColumns(tr); again.user[data.ColRole] != tr.columns.user[data.ColRole] {
		t.Errorf("a new start reads %v, want %v", again.user[data.ColRole], tr.columns.user[data.ColRole])
	}
	// A drag that does not start on a header line resizes nothing.
	was := tr.columns.widths
	tr.table.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(line+40, 100)}, Dragged: fyne.NewDelta(40, 0)})
	tr.table.DragEnd()
	if tr.columns.widths != was {
		t.Error("a drag in the rows resized a column")
	}
}
