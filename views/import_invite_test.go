package views

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// viewsFixture opens a file from data's testdata, written from another
// program's documented format.
func viewsFixture(t *testing.T, kind, name string) io.ReadCloser {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "data", "testdata", kind, name))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// trackerAll lists the widgets of type T inside o, in order.
func trackerAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	trackerWalk(o, func(o fyne.CanvasObject) {
		if w, ok := o.(T); ok {
			out = append(out, w)
		}
	})
	return out
}

// trackerEntries lists the entries inside o, in order.
func trackerEntries(o fyne.CanvasObject) []*widget.Entry { return trackerAll[*widget.Entry](o) }

func TestInviteReviewThenImportThenCancel(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.importInvite(viewsFixture(t, "invites", "outlook.ics"), "outlook.ics") })
	d := trackerDialog(h)
	text := trackerTexts(d)
	for _, want := range []string{"outlook.ics holds 1 event", "Where: Contoso GmbH, Friedrichstraße 68", "Contact: "} {
		if !strings.Contains(text, want) {
			t.Errorf("review lacks %q:\n%s", want, text)
		}
	}
	entries := trackerEntries(d)
	if len(entries) != 2 || entries[0].Text != "Contoso GmbH" || entries[1].Text != "Product Designer" {
		t.Fatalf("entries = %v", entries)
	}
	// The person corrects the role before it is stored.
	trackerAct(h, func() { entries[1].SetText("Senior Product Designer") })
	trackerAct(h, func() { test.Tap(trackerButton(t, d, "Import")) })
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "Imported 1 interview from outlook.ics.") {
		t.Errorf("no confirmation: %v", trackerTexts(d))
	}
	ivs, _ := h.store.Interviews(t.Context())
	if len(ivs) != 1 || ivs[0].Role != "Senior Product Designer" || ivs[0].TimeZone != "Europe/Berlin" || ivs[0].InviteUID == "" {
		t.Fatalf("stored %+v", ivs)
	}

	trackerAct(h, func() { tr.importInvite(viewsFixture(t, "invites", "outlook-cancel.ics"), "outlook-cancel.ics") })
	d = trackerDialog(h)
	if !strings.Contains(trackerTexts(d), "Cancelled: ") {
		t.Errorf("the review does not say the invite is cancelled:\n%s", trackerTexts(d))
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, d, "Import")) })
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "Updated 1 interview.") {
		t.Errorf("no word of the update: %v", trackerTexts(d))
	}
	if iv, _ := h.store.Interview(t.Context(), ivs[0].ID); iv.Status != data.StatusCancelled || iv.Role != "Senior Product Designer" {
		t.Errorf("after the cancellation: %+v", iv)
	}
}

func TestInviteReviewNeedsACompany(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.importInvite(viewsFixture(t, "invites", "two-events.ics"), "two-events.ics") })
	d := trackerDialog(h)
	entries := trackerEntries(d)
	if len(entries) != 4 {
		t.Fatalf("%d entries for two events", len(entries))
	}
	trackerAct(h, func() { entries[2].SetText("  ") })
	trackerAct(h, func() { test.Tap(trackerButton(t, d, "Import")) })
	if !strings.Contains(trackerTexts(d), "Every event needs a company.") || trackerCount(t, h) != 0 {
		t.Errorf("an event without a company was let through:\n%s", trackerTexts(d))
	}
}

func TestNotACalendarIsRefused(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.importInvite(viewsFixture(t, "sheets", "teal.csv"), "teal.csv") })
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "not a calendar file") {
		t.Errorf("no refusal: %v", trackerTexts(d))
	}
}

func TestDroppedFilesAreImported(t *testing.T) {
	h := newHarness(t)
	trackerOpen(h)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "jobs.csv")
	os.WriteFile(csvPath, []byte("Company Name;Job Title\r\nAcme;Dev\r\n"), 0o600)
	pdf := filepath.Join(dir, "cv.pdf")
	os.WriteFile(pdf, []byte("%PDF"), 0o600)
	trackerAct(h, func() {
		h.ui.tracker.uiMu.Unlock() // onDropped takes the lock itself, as the window calls it
		h.ui.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(csvPath), storage.NewFileURI(pdf)})
		h.ui.tracker.uiMu.Lock()
	})
	var texts []string
	for _, o := range h.win.Canvas().Overlays().List() {
		texts = append(texts, trackerTexts(o))
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"cv.pdf: drop calendar invites (.ics) or spreadsheets", "Import jobs.csv", "semicolon-separated", "1 new, 0 already in the tracker"} {
		if !strings.Contains(all, want) {
			t.Errorf("after the drop, the dialogs lack %q:\n%s", want, all)
		}
	}
}

func TestMappingStepAsksTheDateOrderAndTheCompany(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	in := "Firma,Wann\nAcme,04/12/2026 10:00\nGlobex,05/12/2026 11:00\n"
	trackerAct(h, func() { tr.importCSV(io.NopCloser(strings.NewReader(in)), "firmen.csv") })
	m := trackerDialog(h)
	if text := trackerTexts(m); !strings.Contains(text, "Choose which column holds the company") {
		t.Fatalf("mapping step:\n%s", text)
	}
	// One a column; the dates have no column yet, so no order is asked.
	selects := trackerSelects(m)
	if len(selects) != 2 {
		t.Fatalf("%d selects", len(selects))
	}
	trackerAct(h, func() { selects[0].SetSelected(data.FieldLabel(data.FieldCompany)) })
	trackerAct(h, func() { selects[1].SetSelected(data.FieldLabel(data.FieldStartsAt)) })
	// Now the dates' order is asked.
	if n := len(trackerSelects(m)); n != 3 {
		t.Fatalf("%d selects once the dates have a column", n)
	}
	if text := trackerTexts(m); !strings.Contains(text, `Line 2 has "04/12/2026 10:00", which could be either`) ||
		!strings.Contains(text, "Choose how the dates read") || !trackerButton(t, m, "Import").Disabled() {
		t.Fatalf("no question of the date order:\n%s", text)
	}
	trackerAct(h, func() { trackerOrderSelect(t, m).SetSelected(sheetOrderLabels()[0]) })
	if text := trackerTexts(m); !strings.Contains(text, "2 new, 0 already in the tracker, 0 rows with problems.") {
		t.Fatalf("counts after choosing:\n%s", text)
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, m, "Import")) })
	ivs, _ := h.store.Interviews(t.Context())
	if len(ivs) != 2 || ivs[0].Company != "Acme" || ivs[0].Local(nil).Format("2 Jan 15:04") != "4 Dec 10:00" {
		t.Errorf("stored %+v", ivs)
	}
	// The same file again: nothing new, and Import stays off.
	trackerAct(h, func() { tr.importCSV(io.NopCloser(strings.NewReader(in)), "firmen.csv") })
	m = trackerDialog(h)
	selects = trackerSelects(m)
	trackerAct(h, func() { selects[0].SetSelected(data.FieldLabel(data.FieldCompany)) })
	trackerAct(h, func() { selects[1].SetSelected(data.FieldLabel(data.FieldStartsAt)) })
	trackerAct(h, func() { trackerOrderSelect(t, m).SetSelected(sheetOrderLabels()[0]) })
	if text := trackerTexts(m); !strings.Contains(text, "0 new, 2 already in the tracker") || !trackerButton(t, m, "Import").Disabled() {
		t.Errorf("a second import would add:\n%s", text)
	}
}

// trackerOrderSelect is the mapping step's choice of date order.
func trackerOrderSelect(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	for _, s := range trackerSelects(o) {
		if len(s.Options) == len(sheetOrderLabels()) && s.Options[0] == sheetOrderLabels()[0] {
			return s
		}
	}
	t.Fatal("no choice of date order")
	return nil
}

// trackerSelects lists the selects inside o, in order.
func trackerSelects(o fyne.CanvasObject) []*widget.Select { return trackerAll[*widget.Select](o) }

// TestEverySpreadsheetFixtureImportsInTheWindow takes each fixture through
// the mapping step as it comes (choosing the date order where the file
// cannot tell), then again, which adds nothing.
func TestEverySpreadsheetFixtureImportsInTheWindow(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "data", "testdata", "sheets", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []struct {
		File      string            `json:"file"`
		Zone      string            `json:"zone"`
		DateOrder string            `json:"date_order"`
		Rows      []json.RawMessage `json:"rows"`
	}
	if err := json.Unmarshal(raw, &fixtures); err != nil {
		t.Fatal(err)
	}
	for _, fx := range fixtures {
		t.Run(fx.File, func(t *testing.T) {
			h := newHarness(t)
			tr := trackerOpen(h)
			tr.localZone = fx.Zone
			for round := range 2 {
				trackerAct(h, func() { tr.importCSV(viewsFixture(t, "sheets", fx.File), fx.File) })
				m := trackerDialog(h)
				if fx.DateOrder == "ambiguous" {
					trackerAct(h, func() { trackerOrderSelect(t, m).SetSelected(sheetOrderLabels()[0]) })
				}
				text := trackerTexts(m)
				want := fmt.Sprintf("%d new, 0 already in the tracker, 0 rows with problems.", len(fx.Rows))
				if round == 1 {
					want = fmt.Sprintf("0 new, %d already in the tracker, 0 rows with problems.", len(fx.Rows))
				}
				if !strings.Contains(text, want) {
					t.Fatalf("round %d: mapping step lacks %q:\n%s", round+1, want, text)
				}
				if round == 0 {
					trackerAct(h, func() { test.Tap(trackerButton(t, m, "Import")) })
				} else if !trackerButton(t, m, "Import").Disabled() {
					t.Error("Import is on for a file the tracker has already")
				}
			}
			if n := trackerCount(t, h); n != len(fx.Rows) {
				t.Errorf("%d interviews stored, want %d", n, len(fx.Rows))
			}
		})
	}
}
