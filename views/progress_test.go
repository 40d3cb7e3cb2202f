package views

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// gatedReader hands out first, then waits at the gate until the test opens
// it before handing out rest, so a test can look at an import (or cancel
// it) at a known point. It seeks and tells its size, as a file does; once
// open, it reads like any file.
type gatedReader struct {
	r         *strings.Reader
	at        int64 // where the gate is
	size      int64
	reached   chan struct{} // closed when first has been read
	gate      chan struct{}
	reachOnce sync.Once
	openOnce  sync.Once
}

func newGatedReader(t *testing.T, first, rest string) *gatedReader {
	g := &gatedReader{r: strings.NewReader(first + rest), at: int64(len(first)),
		size: int64(len(first) + len(rest)), reached: make(chan struct{}), gate: make(chan struct{})}
	// Runs before the harness waits for background work, which would
	// otherwise wait for ever on a test that failed before opening it.
	t.Cleanup(g.open)
	return g
}

func (g *gatedReader) Read(p []byte) (int, error) {
	pos := g.size - int64(g.r.Len())
	if pos < g.at {
		return g.r.Read(p[:min(int64(len(p)), g.at-pos)])
	}
	g.reachOnce.Do(func() { close(g.reached) })
	<-g.gate
	return g.r.Read(p)
}

func (g *gatedReader) Seek(off int64, whence int) (int64, error) { return g.r.Seek(off, whence) }

func (g *gatedReader) open()        { g.openOnce.Do(func() { close(g.gate) }) }
func (g *gatedReader) Close() error { return nil }
func (g *gatedReader) Size() int64  { return g.size }

// waitReached waits until the import has read everything before the gate.
func (g *gatedReader) waitReached(t *testing.T) {
	t.Helper()
	select {
	case <-g.reached:
	case <-time.After(30 * time.Second):
		t.Fatal("the import never read up to the gate")
	}
}

// progressWaitChecking waits (up to 10 s) until the dialog shows the check
// part way through, and returns what it shows: its text, the count, the
// bar's value and whether the bar is visible.
func progressWaitChecking(h *harness) (text, rows string, value float64, shown bool) {
	tr := h.ui.tracker
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		tr.uiMu.Lock()
		d := trackerDialog(h)
		text = trackerTexts(d)
		var bar *widget.ProgressBar
		trackerWalk(d, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.ProgressBar); ok {
				bar = b
			}
		})
		rows = ""
		if strings.Contains(text, "Checking the file…") {
			rows = "Checking the file…"
		}
		if bar != nil {
			value, shown = bar.Value, bar.Visible()
		}
		tr.uiMu.Unlock()
		if shown && value > 0 && rows != "" {
			break
		}
	}
	return text, rows, value, shown
}

// progressCSV is n rows of a company,role file, without its header.
func progressCSV(from, n int) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, "Company %d,Engineer\n", i)
	}
	return b.String()
}

// progressOf finds the progress dialog's bar and label inside o.
func progressOf(t *testing.T, o fyne.CanvasObject) (*widget.ProgressBar, *widget.Label) {
	t.Helper()
	var bar *widget.ProgressBar
	var label *widget.Label
	trackerWalk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.ProgressBar:
			bar = w
		case *widget.Label:
			if strings.HasSuffix(w.Text, " read") || w.Text == "Cancelling…" || w.Text == "Checking the file…" {
				label = w
			}
		}
	})
	if bar == nil || label == nil {
		t.Fatalf("no progress bar and count in the dialog:\n%s", trackerTexts(o))
	}
	return bar, label
}

func TestTrackerImportShowsProgressThenAddsTheRows(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	// Past the gate are more rows than the reader buffers, so the import
	// has reported progress by the time it waits there.
	r := newGatedReader(t, "company,role\n"+progressCSV(0, 15_000), progressCSV(15_000, 5_000))
	tr.uiMu.Lock()
	tr.startImport(r, "season.csv", data.SheetOptions{}, func() {})
	tr.uiMu.Unlock()
	r.waitReached(t)

	// The file is read through once to check it before anything is
	// stored: the first half of the bar.
	text, rows, value, shown := progressWaitChecking(h)
	if !strings.Contains(text, "Importing season.csv") {
		t.Errorf("dialog title missing:\n%s", text)
	}
	if rows != "Checking the file…" {
		t.Errorf("count = %q, want the check under way", rows)
	}
	if !shown || value <= 0 || value >= 0.5 {
		t.Errorf("bar visible=%v at %v, want part way through the check", shown, value)
	}
	tr.uiMu.Lock()
	if trackerButton(t, trackerDialog(h), "Cancel") == nil {
		t.Error("no Cancel button")
	}
	tr.uiMu.Unlock()

	r.open()
	h.ui.Wait()
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "Imported 20,000 interviews from season.csv.") {
		t.Errorf("no confirmation of the import: %v", d)
	}
	if n := trackerCount(t, h); n != 20_003 || tr.model.Total() != 20_003 {
		t.Errorf("after importing, %d stored and %d shown; want 20003", n, tr.model.Total())
	}
}

func TestTrackerImportCancelAddsNothing(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	r := newGatedReader(t, "company,role\n"+progressCSV(0, 15_000), progressCSV(15_000, 5_000))
	tr.uiMu.Lock()
	tr.startImport(r, "season.csv", data.SheetOptions{}, func() {})
	tr.uiMu.Unlock()
	r.waitReached(t)
	progressWaitChecking(h)

	tr.uiMu.Lock()
	d := trackerDialog(h)
	cancel := trackerButton(t, d, "Cancel")
	test.Tap(cancel)
	_, label := progressOf(t, d)
	if label.Text != "Cancelling…" || !cancel.Disabled() {
		t.Errorf("after Cancel: count %q, button disabled=%v", label.Text, cancel.Disabled())
	}
	tr.uiMu.Unlock()

	// The check is part way through the file; letting the reader go on
	// shows the cancel, not the end of the file, stops it.
	r.open()
	h.ui.Wait()
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "Import cancelled; nothing was added.") {
		t.Errorf("no word of the cancel: %v", d)
	}
	if n := trackerCount(t, h); n != 3 || tr.model.Total() != 3 {
		t.Errorf("after a cancelled import, %d stored and %d shown; want 3", n, tr.model.Total())
	}
}

func TestTrackerImportListsWarnings(t *testing.T) {
	h := newHarness(t)
	trackerOpen(h)
	in := "company,starts_at,timezone\nAcme,2026-10-25 02:30,Europe/Berlin\nGlobex,2026-10-26 09:00,Europe/Berlin\n"
	trackerMapAndImport(t, h, in, "autumn.csv")
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("no confirmation of the import")
	}
	text := trackerTexts(d)
	for _, want := range []string{"Imported 2 interviews from autumn.csv. Check 1 line:",
		"Line 2: starts_at: 02:30 happens twice on Sun 25 Oct 2026 in Europe/Berlin"} {
		if !strings.Contains(text, want) {
			t.Errorf("dialog lacks %q:\n%s", want, text)
		}
	}
	if n := trackerCount(t, h); n != 2 {
		t.Errorf("%d stored, want 2", n)
	}
}

func TestTrackerProblemLinesCountWhatIsNotListed(t *testing.T) {
	ps := make([]data.LineProblem, trackerMaxProblemsShown+1)
	for i := range ps {
		ps[i] = data.LineProblem{Line: i + 2, Field: "company", Msg: "company is required"}
	}
	for _, tc := range []struct {
		ps   []data.LineProblem
		more int
		n    int    // lines
		last string // the last line
	}{
		{ps[:2], 0, 2, "Line 3: company: company is required"},
		{ps[:2], 5, 3, "…and 5 more problems."},
		{ps, 0, trackerMaxProblemsShown + 1, "…and 1 more problem."},
		{ps, 4_000, trackerMaxProblemsShown + 1, "…and 4,001 more problems."},
	} {
		lines := trackerProblemLines(tc.ps, tc.more, "problem", "problems")
		if len(lines) != tc.n || lines[len(lines)-1] != tc.last {
			t.Errorf("%d problems + %d more: %d lines ending %q, want %d ending %q",
				len(tc.ps), tc.more, len(lines), lines[len(lines)-1], tc.n, tc.last)
		}
	}
}

func TestSheetSourceReadsAChosenFileAgain(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte("company\nAcme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Skipf("no file repository in the test app: %v", err)
	}
	src, drop, err := sheetSource(rc)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := src.(*os.File); !ok || f.Name() != path {
		t.Errorf("a chosen file was not opened again by its path: %T", src)
	}
	drop()
	// Anything else is copied to a temporary file, which drop removes.
	src, drop, err = sheetSource(io.NopCloser(strings.NewReader("company\nAcme\n")))
	if err != nil {
		t.Fatal(err)
	}
	tmp := src.(*os.File).Name()
	drop()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the copy %s is still there: %v", tmp, err)
	}
}
