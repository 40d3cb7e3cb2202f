package views

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// trackerSeed stores interviews for a test and returns them with IDs.
func trackerSeed(t *testing.T, h *harness, ivs ...data.Interview) []data.Interview {
	t.Helper()
	ptrs := make([]*data.Interview, len(ivs))
	for i := range ivs {
		ptrs[i] = &ivs[i]
	}
	if err := h.store.CreateInterviews(context.Background(), ptrs); err != nil {
		t.Fatal(err)
	}
	return ivs
}

// trackerOpen shows the Tracker tab and waits for it to load.
func trackerOpen(h *harness) *trackerTab {
	trackerAct(h, func() { h.ui.SelectTab(TabTracker) })
	return h.ui.tracker
}

// trackerAct does what a user would, holding the tab's lock as the real
// driver's single UI goroutine would (see tracker.bg), then waits for the
// background work it started.
func trackerAct(h *harness, do func()) {
	tr := h.ui.tracker
	tr.uiMu.Lock()
	do()
	tr.uiMu.Unlock()
	h.ui.Wait()
}

// trackerCellText reads a cell the way the table draws it: a fresh cell
// template filled by the table's own UpdateCell.
func trackerCellText(tr *trackerTab, row int, col data.Column) string {
	c := tr.table.CreateCell()
	tr.table.UpdateCell(widget.TableCellID{Row: row, Col: int(col)}, c)
	return c.(*widgets.Cell).String()
}

// trackerColumn is one column of the rows the table shows, top to bottom.
func trackerColumn(tr *trackerTab, col data.Column) []string {
	rows, _ := tr.table.Length()
	out := make([]string, rows)
	for i := range out {
		out[i] = trackerCellText(tr, i, col)
	}
	return out
}

// trackerHeader builds and fills a header cell, as the table does.
func trackerHeader(tr *trackerTab, col data.Column) *widget.Button {
	b := tr.table.CreateHeader().(*widget.Button)
	tr.table.UpdateHeader(widget.TableCellID{Row: -1, Col: int(col)}, b)
	return b
}

// trackerWalk visits o and everything drawn inside it that is visible.
func trackerWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			trackerWalk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			trackerWalk(c, visit)
		}
	}
}

// trackerTexts is every label, button and text inside o.
func trackerTexts(o fyne.CanvasObject) string {
	var out []string
	trackerWalk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *canvas.Text:
			out = append(out, w.Text)
		}
	})
	return strings.Join(out, "\n")
}

// trackerButton finds a visible button by its text inside o.
func trackerButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	trackerWalk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button in %s", text, trackerTexts(o))
	}
	return found
}

// trackerMapAndImport imports a CSV file as a person does: the file, the
// mapping step as it comes, Import.
func trackerMapAndImport(t *testing.T, h *harness, in, name string) {
	t.Helper()
	tr := h.ui.tracker
	trackerAct(h, func() { tr.importCSV(io.NopCloser(strings.NewReader(in)), name) })
	m := trackerDialog(h)
	if m == nil || !strings.Contains(trackerTexts(m), "Import "+name) {
		t.Fatalf("no mapping step for %s: %v", name, m)
	}
	imp := trackerButton(t, m, "Import")
	if imp.Disabled() {
		t.Fatalf("Import is off:\n%s", trackerTexts(m))
	}
	trackerAct(h, func() { test.Tap(imp) })
}

// trackerDialog is the topmost dialog, or nil.
func trackerDialog(h *harness) fyne.CanvasObject {
	return h.win.Canvas().Overlays().Top()
}

func trackerCount(t *testing.T, h *harness) int {
	t.Helper()
	n, err := h.store.CountInterviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// trackerThree is a small season: a past attended interview, one in two
// days and a cancelled one in five.
func trackerThree(now time.Time) []data.Interview {
	day := 24 * time.Hour
	return []data.Interview{
		{Company: "Globex", Role: "Platform engineer", ContactName: "Sam Okafor", StartsAt: now.Add(2*day + time.Hour), TimeZone: "America/New_York", Status: data.StatusScheduled},
		{Company: "acme", Role: "Backend engineer", ContactEmail: "hr@acme.example", StartsAt: now.Add(-4 * day), TimeZone: "Europe/Berlin", Status: data.StatusAttended, Notes: "Asked about the on-call rota"},
		{Company: "Initech", Role: "Staff engineer", ContactName: "Bill L.", StartsAt: now.Add(5*day + time.Hour), TimeZone: "Europe/London", Status: data.StatusCancelled},
	}
}

func TestTrackerListsSeededRows(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)

	// Soonest first: the past interview, then the two ahead.
	if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != "acme,Globex,Initech" {
		t.Errorf("companies = %s", got)
	}
	if got := trackerCellText(tr, 1, data.ColContact); got != "Sam Okafor" {
		t.Errorf("contact = %q", got)
	}
	if got := trackerCellText(tr, 0, data.ColContact); got != "hr@acme.example" {
		t.Errorf("contact without a name = %q, want the email", got)
	}
	if got := trackerCellText(tr, 1, data.ColStatus); got != "Scheduled" {
		t.Errorf("status = %q", got)
	}
	when := trackerCellText(tr, 1, data.ColWhen)
	mine := tr.userTime(tr.model.Row(1)).Format("Mon 2 Jan 15:04")
	if !strings.HasPrefix(when, mine) || !strings.HasSuffix(when, "in 2 days") {
		t.Errorf("when = %q, want the user's time %q and \"in 2 days\"", when, mine)
	}
	if got := tr.count.String(); got != "3 interviews" {
		t.Errorf("count = %q", got)
	}
	if tr.noneYet.Visible() || tr.noMatch.Visible() || !tr.split.Visible() {
		t.Error("the table should show, not an empty-state message")
	}
}

func TestTrackerWhenText(t *testing.T) {
	h := newHarness(t)
	tr := h.ui.tracker
	// The user is in Tokyo: every row reads in Tokyo time, whatever zone
	// the interview is in, so the column reads in order.
	tr.localZone = "Asia/Tokyo"
	tr.ui.zones.warm([]data.Interview{{TimeZone: "Asia/Tokyo"}})
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		iv      data.Interview
		at, rel string
	}{
		{"Berlin interview", data.Interview{StartsAt: time.Date(2025, 12, 3, 13, 30, 0, 0, time.UTC), TimeZone: "Europe/Berlin"}, "Wed 3 Dec 22:30", "in 2 days"},
		{"Tokyo interview", data.Interview{StartsAt: time.Date(2025, 12, 3, 14, 0, 0, 0, time.UTC), TimeZone: "Asia/Tokyo"}, "Wed 3 Dec 23:00", "in 2 days"},
		{"next year", data.Interview{StartsAt: time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC), TimeZone: "UTC"}, "Tue 6 Jan 2026 00:00", "in 5 weeks"},
		{"no date", data.Interview{}, "", "No date yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr.ui.zones.warm([]data.Interview{tc.iv})
			at, rel := tr.whenText(briefOf(&tc.iv), now)
			if at != tc.at || rel != tc.rel {
				t.Errorf("whenText = %q, %q; want %q, %q", at, rel, tc.at, tc.rel)
			}
		})
	}
}

func TestTrackerHeaderSortsAndReverses(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)

	company := trackerHeader(tr, data.ColCompany)
	test.Tap(company)
	if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != "acme,Globex,Initech" {
		t.Errorf("by company = %s", got)
	}
	test.Tap(company)
	if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != "Initech,Globex,acme" {
		t.Errorf("by company, reversed = %s", got)
	}
	// The arrow moves to the sorted column and points the way it sorts.
	if trackerHeader(tr, data.ColCompany).Icon != theme.MenuDropDownIcon() {
		t.Error("company header should show the descending arrow")
	}
	if trackerHeader(tr, data.ColWhen).Icon != nil {
		t.Error("when header still shows an arrow")
	}
	test.Tap(trackerHeader(tr, data.ColStatus))
	if got := strings.Join(trackerColumn(tr, data.ColStatus), ","); got != "Scheduled,Cancelled,Attended" {
		t.Errorf("by status = %s", got)
	}
	if trackerHeader(tr, data.ColStatus).Icon != theme.MenuDropUpIcon() {
		t.Error("status header should show the ascending arrow")
	}
}

func TestTrackerSearchFilters(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)

	for _, tc := range []struct {
		typed string
		want  string
	}{
		{"glob", "Globex"},
		{"ON-CALL", "acme"}, // notes, ignoring case
		{"engineer", "acme,Globex,Initech"},
		{"bill staff", "Initech"}, // every word, across fields
		{"acme.example", "acme"},  // contact email
	} {
		tr.search.SetText("")
		test.Type(tr.search, tc.typed)
		if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != tc.want {
			t.Errorf("search %q shows %s, want %s", tc.typed, got, tc.want)
		}
	}
	tr.search.SetText("")
	test.Type(tr.search, "glob")
	if got := tr.count.String(); got != "1 of 3 interviews" {
		t.Errorf("count = %q", got)
	}
}

func TestTrackerStatusFilterAndUpcoming(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	ivs := append(trackerThree(now),
		data.Interview{Company: "Hooli", StartsAt: now.Add(10 * 24 * time.Hour), TimeZone: "UTC", Status: data.StatusScheduled})
	trackerSeed(t, h, ivs...)
	tr := trackerOpen(h)

	tr.status.SetSelected("Cancelled")
	if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != "Initech" {
		t.Errorf("cancelled = %s", got)
	}
	tr.status.SetSelected(trackerAllStatuses)
	test.Tap(tr.upcomingCheck)
	// Only what is still on in the next week: not the past one, not the
	// cancelled one, not the one in ten days.
	if got := strings.Join(trackerColumn(tr, data.ColCompany), ","); got != "Globex" {
		t.Errorf("upcoming = %s", got)
	}
	test.Tap(tr.upcomingCheck)
	if rows, _ := tr.table.Length(); rows != 4 {
		t.Errorf("after unticking, %d rows, want 4", rows)
	}
}

func TestTrackerEmptyStates(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	if !tr.noneYet.Visible() || tr.split.Visible() {
		t.Fatal("an empty tracker should say so instead of showing an empty table")
	}
	text := trackerTexts(tr.noneYet)
	for _, want := range []string{"No interviews yet — add one or import a CSV", "Add interview", "Import CSV…"} {
		if !strings.Contains(text, want) {
			t.Errorf("empty state lacks %q:\n%s", want, text)
		}
	}

	trackerSeed(t, h, trackerThree(time.Now())...)
	trackerAct(h, func() { tr.reload() })
	test.Type(tr.search, "no such thing")
	if !tr.noMatch.Visible() || tr.noneYet.Visible() {
		t.Fatal("a search matching nothing should say so")
	}
	if !strings.Contains(trackerTexts(tr.noMatch), "No interviews match your search") {
		t.Errorf("no-match text = %s", trackerTexts(tr.noMatch))
	}
	tr.status.SetSelected("Offer")
	test.Tap(trackerButton(t, tr.noMatch, "Clear filters"))
	if rows, _ := tr.table.Length(); rows != 3 || tr.search.Text != "" || tr.status.Selected != trackerAllStatuses {
		t.Errorf("after Clear filters: %d rows, search %q, status %q", rows, tr.search.Text, tr.status.Selected)
	}
}

func TestTrackerAddValidatesBesideFields(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	h.shortcut(fyne.KeyN)
	f := tr.editor
	if f == nil {
		t.Fatal("Ctrl+N did not open the form")
	}

	trackerAct(h, func() { test.Tap(f.save) })
	if f.errorText(ivFieldCompany) == "" {
		t.Error("an empty company gave no message")
	}
	if trackerCount(t, h) != 0 || tr.editor != f {
		t.Fatal("an invalid form was saved or closed")
	}

	for _, tc := range []struct {
		name  string
		set   func()
		field string
	}{
		{"bad email", func() { f.contactEmail.SetText("dana@") }, ivFieldEmail},
		{"bad time", func() { f.clock.SetText("25:99") }, ivFieldTime},
		{"time without a day", func() { f.clock.SetText("14:30") }, ivFieldDate},
	} {
		test.Type(f.company, "x")
		f.company.SetText("Acme")
		tc.set()
		trackerAct(h, func() { test.Tap(f.save) })
		if f.errorText(tc.field) == "" {
			t.Errorf("%s: no message under %s", tc.name, tc.field)
		}
		if f.errorText(ivFieldCompany) != "" {
			t.Errorf("%s: the company message stayed after it was fixed", tc.name)
		}
		if trackerCount(t, h) != 0 {
			t.Fatalf("%s: saved anyway", tc.name)
		}
	}

	// An unknown zone is caught when saving, beside the zone field.
	f.contactEmail.SetText("dana@acme.example")
	day := time.Date(2030, 3, 14, 0, 0, 0, 0, time.UTC)
	f.date.SetDate(&day)
	f.clock.SetText("2:30 pm")
	f.zone.SetText("Mars/Olympus_Mons")
	trackerAct(h, func() { test.Tap(f.save) })
	if f.errorText(ivFieldZone) == "" || trackerCount(t, h) != 0 {
		t.Fatalf("unknown zone: message %q, %d saved", f.errorText(ivFieldZone), trackerCount(t, h))
	}

	f.zone.SetText("Europe/Berlin")
	f.role.SetText("Backend engineer")
	trackerAct(h, func() { test.Tap(f.save) })
	if tr.editor != nil {
		t.Fatalf("the form stayed open; messages: %v", f.errs)
	}
	all, err := h.store.Interviews(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("stored %d interviews (%v)", len(all), err)
	}
	want := time.Date(2030, 3, 14, 14, 30, 0, 0, mustZone(t, "Europe/Berlin"))
	if !all[0].StartsAt.Equal(want) || all[0].TimeZone != "Europe/Berlin" || all[0].ContactEmail != "dana@acme.example" {
		t.Errorf("stored %+v, want 14:30 Berlin on 14 March 2030", all[0])
	}
	if got := trackerCellText(tr, 0, data.ColCompany); got != "Acme" {
		t.Errorf("table shows %q", got)
	}
	if tr.selectedID != all[0].ID || tr.detail.title.Text != "Acme" {
		t.Error("the new interview should be selected and shown")
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestTrackerSaveFailureKeepsWhatWasTyped(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	tr.onAdd()
	f := tr.editor
	f.company.SetText("Acme")
	f.notes.SetText("Three rounds; bring the portfolio.")
	h.store.Close() // as good as a disk that refuses writes
	trackerAct(h, func() { test.Tap(f.save) })
	if tr.editor != f || !f.problem.Visible() {
		t.Fatal("a failed save closed the form or said nothing")
	}
	if !strings.Contains(f.problemText.Text, "not saved") || !strings.Contains(f.problemText.Text, "still here") {
		t.Errorf("problem = %q", f.problemText.Text)
	}
	if f.company.Text != "Acme" || f.notes.Text != "Three rounds; bring the portfolio." || f.save.Disabled() {
		t.Error("the form lost what was typed, or cannot be saved again")
	}
}

func TestTrackerSaveProblemWords(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		// The data layer classifies SQLite's result codes (see
		// data/errors_test.go); the words follow the kind, not the text.
		{fmt.Errorf("save interview: %w", data.ErrDiskFull), "The disk is full, so the interview was not saved"},
		{fmt.Errorf("save interview: %w", data.ErrReadOnly), "cannot be written to (it is read-only)"},
		{fmt.Errorf("save interview: %w", data.ErrBusy), "Press Save again in a moment"},
		{fmt.Errorf("update interview: %w", data.ErrNotFound), "deleted in the meantime"},
		{fmt.Errorf("something odd"), "something odd"},
	} {
		got := trackerSaveProblem(tc.err)
		if !strings.Contains(got, tc.want) || !strings.Contains(got, "Everything you typed is still here") {
			t.Errorf("trackerSaveProblem(%v) = %q", tc.err, got)
		}
	}
}

func TestTrackerEditChangesRowAndRecordsStatus(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)

	// Enter on the focused row (the first) edits it.
	trackerAct(h, func() { tr.table.Select(widget.TableCellID{Row: 0, Col: 1}) })
	tr.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f := tr.editor
	if f == nil || f.company.Text != "acme" {
		t.Fatalf("Enter did not edit the first row (form %v)", f)
	}
	if got := f.zone.Text; got != "Europe/Berlin" {
		t.Errorf("zone in form = %q", got)
	}
	f.company.SetText("Acme Robotics")
	f.status.SetSelected("Offer")
	trackerAct(h, func() { test.Tap(f.save) })
	if tr.editor != nil {
		t.Fatal("the form stayed open")
	}
	if got := trackerCellText(tr, 0, data.ColCompany); got != "Acme Robotics" {
		t.Errorf("row shows %q", got)
	}
	if got := trackerCellText(tr, 0, data.ColStatus); got != "Offer" {
		t.Errorf("status shows %q", got)
	}
	stored, err := h.store.Interview(context.Background(), ivs[1].ID)
	if err != nil || !stored.StartsAt.Equal(ivs[1].StartsAt.Truncate(time.Minute)) {
		t.Errorf("stored start %v, want %v unchanged (%v)", stored.StartsAt, ivs[1].StartsAt.Truncate(time.Minute), err)
	}
	events, err := h.store.Events(context.Background(), ivs[1].ID)
	if err != nil || len(events) == 0 || events[0].Kind != data.EventStatus ||
		events[0].FromStatus != data.StatusAttended || events[0].ToStatus != data.StatusOffer {
		t.Fatalf("newest event = %+v (%v), want attended → offer", events, err)
	}
	if got := trackerTexts(tr.detail.timeline); !strings.HasPrefix(got, "Attended → Offer") {
		t.Errorf("timeline starts %q", got)
	}
}

func TestTrackerDoubleClickEdits(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.table.Select(widget.TableCellID{Row: 1, Col: 0}) })
	if iv, _ := tr.selected(); iv.Company != "Globex" {
		t.Fatalf("selecting the second row chose %q", iv.Company)
	}
	tr.table.Resize(fyne.NewSize(700, 400))
	row := widgets.NewCell().MinSize().Height + theme.Padding()
	second := &fyne.PointEvent{Position: fyne.NewPos(20, trackerHeader(tr, 0).MinSize().Height+row*1.5)}
	tr.table.Tapped(second)
	if tr.editor != nil {
		t.Fatal("one click opened the editor")
	}
	tr.table.Tapped(second)
	if tr.editor == nil || tr.editor.company.Text != "Globex" {
		t.Fatal("a double-click did not edit the row")
	}
}

func TestTrackerDeleteAndUndo(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	h.store.AddEvent(context.Background(), &data.Event{InterviewID: ivs[0].ID, Kind: data.EventNote, Body: "Recruiter was lovely"})
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.selectRow(ivs[0].ID, false) })

	test.Tap(tr.detail.delete)
	confirm := trackerDialog(h)
	if confirm == nil || !strings.Contains(trackerTexts(confirm), "Globex") {
		t.Fatal("delete did not ask first, naming the company")
	}
	if trackerCount(t, h) != 3 {
		t.Fatal("deleted before the user confirmed")
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, confirm, "Delete")) })
	if trackerCount(t, h) != 2 || tr.model.Index(ivs[0].ID) >= 0 {
		t.Fatal("the interview is still there")
	}
	if !tr.undo.Visible() || tr.undoText.Text != "Deleted Globex" {
		t.Errorf("undo banner visible=%v text=%q", tr.undo.Visible(), tr.undoText.Text)
	}
	trackerAct(h, func() { test.Tap(tr.undoButton) })
	if trackerCount(t, h) != 3 || tr.model.Index(ivs[0].ID) < 0 || tr.undo.Visible() {
		t.Fatal("Undo did not bring the row back")
	}
	events, _ := h.store.Events(context.Background(), ivs[0].ID)
	if len(events) != 2 {
		t.Errorf("timeline after undo has %d events, want 2", len(events))
	}
	if tr.selectedID != ivs[0].ID {
		t.Error("the restored row should be selected")
	}
}

func TestTrackerTimelineNewestFirst(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	id := ivs[0].ID
	ctx := context.Background()
	for _, e := range []*data.Event{
		{Kind: data.EventNote, Body: "Phone screen went well"},
		{Kind: data.EventStatus, ToStatus: data.StatusRescheduled},
		{Kind: data.EventDraft, Scenario: "reschedule", Subject: "Could we move Thursday?", Body: "Dear Sam,\n\nCould we find another time?"},
	} {
		e.InterviewID = id
		if err := h.store.AddEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.selectRow(id, false) })

	var lines []string
	for _, row := range tr.detail.timeline.Objects {
		lines = append(lines, strings.SplitN(trackerTexts(row), "\n", 2)[0])
	}
	want := []string{"Email drafted: Could we move Thursday?", "Scheduled → Rescheduled", "Phone screen went well", "Added to the tracker as Scheduled"}
	if !slices.Equal(lines, want) {
		t.Errorf("timeline = %q\nwant %q", lines, want)
	}

	test.Tap(trackerButton(t, tr.detail.timeline, "View draft"))
	d := trackerDialog(h)
	if d == nil || !strings.Contains(trackerTexts(d), "Could we find another time?") {
		t.Fatal("View draft did not show the draft")
	}
	test.Tap(trackerButton(t, d, "Copy email"))
	if h.clip.text != "Dear Sam,\n\nCould we find another time?" {
		t.Errorf("copied %q", h.clip.text)
	}

	tr.detail.note.SetText("Sent the portfolio")
	trackerAct(h, func() { test.Tap(tr.detail.addNote) })
	if got := trackerTexts(tr.detail.timeline.Objects[0]); !strings.HasPrefix(got, "Sent the portfolio") {
		t.Errorf("after adding a note the timeline starts %q", got)
	}
	if tr.detail.note.Text != "" {
		t.Error("the note entry was not cleared")
	}

	trackerAct(h, func() { tr.detail.status.SetSelected("Withdrawn") })
	if got, _ := h.store.Interview(ctx, id); got.Status != data.StatusWithdrawn {
		t.Errorf("status after changing it in the panel = %s", got.Status)
	}
	if got := trackerCellText(tr, tr.model.Index(id), data.ColStatus); got != "Withdrawn" {
		t.Errorf("table status = %q", got)
	}
}

func TestTrackerShowsDraftsFiledElsewhere(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.selectRow(ivs[0].ID, false) })
	// The composer files a draft and tells the tracker.
	if err := h.store.AddEvent(context.Background(), &data.Event{InterviewID: ivs[0].ID, Kind: data.EventDraft,
		Scenario: "cancel", Subject: "Cancelling Thursday", Body: "Dear Sam, …"}); err != nil {
		t.Fatal(err)
	}
	trackerAct(h, func() { h.ui.interviewsChanged() })
	if got := trackerTexts(tr.detail.timeline); !strings.HasPrefix(got, "Email drafted: Cancelling Thursday") {
		t.Errorf("timeline starts %q", got)
	}
	if tr.selectedID != ivs[0].ID {
		t.Error("the reload lost the selection")
	}
}

func TestTrackerSuggestsGhostedButNeverSetsIt(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.selectRow(ivs[1].ID, false) }) // attended
	if tr.detail.ghost.Visible() {
		t.Fatal("suggested ghosted for an interview with recent news")
	}
	// Three weeks on, with nothing new on the timeline.
	tr.detail.renderEvents(time.Now().Add(21 * 24 * time.Hour))
	if !tr.detail.ghost.Visible() || !strings.Contains(tr.detail.ghostText.Text, "No word for 21 days — mark as ghosted?") {
		t.Fatalf("ghost suggestion visible=%v %q", tr.detail.ghost.Visible(), tr.detail.ghostText.Text)
	}
	if got, _ := h.store.Interview(context.Background(), ivs[1].ID); got.Status != data.StatusAttended {
		t.Fatal("the status changed without the user asking")
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, tr.detail.ghost, "Mark as ghosted")) })
	if got, _ := h.store.Interview(context.Background(), ivs[1].ID); got.Status != data.StatusGhosted {
		t.Errorf("status = %s, want ghosted", got.Status)
	}
}

func TestTrackerComposeAboutSwitchesTab(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.selectRow(ivs[0].ID, false) })
	test.Tap(tr.detail.compose)
	if h.ui.Selected() != TabCompose {
		t.Errorf("tab = %d, want Compose", h.ui.Selected())
	}
}

func TestTrackerSearchShortcut(t *testing.T) {
	h := newHarness(t)
	trackerAct(h, func() { h.shortcut(fyne.KeyF) })
	if h.ui.Selected() != TabTracker || h.win.Canvas().Focused() != h.ui.tracker.search {
		t.Error("Ctrl+F should show the tracker with the search box focused")
	}
}

func TestTrackerRemindsOnceForInterviewsWithinADay(t *testing.T) {
	h := newHarness(t)
	now := time.Now().Truncate(time.Minute)
	soon := now.Add(3*time.Hour + 30*time.Minute)
	later := now.Add(3*24*time.Hour + 30*time.Minute)
	ivs := trackerSeed(t, h,
		data.Interview{Company: "Acme", Role: "Engineer", StartsAt: soon, TimeZone: "Europe/Berlin", Status: data.StatusScheduled},
		data.Interview{Company: "Globex", StartsAt: later, TimeZone: "UTC", Status: data.StatusScheduled},
	)
	tr := trackerOpen(h)
	tr.notified = map[int64]bool{} // the load reminded at its own now
	mine := soon.In(h.ui.zones.get(tr.localZone))
	berlin := soon.In(mustZone(t, "Europe/Berlin"))
	content := "Engineer at Acme — " + mine.Format("Mon 2 Jan, 15:04 MST")
	if mine.Format("15:04 MST") != berlin.Format("15:04 MST") {
		content += " (" + berlin.Format("15:04 MST") + " there)"
	}
	test.AssertNotificationSent(t, &fyne.Notification{Title: "Interview in 3 h 30 min: Acme", Content: content},
		func() { tr.checkReminders(now) })
	if !tr.notified[ivs[0].ID] || tr.notified[ivs[1].ID] {
		t.Errorf("notified = %v, want only Acme", tr.notified)
	}
	if banner := h.ui.reminderText(); banner != "Next: Acme in 3 h 30 min ("+mine.Format("Mon 15:04")+")" {
		t.Errorf("banner = %q", banner)
	}
	// Every tab shows it, whichever is open.
	for i, b := range h.ui.reminderBanners {
		if !b.box.Visible() || b.text.Text != h.ui.reminderText() || b.why.Visible() {
			t.Errorf("tab %d banner visible=%v text=%q why shown=%v", i, b.box.Visible(), b.text.Text, b.why.Visible())
		}
	}
	if len(h.ui.reminderBanners) != len(h.ui.tabs.Items) {
		t.Errorf("%d reminder banners for %d tabs", len(h.ui.reminderBanners), len(h.ui.tabs.Items))
	}
	// Eighteen minutes later: nothing new to say, and the banner counts down.
	test.AssertNotificationSent(t, nil, func() { tr.checkReminders(now.Add(18 * time.Minute)) })
	if banner := h.ui.reminderText(); !strings.HasPrefix(banner, "Next: Acme in 3 h 12 min") {
		t.Errorf("banner after 18 min = %q", banner)
	}
	// Once Globex is within a day, it gets its one reminder too.
	test.AssertNotificationSent(t, &fyne.Notification{
		Title:   "Interview in 20 h 10 min: Globex",
		Content: "Globex — " + later.In(h.ui.zones.get(tr.localZone)).Format("Mon 2 Jan, 15:04 MST"),
	}, func() { tr.checkReminders(later.Add(-20*time.Hour - 10*time.Minute)) })
	// Once both are over, the banners go.
	tr.checkReminders(later.Add(time.Minute))
	for i, b := range h.ui.reminderBanners {
		if b.box.Visible() {
			t.Errorf("tab %d still shows %q", i, b.text.Text)
		}
	}
}

// Without a notification service the reminder still reaches the user: the
// window says so rather than failing silently.
func TestRemindersSayWhenNotificationsAreUnavailable(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := data.Open(t.TempDir() + "/bk.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h := &harness{store: store, clip: &fakeClipboard{}, opener: &fakeOpener{}, win: test.NewTempWindow(t, nil)}
	h.ui = New(Env{App: a, Window: h.win, Store: store, Clipboard: h.clip, Opener: h.opener,
		NoNotifications: "no notification service is running"})
	h.ui.runResultsInWait()
	h.ui.Install()
	t.Cleanup(func() { h.ui.Close(time.Second) })
	t.Cleanup(h.ui.Wait)
	trackerSeed(t, h, data.Interview{Company: "Acme", StartsAt: time.Now().Add(2 * time.Hour), TimeZone: "UTC", Status: data.StatusScheduled})
	test.AssertNotificationSent(t, nil, func() { trackerOpen(h) })
	for i, b := range h.ui.reminderBanners {
		if !b.box.Visible() || !b.why.Visible() || !strings.Contains(b.why.Text, "no notification service is running") {
			t.Errorf("tab %d: banner visible=%v, why visible=%v %q", i, b.box.Visible(), b.why.Visible(), b.why.Text)
		}
	}
}

func TestExactIn(t *testing.T) {
	now := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, "now"},
		{20 * time.Second, "in under a minute"},
		{time.Minute + 59*time.Second, "in 1 min"},
		{42 * time.Minute, "in 42 min"},
		{time.Hour, "in 1 h"},
		{time.Hour + 42*time.Minute, "in 1 h 42 min"},
		{23*time.Hour + 59*time.Minute, "in 23 h 59 min"},
		{24 * time.Hour, "in 1 day"},
		{51 * time.Hour, "in 2 days 3 h"},
	} {
		if got := ExactIn(now.Add(c.d), now); got != c.want {
			t.Errorf("ExactIn(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestTrackerImportBadCSVChangesNothing(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	bad := "company,contact_email,starts_at,timezone\n" +
		"Acme,ana@acme.example,2030-03-04 14:00,Europe/Berlin\n" +
		"Globex,not-an-address,2030-03-05 10:00,Europe/Berlin\n" +
		",x@y.example,,\n"
	trackerAct(h, func() { tr.importCSV(io.NopCloser(strings.NewReader(bad)), "season.csv") })
	// The mapping step counts the rows with problems, and lists them on
	// request; Import stays off.
	m := trackerDialog(h)
	if text := trackerTexts(m); !strings.Contains(text, "2 rows with problems") {
		t.Errorf("mapping step:\n%s", text)
	}
	if !trackerButton(t, m, "Import").Disabled() {
		t.Error("Import is on for a file with problems")
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, m, "Show problems")) })
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("no report of the problems")
	}
	text := trackerTexts(d)
	for _, want := range []string{"Line 3: contact_email:", "Line 4: company:", "no interviews were added"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	if trackerCount(t, h) != 3 || tr.model.Total() != 3 {
		t.Error("a file with problems changed the tracker")
	}

	good := "company,role,starts_at,timezone\nHooli,SRE,2030-03-04 14:00,Europe/Berlin\nPied Piper,CTO,,\n"
	trackerMapAndImport(t, h, good, "season.csv")
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "Imported 2 interviews") {
		t.Error("no confirmation of the import")
	}
	if trackerCount(t, h) != 5 || tr.model.Total() != 5 {
		t.Errorf("after importing, %d stored and %d shown", trackerCount(t, h), tr.model.Total())
	}
}

// trackerBuffer is a file the export writes to, remembering whether it
// was closed.
type trackerBuffer struct {
	bytes.Buffer
	closed bool
}

func (b *trackerBuffer) Close() error { b.closed = true; return nil }

func TestTrackerExports(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)

	var csvOut trackerBuffer
	trackerAct(h, func() { tr.exportCSV(&csvOut, "/tmp/interviews.csv") })
	back, err := data.ReadCSV(bytes.NewReader(csvOut.Bytes()))
	if err != nil || len(back) != 3 || !csvOut.closed {
		t.Errorf("exported CSV reads back as %d interviews (%v), closed=%v", len(back), err, csvOut.closed)
	}

	var icsOut trackerBuffer
	trackerAct(h, func() { tr.exportICS(&icsOut, "/tmp/x.ics", []data.Interview{ivs[0]}) })
	if !strings.Contains(icsOut.String(), "BEGIN:VEVENT") || !strings.Contains(icsOut.String(), "Globex") {
		t.Errorf("calendar = %q", icsOut.String())
	}
	if !strings.Contains(trackerTexts(trackerDialog(h)), "Saved 1 interview to") {
		t.Error("the export did not say where it saved")
	}
}

func TestTrackerCalendarExportWithNothingAhead(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, data.Interview{Company: "Old", StartsAt: time.Now().Add(-48 * time.Hour), TimeZone: "UTC"})
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.onExportCalendar() })
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "no scheduled interviews ahead") {
		t.Error("exporting an empty calendar should say there is nothing to export")
	}
}

func TestTrackerLargeSeasonLoadsPageThenAll(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 100,000 interviews")
	}
	h := newHarness(t)
	const n = 100_000
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	ivs := make([]*data.Interview, n)
	for i := range ivs {
		ivs[i] = &data.Interview{
			Company:  fmt.Sprintf("Company %06d", i),
			Role:     []string{"Engineer", "Designer", "Analyst"}[i%3],
			StartsAt: start.Add(time.Duration(i) * time.Hour),
			TimeZone: "UTC",
			Status:   data.Statuses()[i%len(data.Statuses())],
		}
	}
	if err := h.store.CreateInterviews(context.Background(), ivs); err != nil {
		t.Fatal(err)
	}
	tr := h.ui.tracker
	type step struct {
		full       bool
		rows       int
		first, cnt string
	}
	var steps []step
	tr.onModel = func(full bool, rows int) {
		steps = append(steps, step{full, rows, trackerCellText(tr, 0, data.ColCompany), tr.count.String()})
	}
	trackerOpen(h)
	want := []step{
		{false, trackerFirstPage, "Company 000000", "Loading all 100,000 interviews…"},
		{true, n, "Company 000000", "100,000 interviews"},
	}
	if !slices.Equal(steps, want) {
		t.Fatalf("loading steps = %+v\nwant %+v", steps, want)
	}
	trackerAct(h, func() { tr.search.SetText("company 042424") })
	if got := trackerColumn(tr, data.ColCompany); !slices.Equal(got, []string{"Company 042424"}) {
		t.Errorf("search found %v", got)
	}
	tr.search.SetText("")
	trackerAct(h, func() { tr.status.SetSelected("Ghosted") })
	if rows, _ := tr.table.Length(); rows != n/len(data.Statuses()) || tr.count.String() != "10,000 of 100,000 interviews" {
		t.Errorf("ghosted filter shows %d rows, count %q", rows, tr.count.String())
	}
}

func TestTrackerParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		h, m int
		bad  bool
	}{
		{in: "14:30", h: 14, m: 30},
		{in: "9:05", h: 9, m: 5},
		{in: "14.30", h: 14, m: 30},
		{in: "1430", h: 14, m: 30},
		{in: "930", h: 9, m: 30},
		{in: "9", h: 9},
		{in: "2:30 pm", h: 14, m: 30},
		{in: "2pm", h: 14},
		{in: "12 am", h: 0},
		{in: "12:15 PM", h: 12, m: 15},
		{in: "14h30", h: 14, m: 30},
		{in: "25:00", bad: true},
		{in: "13 pm", bad: true},
		{in: "14:3", bad: true},
		{in: "noon", bad: true},
		{in: "", bad: true},
	} {
		h, m, err := trackerParseClock(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: accepted as %02d:%02d", tc.in, h, m)
			}
			continue
		}
		if err != nil || h != tc.h || m != tc.m {
			t.Errorf("%q = %02d:%02d (%v), want %02d:%02d", tc.in, h, m, err, tc.h, tc.m)
		}
	}
}

func TestTrackerFormattingHelpers(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
	if got := zoneChoices("Europe/Berlin"); got[0] != "Europe/Berlin" || slices.Index(got[1:], "Europe/Berlin") >= 0 {
		t.Errorf("local zone should come first, once: %v", got[:3])
	}
	if got := trackerSlug("Acme & Söhne GmbH"); got != "acme-s-hne-gmbh" {
		t.Errorf("slug = %q", got)
	}
}

// TestTrackerLocationIsEditedAndShown: the form keeps the location, and the
// details show it, a meeting's link as a link to open.
func TestTrackerLocationIsEditedAndShown(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	trackerAct(h, tr.onAdd)
	f := tr.editor
	if f.location.PlaceHolder != "Address or video link" {
		t.Errorf("placeholder = %q", f.location.PlaceHolder)
	}
	f.company.SetText("Acme")
	f.location.SetText("  4th Floor, 22 Tanner Street, London SE1 3LE ")
	trackerAct(h, func() { test.Tap(f.save) })
	all, err := h.store.Interviews(context.Background())
	if err != nil || len(all) != 1 || all[0].Location != "4th Floor, 22 Tanner Street, London SE1 3LE" {
		t.Fatalf("stored %+v (%v)", all, err)
	}
	p := tr.detail
	if !p.locationKey.Visible() || !p.location.Visible() || p.location.Text != all[0].Location || p.link.Visible() {
		t.Errorf("an address shows as %q (link shown %v)", p.location.Text, p.link.Visible())
	}

	zoom := "https://us06web.zoom.us/j/89123450067?pwd=Tm4vR2xKcFdLQnZzY0g3aWJ0M1pOUT09"
	trackerAct(h, tr.onEdit)
	if got := tr.editor.location.Text; got != all[0].Location {
		t.Errorf("the form opened with location %q", got)
	}
	tr.editor.location.SetText(zoom)
	trackerAct(h, func() { test.Tap(tr.editor.save) })
	if p.location.Visible() || !p.link.Visible() || p.link.Text != zoom {
		t.Fatalf("a meeting link is not a link: label %v, link %v %q", p.location.Visible(), p.link.Visible(), p.link.Text)
	}
	trackerAct(h, func() { trackerOpenLink(p.link) })
	if len(h.opener.urls) != 1 || h.opener.urls[0] != zoom {
		t.Errorf("tapping the link opened %v", h.opener.urls)
	}

	// No location, no row.
	trackerAct(h, tr.onEdit)
	tr.editor.location.SetText("")
	trackerAct(h, func() { test.Tap(tr.editor.save) })
	if p.locationKey.Visible() || p.locationBox.Visible() {
		t.Error("an empty location still has its row")
	}
}

// trackerOpenLink follows a link as the keyboard does (Space on it): a
// tap's position would depend on where its text was last laid out.
func trackerOpenLink(l *widget.Hyperlink) { l.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) }

func TestTrackerLocationOpensOnlyWebLinks(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	for _, tc := range []struct {
		location, link string // link: what "Open the link" opens, "" for none
		asLink         bool
	}{
		{"https://meet.google.com/abc-defg-hij", "https://meet.google.com/abc-defg-hij", true},
		{"HTTP://intranet.example/room", "http://intranet.example/room", true},
		{"Zoom https://zoom.us/j/84120037715 (passcode 4417)", "https://zoom.us/j/84120037715", false},
		{"javascript:alert(1)", "", false},
		{"file:///etc/passwd", "", false},
		{"mailto:dana@acme.example", "", false},
		{"https://", "", false},
		{"Mercer & Finch\n14 Clerkenwell Road", "", false},
	} {
		ivs := trackerSeed(t, h, data.Interview{Company: "Links Co", Location: tc.location})
		trackerAct(h, tr.reload)
		trackerSelect(t, h, tr, ivs[0].ID)
		p := tr.detail
		if p.location.Visible() == tc.asLink || p.link.Visible() != (tc.link != "") {
			t.Errorf("%q: label %v, link %v", tc.location, p.location.Visible(), p.link.Visible())
			continue
		}
		if !tc.asLink && p.location.Text != tc.location {
			t.Errorf("%q shows as %q", tc.location, p.location.Text)
		}
		if tc.link == "" {
			continue
		}
		h.opener.urls = nil
		trackerAct(h, func() { trackerOpenLink(p.link) })
		if len(h.opener.urls) != 1 || h.opener.urls[0] != tc.link {
			t.Errorf("%q: opened %v, want %s", tc.location, h.opener.urls, tc.link)
		}
	}
	// A browser that does not answer is said so.
	ivs := trackerSeed(t, h, data.Interview{Company: "Links Co", Location: "https://meet.google.com/abc-defg-hij"})
	trackerAct(h, tr.reload)
	trackerSelect(t, h, tr, ivs[0].ID)
	h.opener.err = fmt.Errorf("no browser")
	trackerAct(h, func() { trackerOpenLink(tr.detail.link) })
	if d := trackerDialog(h); d == nil || !strings.Contains(trackerTexts(d), "No browser") {
		t.Errorf("a failed open said nothing")
	}
}

// TestTrackerLocationFieldKeepsImportedLinesAndItsLimit: an address
// imported over several lines is shown on one and kept as it was unless
// changed; a paste past the limit is cut with a word about it.
func TestTrackerLocationFieldKeepsImportedLinesAndItsLimit(t *testing.T) {
	h := newHarness(t)
	lines := "Mercer & Finch\n14 Clerkenwell Road, London,\nEC1M 5PA"
	ivs := trackerSeed(t, h, data.Interview{Company: "Mercer", Location: lines})
	tr := trackerOpen(h)
	trackerSelect(t, h, tr, ivs[0].ID)
	trackerAct(h, tr.onEdit)
	f := tr.editor
	if got := f.location.Text; got != "Mercer & Finch, 14 Clerkenwell Road, London, EC1M 5PA" {
		t.Errorf("the form shows %q", got)
	}
	f.role.SetText("Designer")
	trackerAct(h, func() { test.Tap(f.save) })
	stored, err := h.store.Interview(context.Background(), ivs[0].ID)
	if err != nil || stored.Location != lines || stored.Role != "Designer" {
		t.Errorf("stored location %q, role %q (%v)", stored.Location, stored.Role, err)
	}

	trackerAct(h, tr.onEdit)
	f = tr.editor
	f.location.SetText(strings.Repeat("l", data.MaxFieldBytes+50))
	if n := len(f.location.Text); n != data.MaxFieldBytes {
		t.Errorf("location holds %d bytes", n)
	}
	if !f.problem.Visible() || !strings.Contains(f.problemText.Text, "Location is too long") {
		t.Errorf("no word about the cut: %q", f.problemText.Text)
	}
	f.close()
}

func TestTrackerConflictListsLocation(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	mine := data.Interview{Company: "Acme", Location: "22 Tanner Street"}
	theirs := data.Interview{Company: "Acme", Location: "https://meet.google.com/abc-defg-hij"}
	for _, row := range trackerConflictRows(tr, mine, theirs) {
		if row.name == "Location" {
			if row.mine != mine.Location || row.theirs != theirs.Location {
				t.Errorf("location row = %+v", row)
			}
			return
		}
	}
	t.Error("the conflict view leaves out the location")
}
