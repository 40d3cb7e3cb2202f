package views

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// trackerSelect selects the row showing the interview with that ID.
func trackerSelect(t *testing.T, h *harness, tr *trackerTab, id int64) {
	t.Helper()
	trackerAct(h, func() { tr.selectRow(id, false) })
	if !tr.detail.has || tr.detail.iv.ID != id {
		t.Fatalf("interview %d is not shown in the details", id)
	}
}

func TestOutsideWriteReloadsTheWindow(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	h.store.Changes(context.Background()) // the window starts watching
	other, err := data.Open(h.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.CreateInterview(context.Background(), &data.Interview{Company: "From the command line"}); err != nil {
		t.Fatal(err)
	}
	trackerAct(h, h.ui.checkOutside)
	h.ui.Wait()
	if rows, _ := tr.table.Length(); rows != 4 {
		t.Errorf("the table shows %d rows after an outside import, want 4", rows)
	}
	if got := h.ui.notices.text(noticeOutside); !strings.Contains(got, "changes made outside this window") {
		t.Errorf("notice = %q", got)
	}
	// The window's own write is not reported as an outside one.
	h.ui.notices.clear(noticeOutside)
	h.store.CreateInterview(context.Background(), &data.Interview{Company: "Mine"})
	trackerAct(h, h.ui.checkOutside)
	if h.ui.notices.text(noticeOutside) != "" {
		t.Error("the window's own write was reported as an outside change")
	}
}

func TestEditThatChangedElsewhereShowsBothVersions(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Use theirs"} {
		t.Run(choice, func(t *testing.T) {
			h := newHarness(t)
			ivs := trackerSeed(t, h, data.Interview{Company: "Acme", Role: "Dev", Notes: "first"})
			tr := trackerOpen(h)
			trackerSelect(t, h, tr, ivs[0].ID)
			trackerAct(h, tr.onEdit)
			f := tr.editor
			f.role.SetText("Senior Dev")

			theirs, _ := h.store.Interview(context.Background(), ivs[0].ID)
			theirs.Notes = "changed on the command line"
			other, _ := data.Open(h.store.Path())
			if err := other.UpdateInterview(context.Background(), &theirs); err != nil {
				t.Fatal(err)
			}
			other.Close()

			trackerAct(h, func() { test.Tap(f.save) })
			d := trackerDialog(h)
			texts := trackerTexts(d)
			if !strings.Contains(texts, "Saved elsewhere") || !strings.Contains(texts, "changed on the command line") || !strings.Contains(texts, "Senior Dev") {
				t.Fatalf("no side-by-side conflict:\n%s", texts)
			}
			stored, _ := h.store.Interview(context.Background(), ivs[0].ID)
			if stored.Role != "Dev" {
				t.Fatal("the stale edit was saved before the user chose")
			}
			trackerAct(h, func() { test.Tap(trackerButton(t, d, choice)) })
			h.ui.Wait()
			stored, _ = h.store.Interview(context.Background(), ivs[0].ID)
			switch choice {
			case "Keep mine":
				if stored.Role != "Senior Dev" || tr.editor != nil {
					t.Errorf("Keep mine: stored %+v, form open %v", stored, tr.editor != nil)
				}
			case "Use theirs":
				if stored.Role != "Dev" || stored.Notes != "changed on the command line" || tr.editor != nil {
					t.Errorf("Use theirs: stored %+v", stored)
				}
				if tr.detail.iv.Notes != "changed on the command line" {
					t.Error("the details still show the old version")
				}
			}
		})
	}
}

func TestStatusChangeThenEditIsNoConflict(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, data.Interview{Company: "Acme"})
	tr := trackerOpen(h)
	trackerSelect(t, h, tr, ivs[0].ID)
	trackerAct(h, func() { tr.changeStatus(tr.detail.iv, data.StatusAttended) })
	trackerAct(h, tr.onEdit)
	tr.editor.role.SetText("Dev")
	trackerAct(h, func() { test.Tap(tr.editor.save) })
	if tr.editor != nil {
		t.Fatalf("the window's own status change made its next edit conflict: %s", trackerTexts(trackerDialog(h)))
	}
}

func TestUnreadableRowIsListedForAttention(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, data.Interview{Company: "Fine Co"})
	raw, err := sql.Open("sqlite", h.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`INSERT INTO interviews (company, starts_at, status, created_at, updated_at)
		VALUES ('Broken Co', '10000-01-01T00:00:00Z', 'scheduled', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	tr := trackerOpen(h)
	if rows, _ := tr.table.Length(); rows != 2 {
		t.Fatalf("%d rows listed, want both", rows)
	}
	statuses := strings.Join(trackerColumn(tr, data.ColStatus), ",")
	if !strings.Contains(statuses, "Needs attention") {
		t.Errorf("statuses = %s", statuses)
	}
	var broken data.Brief
	for i := 0; i < 2; i++ {
		if iv := tr.model.Row(i); iv.Company == "Broken Co" {
			broken = *iv
		}
	}
	trackerSelect(t, h, tr, broken.ID)
	if !tr.detail.damage.Visible() || !strings.Contains(tr.detail.damageText.Text, "10000-01-01") {
		t.Errorf("details do not say what needs attention: %q", tr.detail.damageText.Text)
	}
	trackerAct(h, tr.onEdit)
	if got := tr.editor.errorText(ivFieldDate); !strings.Contains(got, "could not be read") {
		t.Errorf("the edit form's date says %q", got)
	}
}

func TestLongNoteShowsAPreviewAndAllOnDemand(t *testing.T) {
	h := newHarness(t)
	note := strings.Repeat("A long paragraph about the interview process and who to meet. ", 900) // ~58 KB
	ivs := trackerSeed(t, h, data.Interview{Company: "Verbose Co", Notes: note})
	tr := trackerOpen(h)
	trackerSelect(t, h, tr, ivs[0].ID)
	p := tr.detail
	if len(p.notes.Text) > 2*longTextRunes || !strings.HasSuffix(p.notes.Text, "…") {
		t.Errorf("the details pane shows %d bytes of the note", len(p.notes.Text))
	}
	if !p.allNotes.Visible() {
		t.Fatal("no Show all for a long note")
	}
	test.Tap(p.allNotes)
	list := trackerFind[*widget.List](trackerDialog(h))
	if list == nil || list.Length() < len(note)/longTextWidth {
		t.Fatalf("Show all does not list the whole note")
	}
	// A short note has no button.
	ivs = trackerSeed(t, h, data.Interview{Company: "Terse Co", Notes: "Bring ID"})
	trackerAct(h, tr.reload)
	trackerSelect(t, h, tr, ivs[0].ID)
	if p.allNotes.Visible() || p.notes.Text != "Bring ID" {
		t.Errorf("short note: %q, Show all visible %v", p.notes.Text, p.allNotes.Visible())
	}
}

// trackerFind returns the first visible object of type T inside o.
func trackerFind[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	var done bool
	trackerWalk(o, func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok && !done {
			found, done = v, true
		}
	})
	return found
}

func TestEntriesStopAtTheirLimits(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	trackerAct(h, tr.onAdd)
	f := tr.editor
	f.notes.SetText(strings.Repeat("é", data.MaxNotesBytes)) // two bytes each
	if n := len(f.notes.Text); n > data.MaxNotesBytes {
		t.Errorf("notes hold %d bytes, more than the %d limit", n, data.MaxNotesBytes)
	}
	if !strings.HasSuffix(f.notes.Text, "é") {
		t.Error("the cut split a character")
	}
	if !f.problem.Visible() || !strings.Contains(f.problemText.Text, "Notes is too long") {
		t.Errorf("no word about the cut: %q", f.problemText.Text)
	}
	f.company.SetText(strings.Repeat("c", data.MaxFieldBytes+10))
	if len(f.company.Text) != data.MaxFieldBytes {
		t.Errorf("company holds %d bytes", len(f.company.Text))
	}
	f.close()

	// A huge one-paragraph note loads and pastes unwrapped: Fyne's
	// wrapping of it would hold the UI goroutine for half a minute.
	note := strings.Repeat("word ", 12000)
	ivs := trackerSeed(t, h, data.Interview{Company: "Paste Co", Notes: note})
	trackerAct(h, tr.reload)
	trackerSelect(t, h, tr, ivs[0].ID)
	trackerAct(h, tr.onEdit)
	if tr.editor.notes.Wrapping != fyne.TextWrapOff {
		t.Errorf("a 60 KB paragraph opened with wrapping %v", tr.editor.notes.Wrapping)
	}
	tr.editor.notes.SetText("short again")
	if tr.editor.notes.Wrapping != fyne.TextWrapWord {
		t.Error("a short note is not wrapped again")
	}
	clip := test.NewClipboard()
	clip.SetContent(strings.Repeat("pasted ", 20000))
	tr.editor.notes.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if len(tr.editor.notes.Text) > data.MaxNotesBytes || tr.editor.notes.Wrapping != fyne.TextWrapOff {
		t.Errorf("after a 140 KB paste: %d bytes, wrapping %v", len(tr.editor.notes.Text), tr.editor.notes.Wrapping)
	}
}

func TestClockTimesTheClocksSkipOrRepeat(t *testing.T) {
	h := newHarness(t)
	tr := trackerOpen(h)
	berlin := mustZone(t, "Europe/Berlin")
	fill := func(f *trackerForm, day time.Time, clock string) {
		f.company.SetText("DST Co")
		f.date.SetDate(&day)
		f.clock.SetText(clock)
		f.zone.SetText("Europe/Berlin")
	}
	// 02:30 does not exist on 29 March 2026 in Berlin.
	trackerAct(h, tr.onAdd)
	f := tr.editor
	fill(f, time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), "02:30")
	trackerAct(h, func() { test.Tap(f.save) })
	if got := f.errorText(ivFieldTime); !strings.Contains(got, "does not exist") || !strings.Contains(got, "03:00") {
		t.Errorf("gap: time message %q", got)
	}
	if trackerCount(t, h) != 0 {
		t.Fatal("a time that does not exist was saved")
	}
	f.close()

	// 02:30 happens twice on 25 October 2026: the form asks which.
	trackerAct(h, tr.onAdd)
	f = tr.editor
	fill(f, time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), "02:30")
	trackerAct(h, func() { test.Tap(f.save) })
	if !f.fold.Visible() || len(f.fold.Options) != 2 || trackerCount(t, h) != 0 {
		t.Fatalf("overlap: choice shown %v (%v), %d saved", f.fold.Visible(), f.fold.Options, trackerCount(t, h))
	}
	if !strings.Contains(f.fold.Options[0], "CEST") || !strings.Contains(f.fold.Options[1], "CET") {
		t.Errorf("choices = %v", f.fold.Options)
	}
	f.fold.SetSelected(f.fold.Options[1])
	trackerAct(h, func() { test.Tap(f.save) })
	all, _ := h.store.Interviews(context.Background())
	want := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC) // 02:30 CET
	if len(all) != 1 || !all[0].StartsAt.Equal(want) {
		t.Fatalf("stored %v, want the second 02:30 (%v in UTC); in Berlin %v", all, want, want.In(berlin))
	}
}

func TestReadOnlyDatabaseSaysSoOnEveryTab(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "bk.db")
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	win := test.NewTempWindow(t, nil)
	u := New(Env{App: a, Window: win, Store: store, Clipboard: &fakeClipboard{}, Opener: &fakeOpener{}})
	u.runResultsInWait()
	u.Install()
	u.Start()
	u.Wait()
	defer u.Close(time.Second)
	if got := u.notices.text(noticeReadOnly); !strings.Contains(got, "read-only") || !strings.Contains(got, path) {
		t.Errorf("read-only notice = %q", got)
	}
	if u.root.Objects[0] != u.tabs && !strings.Contains(fmt.Sprint(u.notices.box.Objects), "") {
		t.Error("the notice is not above the tabs")
	}
}

func TestSyncFolderNoticeOffersAMove(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "bk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	win := test.NewTempWindow(t, nil)
	sf := data.SyncFolder{Service: "Dropbox", Root: "/home/ana/Dropbox"}
	u := New(Env{App: a, Window: win, Store: store, Clipboard: &fakeClipboard{}, Opener: &fakeOpener{},
		SyncFolder: &sf, MoveDatabase: func(string) error { return nil }, LocalDataDir: t.TempDir()})
	u.runResultsInWait()
	u.Install()
	u.Start()
	u.Wait()
	defer u.Close(time.Second)
	if got := u.notices.text(noticeSync); !strings.Contains(got, "Dropbox") {
		t.Fatalf("sync notice = %q", got)
	}
	trackerButton(t, u.notices.box, "Move it to this computer…")
	test.Tap(trackerButton(t, u.notices.box, "Keep it here"))
	if u.notices.text(noticeSync) != "" {
		t.Error("Keep it here did not dismiss the notice")
	}
}

func TestDamageFoundInUseHandsOverToRecovery(t *testing.T) {
	h := newHarness(t)
	var got error
	h.ui.env.Damaged = func(err error) { got = err }
	damaged := fmt.Errorf("list interviews: %w", data.ErrCorrupt)
	h.ui.showError("Your interviews could not be loaded", damaged)
	if !errors.Is(got, data.ErrCorrupt) {
		t.Errorf("a damaged database was reported as an ordinary error (handed over: %v)", got)
	}
	if trackerDialog(h) != nil {
		t.Error("an error dialog was shown as well")
	}
}

func TestCloseStopsEveryTimer(t *testing.T) {
	h := newHarness(t)
	var ticks, fired atomic.Int32
	h.ui.every(5*time.Millisecond, func() { ticks.Add(1) })
	h.ui.after(time.Hour, func() { fired.Add(1) })
	time.Sleep(30 * time.Millisecond)
	if !h.ui.Close(time.Second) {
		t.Fatal("Close did not stop the timers within a second")
	}
	n := ticks.Load()
	time.Sleep(30 * time.Millisecond)
	if ticks.Load() != n || n == 0 {
		t.Errorf("ticker ran %d times, then %d after Close", n, ticks.Load()-n)
	}
	if fired.Load() != 0 {
		t.Error("a pending timer fired")
	}
}

func TestComposerRefusesSkippedTimesAndAsksAboutRepeatedOnes(t *testing.T) {
	h, c := composeOpen(t)
	c.zone.SetText("Europe/Berlin")
	h.ui.Wait()
	c.date.SetText("2026-03-29")
	c.clock.SetText("02:30")
	h.ui.Wait()
	in, errs := c.collect()
	if !in.When.IsZero() || !strings.Contains(errs[composeFieldTime], "03:00") {
		t.Errorf("gap: when %v, time message %q", in.When, errs[composeFieldTime])
	}
	c.date.SetText("2026-10-25")
	h.ui.Wait()
	in, _ = c.collect()
	if !c.fold.Visible() || len(c.fold.Options) != 2 {
		t.Fatalf("overlap: no choice offered (%v)", c.fold.Options)
	}
	first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
	if !in.When.Equal(first) {
		t.Errorf("before choosing, the draft uses %v, want the first 02:30 (%v)", in.When, first)
	}
	c.fold.SetSelected(c.fold.Options[1])
	h.ui.Wait()
	if in, _ = c.collect(); !in.When.Equal(first.Add(time.Hour)) {
		t.Errorf("after choosing the second, the draft uses %v", in.When)
	}
	c.clock.SetText("11:00")
	h.ui.Wait()
	c.collect()
	if c.fold.Visible() {
		t.Error("the choice stayed for a time that happens once")
	}
}

func TestComposerPastesStopAtTheLimit(t *testing.T) {
	h, c := composeOpen(t)
	clip := test.NewClipboard()
	clip.SetContent(strings.Repeat("pasted text ", 10000)) // 120 KB in one paragraph
	start := time.Now()
	c.body.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	h.ui.Wait()
	if len(c.body.Text) > composeBodyLimit {
		t.Errorf("the body holds %d bytes, over its %d limit", len(c.body.Text), composeBodyLimit)
	}
	if !strings.Contains(c.status.Text, "too long") {
		t.Errorf("status = %q, want a word about the cut", c.status.Text)
	}
	if clip.Content() != strings.Repeat("pasted text ", 10000) {
		t.Error("the user's clipboard was changed")
	}
	c.company.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if len(c.company.Text) > data.MaxFieldBytes {
		t.Errorf("company holds %d bytes", len(c.company.Text))
	}
	t.Logf("pasting took %v", time.Since(start))
}
