package views

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/advice"
)

// groupedRow renders row i of the grouped list through the list's own
// callbacks and reports what the user sees: the text and whether it is a
// category heading.
func groupedRow(a *adviceTab, i int) (text string, heading bool) {
	o := a.grouped.CreateItem()
	a.grouped.UpdateItem(i, o)
	stack := o.(*fyne.Container)
	if h := stack.Objects[0].(*inertRow); h.Visible() {
		return h.text.String(), true
	}
	return stack.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).Text, false
}

// resultRow renders row i of the search results: title and snippet.
func resultRow(a *adviceTab, i int) (title, snippet string) {
	o := a.found.CreateItem()
	a.found.UpdateItem(i, o)
	row := o.(*fyne.Container)
	snip := row.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.RichText)
	return row.Objects[1].(*widget.Label).Text, snip.String()
}

// rowOf is the grouped-list row that holds the article with that slug.
func rowOf(t *testing.T, a *adviceTab, slug string) int {
	t.Helper()
	for i, r := range a.rows {
		if r.article != nil && r.article.Slug == slug {
			return i
		}
	}
	t.Fatalf("no row for %q", slug)
	return -1
}

// actionButtons are the "write this email" buttons under the article.
func actionButtons(a *adviceTab) []*widget.Button {
	var out []*widget.Button
	for _, o := range a.actions.Objects {
		out = append(out, o.(*widget.Button))
	}
	return out
}

func loadLibrary(t *testing.T) *advice.Library {
	t.Helper()
	lib, err := advice.Load()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestAdviceListShowsEveryCategoryAndArticle(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	lib := loadLibrary(t)

	var headings []string
	seen := map[string]string{} // title → the heading it sits under
	under := ""
	for i := 0; i < a.grouped.Length(); i++ {
		text, heading := groupedRow(a, i)
		if heading {
			headings = append(headings, text)
			under = text
			continue
		}
		if under == "" {
			t.Errorf("article %q is listed above every heading", text)
		}
		if _, dup := seen[text]; dup {
			t.Errorf("article %q listed twice", text)
		}
		seen[text] = under
	}
	want := "Cancelling|Rescheduling|Withdrawing|Declining|During the interview|Offers|Staying in touch"
	if got := strings.Join(headings, "|"); got != want {
		t.Errorf("headings = %s, want %s", got, want)
	}
	for _, art := range lib.All() {
		cat, ok := seen[art.Title]
		switch {
		case !ok:
			t.Errorf("article %q is not in the list", art.Title)
		case cat != art.Category:
			t.Errorf("article %q listed under %q, want %q", art.Title, cat, art.Category)
		}
	}
	if len(seen) != len(lib.All()) {
		t.Errorf("list has %d articles, library %d", len(seen), len(lib.All()))
	}
}

func TestAdviceSelectingAnArticleShowsIt(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	lib := loadLibrary(t)
	for _, tc := range []struct {
		slug    string
		primary string
	}{
		{"last-minute-cancellation", "Write a last-minute cancellation"},
		{"walking-out-of-an-interview", "Withdraw from the process"},
		{"declining-an-offer", "Decline an offer"},
		{"following-up-after-cancelling", "Follow up"},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			art, _ := lib.Get(tc.slug)
			a.grouped.Select(rowOf(t, a, tc.slug))
			if got := a.title.String(); got != art.Title {
				t.Errorf("title = %q, want %q", got, art.Title)
			}
			if got := a.summary.String(); got != art.Summary {
				t.Errorf("summary = %q, want %q", got, art.Summary)
			}
			if got := a.meta.String(); !strings.Contains(got, art.Category) || !strings.Contains(got, readingTime(art.Words)) {
				t.Errorf("meta line = %q, want category and reading time", got)
			}
			// The body is rendered Markdown: its first line of prose shows
			// without the markup.
			first := strings.SplitN(art.Body, "\n", 2)[0]
			if body := a.body.String(); !strings.Contains(body, first) {
				t.Errorf("body lacks its opening line %q", first)
			}
			if strings.Contains(a.body.String(), "## ") {
				t.Error("body shows raw Markdown heading markers")
			}
			buttons := actionButtons(a)
			if len(buttons) != len(art.Scenarios) {
				t.Fatalf("%d buttons for %d scenarios", len(buttons), len(art.Scenarios))
			}
			if buttons[0].Text != tc.primary || buttons[0].Importance != widget.HighImportance {
				t.Errorf("primary button = %q (importance %v), want %q, high", buttons[0].Text, buttons[0].Importance, tc.primary)
			}
			for _, b := range buttons[1:] {
				if b.Importance == widget.HighImportance {
					t.Errorf("secondary button %q is as prominent as the primary one", b.Text)
				}
			}
		})
	}
}

func TestAdviceTappingRowsOnScreen(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	h.ui.SelectTab(TabAdvice)
	h.win.Canvas().Capture() // lay the tab out as it would be on screen

	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.grouped)
	rowH := a.grouped.CreateItem().MinSize().Height
	sep := theme.Padding()
	tapRow := func(i int) {
		test.TapCanvas(h.win.Canvas(), origin.Add(fyne.NewPos(40, float32(i)*(rowH+sep)+rowH/2)))
	}

	before := a.current
	tapRow(0) // the "Cancelling" heading
	if a.current != before {
		t.Errorf("tapping a heading opened %q", a.current.Slug)
	}
	if a.grouped.sel != rowOf(t, a, before.Slug) {
		t.Errorf("tapping a heading moved the highlight to row %d", a.grouped.sel)
	}
	tapRow(2)
	if a.rows[2].article == nil || a.current != a.rows[2].article {
		t.Fatalf("tapping row 2 did not open its article")
	}
	if got := a.title.String(); got != a.rows[2].article.Title {
		t.Errorf("title = %q after tapping %q", got, a.rows[2].article.Title)
	}

	// Keyboard selection can land on a heading; the article stays.
	shown := a.current
	a.grouped.Select(0)
	if a.current != shown || a.grouped.sel != 2 {
		t.Errorf("selecting a heading changed the article to %q (row %d)", a.current.Slug, a.grouped.sel)
	}
}

func TestAdviceSearch(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	for _, tc := range []struct {
		query, first string
	}{
		{"walk", "walking-out-of-an-interview"},
		{"oversharing", "giving-a-reason-without-oversharing"},
		{"RESCHEDULE", "rescheduling-an-interview"},
		{"gracefully", "declining-an-offer"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			a.search.SetText("")
			test.Type(a.search, tc.query)
			if a.grouped.Visible() || !a.found.Visible() || a.empty.Visible() {
				t.Fatalf("searching %q: grouped %v, results %v, empty %v", tc.query,
					a.grouped.Visible(), a.found.Visible(), a.empty.Visible())
			}
			if a.found.Length() == 0 || a.results[0].Article.Slug != tc.first {
				t.Fatalf("searching %q: first result %v, want %s", tc.query, a.results, tc.first)
			}
			title, snippet := resultRow(a, 0)
			if title != a.results[0].Article.Title || snippet == "" {
				t.Errorf("first result row shows %q / %q", title, snippet)
			}
			// Every result row belongs to a real, distinct article.
			seen := map[string]bool{}
			for i := 0; i < a.found.Length(); i++ {
				title, _ := resultRow(a, i)
				if title == "" || seen[title] {
					t.Errorf("result row %d: %q (empty or repeated)", i, title)
				}
				seen[title] = true
			}
			if a.found.Length() >= len(a.rows)-5 && tc.query != "RESCHEDULE" {
				t.Errorf("searching %q did not filter: %d results", tc.query, a.found.Length())
			}
			a.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if a.current.Slug != tc.first {
				t.Errorf("Enter opened %q, want the top result %q", a.current.Slug, tc.first)
			}
		})
	}

	// Clearing the box brings back the grouped list, with the article read
	// from the results still highlighted there.
	test.Tap(a.clear)
	if a.search.Text != "" || !a.grouped.Visible() || a.found.Visible() || a.empty.Visible() || a.clear.Visible() {
		t.Errorf("after clearing: text %q, grouped %v, results %v, empty %v, clear button %v",
			a.search.Text, a.grouped.Visible(), a.found.Visible(), a.empty.Visible(), a.clear.Visible())
	}
	if a.grouped.sel != rowOf(t, a, a.current.Slug) {
		t.Errorf("after clearing, row %d is highlighted, want %q's", a.grouped.sel, a.current.Slug)
	}

	for _, tc := range []struct{ query, want string }{
		{"xyzzy", "No articles match “xyzzy”."},
		{"interview qwertyuiop", "Try fewer words."},
	} {
		a.search.SetText(tc.query)
		if !a.empty.Visible() || a.found.Visible() || a.grouped.Visible() {
			t.Errorf("%q: empty state not shown", tc.query)
		}
		if !strings.Contains(a.noMatch.Text, tc.want) {
			t.Errorf("%q: empty state says %q, want it to contain %q", tc.query, a.noMatch.Text, tc.want)
		}
	}
	a.search.SetText("   ")
	if !a.grouped.Visible() {
		t.Error("a blank search should show the grouped list")
	}
}

func TestAdviceWriteThisEmailOpensComposer(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	for _, tc := range []struct {
		slug   string
		button int
		label  string
	}{
		{"last-minute-cancellation", 0, "Write a last-minute cancellation"},
		{"last-minute-cancellation", 2, "Apologise for cancelling"},
		{"declining-an-interview-invitation", 0, "Decline an invitation"},
	} {
		h.ui.SelectTab(TabAdvice)
		a.show(tc.slug)
		b := actionButtons(a)[tc.button]
		if b.Text != tc.label {
			t.Errorf("%s button %d = %q, want %q", tc.slug, tc.button, b.Text, tc.label)
		}
		test.Tap(b)
		h.ui.Wait()
		if h.ui.Selected() != TabCompose {
			t.Errorf("%q left the window on tab %d, want Compose", tc.label, h.ui.Selected())
		}
	}
}

func TestAdviceShowSelectsArticle(t *testing.T) {
	h := newHarness(t)
	a := h.ui.advice
	lib := loadLibrary(t)
	for _, tc := range []struct{ slug, want string }{
		{"withdrawing-from-the-process", "withdrawing-from-the-process"},
		{"declining-during-the-interview", "declining-during-the-interview"},
		{"no-such-article", adviceFirstSlug},
		{"", adviceFirstSlug},
	} {
		a.search.SetText("tone") // a stale search must not hide the article
		a.show(tc.slug)
		want, _ := lib.Get(tc.want)
		if a.current == nil || a.current.Slug != tc.want {
			t.Errorf("show(%q) opened %v, want %s", tc.slug, a.current, tc.want)
			continue
		}
		if a.title.String() != want.Title {
			t.Errorf("show(%q): title %q", tc.slug, a.title.String())
		}
		if !a.grouped.Visible() || a.search.Text != "" {
			t.Errorf("show(%q): grouped list hidden or search left at %q", tc.slug, a.search.Text)
		}
		if a.grouped.sel != rowOf(t, a, tc.want) {
			t.Errorf("show(%q): row %d highlighted, want %d", tc.slug, a.grouped.sel, rowOf(t, a, tc.want))
		}
	}

	// The coordinator's path: a composer warning links to an article.
	h.ui.openArticle("last-minute-cancellation")
	if h.ui.Selected() != TabAdvice || a.current.Slug != "last-minute-cancellation" {
		t.Errorf("openArticle: tab %d, article %s", h.ui.Selected(), a.current.Slug)
	}
}

func TestAdviceRemembersLastArticle(t *testing.T) {
	h := newHarness(t)
	app := h.ui.env.App
	rebuild := func() *adviceTab {
		u := New(Env{App: app, Window: test.NewTempWindow(t, nil), Store: h.store, Clipboard: h.clip, Opener: h.opener})
		u.runResultsInWait()
		t.Cleanup(u.Wait)
		u.ensureBuilt(TabAdvice) // as opening the tab does
		return u.advice
	}

	if got := h.ui.advice.current.Slug; got != adviceFirstSlug {
		t.Errorf("first run opens %q, want %q", got, adviceFirstSlug)
	}
	h.ui.advice.show("walking-out-of-an-interview")
	h.ui.advice.show("is-cancelling-unprofessional")
	h.ui.Wait()
	if got := app.Preferences().String(adviceLastKey); got != "is-cancelling-unprofessional" {
		t.Errorf("stored %q, want the last article read", got)
	}
	again := rebuild()
	if again.current.Slug != "is-cancelling-unprofessional" || !strings.Contains(again.title.String(), "Unprofessional") {
		t.Errorf("rebuilt UI opens %q (%q), want the last article read", again.current.Slug, again.title.String())
	}
	if again.grouped.sel != rowOf(t, again, "is-cancelling-unprofessional") {
		t.Errorf("rebuilt UI highlights row %d", again.grouped.sel)
	}

	// An article removed in a later version falls back to the first one.
	app.Preferences().SetString(adviceLastKey, "an-article-since-removed")
	if got := rebuild().current.Slug; got != adviceFirstSlug {
		t.Errorf("with a stale preference the UI opens %q, want %q", got, adviceFirstSlug)
	}
}

func TestAdviceLoadFailureShowsMessage(t *testing.T) {
	h := newHarness(t)
	a := &adviceTab{ui: h.ui, loadErr: errors.New("load articles/x.md: missing title")}
	content := a.buildUI()
	a.show("cancel-without-burning-bridges") // must not panic
	var texts []string
	for _, o := range test.LaidOutObjects(content) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "could not be loaded") || !strings.Contains(all, "missing title") {
		t.Errorf("error state says:\n%s", all)
	}
}

func TestAdviceReadingTime(t *testing.T) {
	for _, tc := range []struct {
		words int
		want  string
	}{
		{0, "1 min read"}, {1, "1 min read"}, {200, "1 min read"}, {201, "2 min read"}, {800, "4 min read"}, {801, "5 min read"},
	} {
		if got := readingTime(tc.words); got != tc.want {
			t.Errorf("readingTime(%d) = %q, want %q", tc.words, got, tc.want)
		}
	}
}
