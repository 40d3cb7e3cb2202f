package views

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"bridgekeeper/data"
)

// fakeClipboard and fakeOpener stand in for the desktop so tests can see
// what the user would have copied or opened.
type fakeClipboard struct{ text string }

func (f *fakeClipboard) Copy(text string) error { f.text = text; return nil }

// fakeOpener records the links it is asked to open; with err set, it
// fails the way xdg-open does when no program takes a link.
type fakeOpener struct {
	urls []string
	err  error
}

func (f *fakeOpener) OpenURL(u *url.URL) error { f.urls = append(f.urls, u.String()); return f.err }

type harness struct {
	ui     *UI
	win    fyne.Window
	store  *data.Store
	clip   *fakeClipboard
	opener *fakeOpener
}

// newHarness builds the real window content on a test app and a real
// SQLite file in a temporary folder.
func newHarness(t *testing.T) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "bk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h := &harness{store: store, clip: &fakeClipboard{}, opener: &fakeOpener{}}
	h.win = test.NewTempWindow(t, nil)
	h.ui = New(Env{App: a, Window: h.win, Store: store, Clipboard: h.clip, Opener: h.opener,
		Version: "9.9.9", Licence: "MIT"})
	h.ui.runResultsInWait()
	// Tests reach into every tab, so build them all as a user's clicks would.
	for i := range h.ui.tabs.Items {
		h.ui.ensureBuilt(i)
	}
	h.win.Resize(fyne.NewSize(1100, 720))
	h.ui.Install()
	// Cleanups run last first: results are handed back, then timers stop.
	t.Cleanup(func() { h.ui.Close(time.Second) })
	t.Cleanup(h.ui.Wait)
	return h
}

func (h *harness) shortcut(key fyne.KeyName) {
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(
		&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

func TestThreeTabsInOrder(t *testing.T) {
	h := newHarness(t)
	var titles []string
	for _, item := range h.ui.tabs.Items {
		titles = append(titles, item.Text)
	}
	if got := strings.Join(titles, ","); got != "Compose,Tracker,Advice,People,Insights" {
		t.Errorf("tabs = %s", got)
	}
	if h.ui.Selected() != TabCompose {
		t.Errorf("first tab shown = %d, want Compose", h.ui.Selected())
	}
}

func TestShortcutsSwitchTabs(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		key  fyne.KeyName
		want int
	}{{fyne.Key2, TabTracker}, {fyne.Key3, TabAdvice}, {fyne.Key1, TabCompose}, {fyne.Key3, TabAdvice}} {
		h.shortcut(tc.key)
		h.ui.Wait() // showing the tracker starts loading it
		if got := h.ui.Selected(); got != tc.want {
			t.Errorf("after shortcut %s: tab %d, want %d", tc.key, got, tc.want)
		}
	}
}

func TestMainMenu(t *testing.T) {
	h := newHarness(t)
	menu := h.ui.MainMenu()
	var got []string
	for _, m := range menu.Items {
		for _, item := range m.Items {
			if !item.IsSeparator {
				got = append(got, m.Label+"/"+item.Label)
			}
		}
	}
	for _, want := range []string{"File/Import CSV…", "File/Export CSV…", "File/Export calendar…", "File/Quit", "Help/About Bridgekeeper"} {
		if !strings.Contains(strings.Join(got, "|"), want) {
			t.Errorf("menu lacks %s; has %v", want, got)
		}
	}
}

func TestAboutNamesVersionDataAndLicence(t *testing.T) {
	h := newHarness(t)
	text := h.ui.aboutText()
	for _, want := range []string{"9.9.9", h.store.Path(), "MIT"} {
		if !strings.Contains(text, want) {
			t.Errorf("About text lacks %q:\n%s", want, text)
		}
	}
}

func TestHiddenTabsWaitUntilNeeded(t *testing.T) {
	a := test.NewTempApp(t)
	store, err := data.Open(filepath.Join(t.TempDir(), "bk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w := test.NewTempWindow(t, nil)
	u := New(Env{App: a, Window: w, Store: store, Clipboard: &fakeClipboard{}, Opener: &fakeOpener{}})
	u.runResultsInWait()
	u.Install()
	defer u.Wait()
	if len(u.builders) != 4 {
		t.Fatalf("%d tabs wait to be built, want Tracker, Advice, People and Insights", len(u.builders))
	}
	u.SelectTab(TabAdvice)
	if _, waiting := u.builders[u.tabs.Items[TabAdvice]]; waiting {
		t.Error("opening Advice did not build it")
	}
	u.Start()
	u.Wait()
	if _, waiting := u.builders[u.tabs.Items[TabTracker]]; waiting {
		t.Error("Start did not build the tracker, which its reminders need")
	}
	if _, waiting := u.builders[u.tabs.Items[TabPeople]]; !waiting {
		t.Error("Start built the People tab, which nothing needs before it is opened")
	}
	if !u.tracker.started {
		t.Error("Start did not start the tracker loading")
	}
}

// The first frame shows a finished window: the content, the menu, and the
// composer's first draft with its checks, all put in place by Install.
func TestInstallShowsAFinishedComposer(t *testing.T) {
	a := test.NewTempApp(t)
	WarmFonts(a)
	store, err := data.Open(filepath.Join(t.TempDir(), "bk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	u := New(Env{App: a, Window: w, Store: store, Clipboard: &fakeClipboard{}, Opener: &fakeOpener{}})
	u.runResultsInWait()
	defer u.Wait()
	u.Install()

	if w.Content() != u.Content() || w.MainMenu() == nil {
		t.Fatal("Install did not put the content and menu in the window")
	}
	c := u.compose
	// Before the settings load, the draft is formal and greets nobody by name.
	if c.subject.Text != "Canceling my interview" || !strings.HasPrefix(c.body.Text, "Dear Hiring Manager,") {
		t.Errorf("no first draft: subject %q, body %q", c.subject.Text, c.body.Text)
	}
	if len(c.toFix.rows) == 0 || !c.toFix.rows[0].box.Visible() {
		t.Error("the draft's checks are not shown")
	}
	if c.summary.Text == "" || c.body.Size().Width < 300 {
		t.Errorf("summary %q, body width %v: not laid out at the window's size", c.summary.Text, c.body.Size().Width)
	}
	// Installing again (the views are rebuilt after a restore) keeps one draft.
	u.Install()
	if !strings.HasPrefix(c.body.Text, "Dear Hiring Manager,") || strings.Count(c.body.Text, "Dear Hiring Manager,") != 1 {
		t.Errorf("body after a second Install: %q", c.body.Text)
	}
}
