package views

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
	"bridgekeeper/insight"
)

// insightsOpen shows the Insights tab (Ctrl+5) and waits for its figures.
func insightsOpen(h *harness) *insightsTab {
	trackerAct(h, func() { h.shortcut(fyne.Key5) })
	return h.ui.insights
}

// insightsSeed stores a small search: an accepted offer, a no, one
// withdrawn from with a message, and one still ahead.
func insightsSeed(t *testing.T, h *harness) []data.Interview {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	ivs := trackerSeed(t, h,
		data.Interview{Company: "Globex", Role: "Engineer", StartsAt: now.AddDate(0, 0, -20), TimeZone: "UTC", Status: data.StatusScheduled,
			ContactName: "Dana Reyes", Location: "https://zoom.us/j/1"},
		data.Interview{Company: "Acme", Role: "Analyst", StartsAt: now.AddDate(0, 0, -12), TimeZone: "UTC", Status: data.StatusScheduled,
			Location: "1 Main Street, Springfield"},
		data.Interview{Company: "Initech", Role: "QA", StartsAt: now.AddDate(0, 0, 5), TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Hooli", Role: "PM", StartsAt: now.AddDate(0, 0, 9), TimeZone: "UTC", Status: data.StatusScheduled},
	)
	// Each status change is written as the tracker's edit writes it, so
	// the timeline holds it.
	for _, step := range []struct {
		i  int
		to data.Status
	}{{0, data.StatusAttended}, {0, data.StatusOffer}, {0, data.StatusAccepted}, {1, data.StatusAttended}, {1, data.StatusRejected}} {
		ivs[step.i].Status = step.to
		if err := h.store.UpdateInterview(ctx, &ivs[step.i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.store.AddEvent(ctx, &data.Event{InterviewID: ivs[3].ID, Kind: data.EventDraft, Scenario: string(compose.ScenarioWithdraw),
		Subject: "Withdrawing my application", Body: "…", Reason: "other-offer", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	ivs[3].Status = data.StatusWithdrawn
	if err := h.store.UpdateInterview(ctx, &ivs[3]); err != nil {
		t.Fatal(err)
	}
	return ivs
}

func TestInsightsTabShowsTheChartsAndTheirNumbers(t *testing.T) {
	h := newHarness(t)
	insightsSeed(t, h)
	n := insightsOpen(h)
	if h.ui.Selected() != TabInsights || h.win.Canvas().Focused() != n.logBtn {
		t.Fatalf("Ctrl+5 shows tab %d with the focus on %T", h.ui.Selected(), h.win.Canvas().Focused())
	}
	if got := n.summary.Text; !strings.HasPrefix(got, "4 interviews with 4 companies; 1 still open; 1 message filed.") {
		t.Errorf("summary %q", got)
	}
	if n.empty.Visible() || len(n.charts) != 5 {
		t.Fatalf("empty state shown %v, %d charts", n.empty.Visible(), len(n.charts))
	}
	funnel := n.charts[insight.ChartFunnel]
	// The chart is drawn off the UI goroutine at its size on screen.
	img := funnel.chart.Image()
	if img == nil {
		t.Fatal("the funnel was never drawn")
	}
	size := funnel.chart.Size()
	if b := img.Bounds(); b.Dx() != int(size.Width) || b.Dy() != int(size.Height) || b.Dx() < 200 {
		t.Errorf("drawn at %v for a chart of %v", b, size)
	}
	text := trackerTexts(n.cards)
	for _, want := range []string{"How far interviews got", "Of 4 interviews you attended 2; 1 led to an offer and you accepted 1.",
		"Interviews per week", "Days to an answer", "How you left", "Reasons you gave"} {
		if !strings.Contains(text, want) {
			t.Errorf("the tab lacks %q:\n%s", want, text)
		}
	}
	// The numbers are a click away, and the chart a click back.
	trackerAct(h, func() { test.Tap(funnel.toggle) })
	if !funnel.showing || funnel.toggle.Text != "Show chart" || !insightsShows(funnel, funnel.numbers) {
		t.Fatalf("after Show numbers: showing %v, button %q", funnel.showing, funnel.toggle.Text)
	}
	cells := insightsCells(funnel)
	for _, want := range []string{"Stage|Interviews|Share", "Scheduled|4|100%", "Attended|2|50%", "Accepted|1|25%", "Withdrew|1|25%"} {
		if !strings.Contains(cells, want) {
			t.Errorf("numbers lack %q:\n%s", want, cells)
		}
	}
	// The numbers stay open when the figures are read again.
	trackerAct(h, func() { h.shortcut(fyne.Key1) })
	insightsOpen(h)
	if !funnel.showing || !insightsShows(funnel, funnel.numbers) {
		t.Error("coming back to the tab closed the numbers")
	}
	trackerAct(h, func() { test.Tap(funnel.toggle) })
	if funnel.showing || !insightsShows(funnel, funnel.chart) {
		t.Error("Show chart did not bring the chart back")
	}
}

// insightsShows reports whether o is what the card shows now.
func insightsShows(c *insightCard, o fyne.CanvasObject) bool {
	found := false
	trackerWalk(c.body, func(x fyne.CanvasObject) {
		if x == o {
			found = true
		}
	})
	return found
}

// insightsCells reads a card's numbers table, a row per line with cells
// joined by "|".
func insightsCells(c *insightCard) string {
	rows, cols := c.numbers.Length()
	var lines []string
	for r := 0; r < rows; r++ {
		var cells []string
		for col := 0; col < cols; col++ {
			l := c.numbers.CreateCell().(*widget.Label)
			c.numbers.UpdateCell(widget.TableCellID{Row: r, Col: col}, l)
			cells = append(cells, l.Text)
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	return strings.Join(lines, "\n")
}

func TestInsightsTabWithTooLittleHistory(t *testing.T) {
	h := newHarness(t)
	n := insightsOpen(h)
	if !n.empty.Visible() || n.scroll.Visible() {
		t.Error("with no interviews the tab should say there is too little to chart")
	}
	if n.summary.Text != "0 interviews with 0 companies; 0 still open; 0 messages filed." {
		t.Errorf("summary %q", n.summary.Text)
	}
	// The log still works with no history: the buttons stay enabled.
	if n.logBtn.Disabled() || n.report.Disabled() {
		t.Error("the log and the report should be offered with little history")
	}
	// One interview added elsewhere shows when the tab comes back; three
	// bring the charts.
	trackerSeed(t, h, data.Interview{Company: "Acme", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Acme", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Globex", TimeZone: "UTC", Status: data.StatusScheduled})
	trackerAct(h, func() { h.shortcut(fyne.Key2) })
	insightsOpen(h)
	if n.empty.Visible() || !n.scroll.Visible() || len(n.charts) != 5 {
		t.Errorf("three interviews: empty %v, %d charts", n.empty.Visible(), len(n.charts))
	}
	// Undated ones set no week, and nobody has answered or left yet:
	// those charts say so rather than draw nothing.
	for _, key := range []string{insight.ChartWeekly, insight.ChartReplies, insight.ChartLeaving} {
		if c := n.charts[key]; insightsShows(c, c.chart) || c.toggle.Visible() {
			t.Errorf("%s: drawn with nothing to show", key)
		}
	}
}

func TestInsightsChartsFollowTheTheme(t *testing.T) {
	h := newHarness(t)
	insightsSeed(t, h)
	n := insightsOpen(h)
	chart := n.charts[insight.ChartFunnel].chart
	for _, variant := range []string{"dark", "light"} {
		ApplyTheme(h.ui.env.App, variant)
		trackerAct(h, func() { chart.Refresh() })
		h.ui.Wait()
		img := chart.Image()
		want := theme.Color(theme.ColorNameBackground)
		if img == nil || !insightsSameColour(img.At(img.Bounds().Max.X-2, 2), want) {
			t.Errorf("%s: the chart's corner is not the theme's background %v", variant, want)
		}
	}
}

func insightsSameColour(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	near := func(x, y uint32) bool { return x>>8 <= (y>>8)+2 && y>>8 <= (x>>8)+2 }
	return near(ar, br) && near(ag, bg) && near(ab, bb)
}

// insightsSaveTo makes the save dialog answer with path.
func insightsSaveTo(h *harness, path string) {
	h.ui.chooseSave = func(string) (fyne.URIWriteCloser, error) { return storage.Writer(storage.NewFileURI(path)) }
}

func TestWorkSearchLogFromTheWindow(t *testing.T) {
	h := newHarness(t)
	insightsSeed(t, h)
	n := insightsOpen(h)
	dir := t.TempDir()
	for _, format := range []string{logAsCSV, logAsPDF} {
		path := filepath.Join(dir, "log"+map[string]string{logAsCSV: ".csv", logAsPDF: ".pdf"}[format])
		insightsSaveTo(h, path)
		trackerAct(h, func() { test.Tap(n.logBtn) })
		d := trackerDialog(h)
		text := trackerTexts(d)
		// The last four weeks hold both past interviews and the answers.
		if !strings.Contains(text, "Work-search log") || !strings.Contains(text, "6 contacts with 3 employers in these days.") {
			t.Fatalf("the log dialog reads:\n%s", text)
		}
		radio := trackerAll[*widget.RadioGroup](d)[0]
		trackerAct(h, func() { radio.SetSelected(format) })
		trackerAct(h, func() { test.Tap(trackerButton(t, d, "Save…")) })
		if got := trackerTexts(trackerDialog(h)); !strings.Contains(got, "Work-search log saved") {
			t.Fatalf("after Save: %s", got)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch format {
		case logAsCSV:
			for _, want := range []string{"Date,Time,Employer", "Globex,Engineer,Dana Reyes,,video,Interview for Engineer; offer accepted",
				"Acme,Analyst,,,in person,Interview for Analyst; not selected", "Received an offer"} {
				if !strings.Contains(string(b), want) {
					t.Errorf("CSV lacks %q:\n%s", want, b)
				}
			}
		case logAsPDF:
			if !strings.HasPrefix(string(b), "%PDF-") {
				t.Errorf("not a PDF: %q", b[:min(20, len(b))])
			}
		}
		trackerAct(h, func() { h.ui.dialogs[len(h.ui.dialogs)-1].Hide() })
	}
}

func TestLogDialogRefusesAnEndBeforeTheStart(t *testing.T) {
	h := newHarness(t)
	n := insightsOpen(h)
	trackerAct(h, func() { test.Tap(n.logBtn) })
	d := trackerDialog(h)
	entries := trackerAll[*widget.DateEntry](d)
	late, early := time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local), time.Date(2026, 11, 1, 0, 0, 0, 0, time.Local)
	trackerAct(h, func() { entries[0].SetDate(&late); entries[1].SetDate(&early) })
	if text := trackerTexts(d); !strings.Contains(text, "The last day is before the first.") {
		t.Errorf("dialog reads:\n%s", text)
	}
}

func TestReportFromTheWindow(t *testing.T) {
	h := newHarness(t)
	insightsSeed(t, h)
	n := insightsOpen(h)
	path := filepath.Join(t.TempDir(), "report.pdf")
	insightsSaveTo(h, path)
	trackerAct(h, func() { test.Tap(n.report) })
	if got := trackerTexts(trackerDialog(h)); !strings.Contains(got, "Saved the report of 4 interviews") {
		t.Fatalf("after the report: %s", got)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("report file: %v, %q", err, b[:min(20, len(b))])
	}
}
