package views

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/advice"
	"bridgekeeper/compose"
	"bridgekeeper/views/widgets"
)

const (
	// adviceLastKey is the preference that remembers the last article read.
	adviceLastKey = "advice.last"
	// adviceFirstSlug is where a first-time reader starts.
	adviceFirstSlug = "cancel-without-burning-bridges"
	// wordsPerMinute is a typical adult reading speed for the "min read" line.
	wordsPerMinute = 200
)

// scenarioAction names the email each composer scenario writes, as a button
// label: the scenario table's words.
func scenarioAction(id string) string {
	if info, ok := compose.Info(compose.Scenario(id)); ok && info.Action != "" {
		return info.Action
	}
	return "Write this email"
}

// readingTime rounds up so a short article never claims "0 min read".
func readingTime(words int) string {
	return fmt.Sprintf("%d min read", max(1, (words+wordsPerMinute-1)/wordsPerMinute))
}

// adviceRow is one row of the grouped list: a category heading or an article.
type adviceRow struct {
	heading string
	article *advice.Article
}

// adviceTab is the Advice tab: the article library on the left, searchable,
// and the chosen article on the right with buttons that open the composer.
type adviceTab struct {
	ui      *UI
	lib     *advice.Library
	loadErr error

	rows    []adviceRow     // the grouped list: headings and articles
	results []advice.Result // ranked hits while the search box has text
	current *advice.Article
	// syncing stops the two lists' selection callbacks from echoing each
	// other while one of them is brought in line with the current article.
	syncing bool

	search  *widgets.Entry
	clear   *widget.Button
	grouped *articleList
	found   *widget.List
	noMatch *widget.Label
	empty   *fyne.Container // the no-results message, with its icon
	title   *widget.RichText
	summary *widget.RichText
	meta    *widget.RichText
	body    *widget.RichText
	scroll  *container.Scroll
	actions *fyne.Container // the "write this email" buttons

	// The last-read slug is written off the UI goroutine; saveMu makes the
	// newest choice win when writes overlap.
	saveMu     sync.Mutex
	toSave     string
	remembered string
}

func newAdvice(u *UI) *adviceTab { return &adviceTab{ui: u} }

// load parses the articles the first time the tab is built rather than at
// start-up, since the tab is hidden until someone opens it.
func (a *adviceTab) load() {
	if a.lib != nil || a.loadErr != nil {
		return
	}
	a.lib, a.loadErr = advice.Load()
	if a.loadErr != nil {
		fyne.LogError("load advice articles", a.loadErr)
		return
	}
	for _, cat := range advice.Categories() {
		arts := a.lib.ByCategory(cat)
		if len(arts) == 0 {
			continue
		}
		a.rows = append(a.rows, adviceRow{heading: cat})
		for _, art := range arts {
			a.rows = append(a.rows, adviceRow{article: art})
		}
	}
}

func (a *adviceTab) tabItem() *container.TabItem {
	return a.ui.lazyItem("Advice", theme.HelpIcon(), a.buildUI)
}

func (a *adviceTab) buildUI() fyne.CanvasObject {
	a.load()
	if a.loadErr != nil {
		icon := canvas.NewImageFromResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		icon.FillMode = canvas.ImageFillContain
		icon.SetMinSize(fyne.NewSquareSize(48))
		headline := &widget.Label{Text: "The advice articles could not be loaded.", TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}
		detail := &widget.Label{
			Text:      "The rest of Bridgekeeper works as usual. Reinstalling the app should bring the articles back.\n\n" + a.loadErr.Error(),
			Wrapping:  fyne.TextWrapWord,
			Alignment: fyne.TextAlignCenter,
		}
		// A VBox, not a Center, so the wrapped text gets the full width.
		msg := container.NewVBox(layout.NewSpacer(), icon, headline, detail, layout.NewSpacer(), layout.NewSpacer())
		return container.New(layout.NewCustomPaddedLayout(0, 0, 64, 64), msg)
	}

	a.clear = &widget.Button{Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: a.onClearSearch}
	a.clear.Hide()
	a.search = &widgets.Entry{Entry: widget.Entry{PlaceHolder: "Search advice…", ActionItem: a.clear, OnChanged: a.onSearch, OnSubmitted: a.onSearchSubmitted}}
	a.search.ExtendBaseWidget(a.search)
	a.search.ExtendBaseWidget(a.search)

	a.grouped = &articleList{List: widget.List{
		Length:         func() int { return len(a.rows) },
		CreateItem:     a.newGroupedRow,
		UpdateItem:     a.updateGroupedRow,
		OnSelected:     a.onGroupedSelected,
		HideSeparators: true,
	}, sel: -1}
	a.grouped.ExtendBaseWidget(a.grouped)
	a.found = &widget.List{
		Length:     func() int { return len(a.results) },
		CreateItem: a.newResultRow,
		UpdateItem: a.updateResultRow,
		OnSelected: a.onFoundSelected,
	}
	a.found.ExtendBaseWidget(a.found)
	a.found.Hide()
	a.noMatch = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	icon := canvas.NewImageFromResource(theme.NewDisabledResource(theme.SearchIcon()))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(40))
	a.empty = container.NewVBox(layout.NewSpacer(), icon, a.noMatch, layout.NewSpacer(), layout.NewSpacer())
	a.empty.Hide()
	// The list keeps a readable width whatever the article beside it needs.
	listWidth := canvas.NewRectangle(color.Transparent)
	listWidth.SetMinSize(fyne.NewSize(adviceListMinWidth, 0))
	left := container.NewStack(listWidth, container.NewBorder(a.search, nil, nil, nil, container.NewStack(a.grouped, a.found, a.empty)))

	a.title = &widget.RichText{Scroll: container.ScrollNone, Wrapping: fyne.TextWrapWord, Segments: []widget.RichTextSegment{
		&widget.TextSegment{Style: widget.RichTextStyleHeading},
	}}
	a.summary = &widget.RichText{Scroll: container.ScrollNone, Wrapping: fyne.TextWrapWord, Segments: []widget.RichTextSegment{
		&widget.TextSegment{Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Italic: true}, ColorName: theme.ColorNamePlaceHolder}},
	}}
	a.meta = &widget.RichText{Scroll: container.ScrollNone, Segments: []widget.RichTextSegment{
		&widget.TextSegment{Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder}},
	}}
	a.body = widget.NewRichTextFromMarkdown("")
	a.body.Wrapping = fyne.TextWrapWord
	a.body.Scroll = container.ScrollNone
	page := container.NewVBox(a.title, a.summary, a.meta, widget.NewSeparator(), a.body)
	a.scroll = container.NewVScroll(container.NewPadded(page))

	// The buttons wrap rather than widen the pane, so the list beside it
	// keeps its width from one article to the next.
	actionsFlow := &widgets.Flow{Leading: true}
	a.actions = container.New(actionsFlow)
	actionBar := container.NewVBox(widget.NewSeparator(), container.NewPadded(a.actions))
	right := container.NewBorder(nil, actionBar, nil, nil, a.scroll)
	actionsFlow.Relayout = right.Refresh

	split := container.NewHSplit(left, right)
	// About 30%, and just wide enough for the longest title at the
	// default window width.
	split.SetOffset(0.32)

	a.remembered = a.ui.env.App.Preferences().String(adviceLastKey)
	a.open(a.pick(a.remembered))
	return split
}

// adviceListMinWidth is the narrowest the article list gets: the longest
// titles wrap onto two lines at this width, none is cut.
const adviceListMinWidth = 230

// newGroupedRow holds both row kinds; updateGroupedRow shows the right one.
func (a *adviceTab) newGroupedRow() fyne.CanvasObject {
	heading := &inertRow{text: &widget.RichText{Scroll: container.ScrollNone, Segments: []widget.RichTextSegment{
		&widget.TextSegment{Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePlaceHolder}},
	}}}
	heading.ExtendBaseWidget(heading)
	title := &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	indented := container.New(layout.NewCustomPaddedLayout(0, 0, theme.Padding()*2, 0), title)
	return container.NewStack(heading, indented)
}

func (a *adviceTab) updateGroupedRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(a.rows) {
		return
	}
	row := a.rows[id]
	stack := o.(*fyne.Container)
	heading := stack.Objects[0].(*inertRow)
	indented := stack.Objects[1].(*fyne.Container)
	if row.article == nil {
		heading.text.Segments[0].(*widget.TextSegment).Text = row.heading
		heading.text.Refresh()
		heading.Show()
		indented.Hide()
		return
	}
	indented.Objects[0].(*widget.Label).SetText(row.article.Title)
	heading.Hide()
	indented.Show()
}

// newResultRow is a bold title over two lines of the matching text.
func (a *adviceTab) newResultRow() fyne.CanvasObject {
	title := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	style := widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder}
	snippet := &widget.RichText{Scroll: container.ScrollNone, Wrapping: fyne.TextWrapWord, Truncation: fyne.TextTruncateEllipsis,
		Segments: []widget.RichTextSegment{&widget.TextSegment{Style: style}}}
	// The snippet's own MinSize is one line; reserve two, and let the
	// ellipsis cut whatever does not fit.
	th := a.ui.env.App.Settings().Theme()
	line := fyne.MeasureText("Ag", th.Size(theme.SizeNameCaptionText), style.TextStyle).Height
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 2*line+th.Size(theme.SizeNameLineSpacing)+2*th.Size(theme.SizeNameInnerPadding)))
	// Pull the snippet up under its title; two paddings apart looks loose.
	tight := container.New(layout.NewCustomPaddedLayout(-th.Size(theme.SizeNameInnerPadding), 0, 0, 0), container.NewStack(room, snippet))
	return container.NewBorder(title, nil, nil, nil, tight)
}

func (a *adviceTab) updateResultRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(a.results) {
		return
	}
	r := a.results[id]
	row := o.(*fyne.Container)
	snippet := row.Objects[0].(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.RichText)
	title := row.Objects[1].(*widget.Label)
	title.SetText(r.Article.Title)
	snippet.Segments[0].(*widget.TextSegment).Text = r.Snippet
	snippet.Refresh()
}

func (a *adviceTab) onGroupedSelected(id widget.ListItemID) {
	if a.syncing || id < 0 || id >= len(a.rows) {
		return
	}
	if a.rows[id].article == nil {
		// Headings are labels, not destinations (keyboard selection can
		// still land on one): put the highlight back on the article.
		a.syncSelection()
		return
	}
	a.open(a.rows[id].article)
}

func (a *adviceTab) onFoundSelected(id widget.ListItemID) {
	if a.syncing || id < 0 || id >= len(a.results) {
		return
	}
	a.open(a.results[id].Article)
}

func (a *adviceTab) onSearch(text string) {
	query := strings.TrimSpace(text)
	if query == "" {
		a.results = nil
		a.clear.Hide()
		a.found.Hide()
		a.empty.Hide()
		a.grouped.Show()
		a.syncSelection()
		return
	}
	a.clear.Show()
	a.results = a.lib.Search(query, 0)
	a.grouped.Hide()
	if len(a.results) == 0 {
		hint := "Try fewer words."
		if len(strings.Fields(query)) == 1 {
			hint = "Check the spelling, or try another word."
		}
		a.noMatch.SetText(fmt.Sprintf("No articles match “%s”.\n%s", query, hint))
		a.found.Hide()
		a.empty.Show()
		return
	}
	a.empty.Hide()
	a.found.Show()
	a.found.Refresh()
	a.syncSelection()
	// Ranked results read from the top, even if the open article is lower.
	a.found.ScrollToTop()
}

// onSearchSubmitted opens the best match, so Enter reads the top result.
func (a *adviceTab) onSearchSubmitted(string) {
	if len(a.results) > 0 {
		a.open(a.results[0].Article)
	}
}

func (a *adviceTab) onClearSearch() {
	a.search.SetText("")
	a.ui.env.Window.Canvas().Focus(a.search)
}

func (a *adviceTab) onWrite(scenario string) {
	a.ui.composeAbout(nil, scenario)
}

// show selects and displays the article with that slug; an unknown slug
// falls back to the first article rather than leaving the pane blank.
func (a *adviceTab) show(slug string) {
	if a.lib == nil || a.search == nil {
		return
	}
	// A stale search could hide the article the caller points at.
	if a.search.Text != "" {
		a.search.SetText("")
	}
	a.open(a.pick(slug))
}

// pick finds the article to show for a slug, falling back to the starting
// article and then to whatever comes first.
func (a *adviceTab) pick(slug string) *advice.Article {
	for _, s := range []string{slug, adviceFirstSlug} {
		if art, ok := a.lib.Get(s); ok {
			return art
		}
	}
	if all := a.lib.All(); len(all) > 0 {
		return all[0]
	}
	return nil
}

// open shows an article in the reading pane, highlights it in the list and
// remembers it for the next run.
func (a *adviceTab) open(art *advice.Article) {
	if art == nil {
		return
	}
	if art != a.current {
		a.current = art
		a.render(art)
		a.remember(art.Slug)
	}
	a.syncSelection()
}

func (a *adviceTab) render(art *advice.Article) {
	setSegmentText(a.title, art.Title)
	setSegmentText(a.summary, art.Summary)
	setSegmentText(a.meta, art.Category+"  ·  "+readingTime(art.Words))
	a.body.ParseMarkdown(art.Body)
	a.body.Segments = airyHeadings(a.body.Segments)
	a.body.Refresh()
	a.scroll.ScrollToTop()

	var buttons []fyne.CanvasObject
	for i, id := range art.Scenarios {
		b := &widget.Button{Text: scenarioAction(id), OnTapped: func() { a.onWrite(id) }}
		if i == 0 {
			b.Icon = theme.MailComposeIcon()
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		buttons = append(buttons, b)
	}
	a.actions.Objects = buttons
	a.actions.Refresh()
}

// airyHeadings puts a blank line above each heading after the first: Fyne
// sets a heading tight against the paragraph before it, which makes a long
// article read as one block.
func airyHeadings(segs []widget.RichTextSegment) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(segs)+8)
	for i, seg := range segs {
		if t, ok := seg.(*widget.TextSegment); ok && i > 0 &&
			(t.Style == widget.RichTextStyleSubHeading || t.Style == widget.RichTextStyleHeading) {
			out = append(out, &widget.TextSegment{Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText}})
		}
		out = append(out, seg)
	}
	return out
}

func setSegmentText(rt *widget.RichText, text string) {
	rt.Segments[0].(*widget.TextSegment).Text = text
	rt.Refresh()
}

// syncSelection highlights the current article in whichever list is showing
// it, without re-running the selection handlers.
func (a *adviceTab) syncSelection() {
	if a.current == nil || a.grouped == nil {
		return
	}
	a.syncing = true
	defer func() { a.syncing = false }()
	if i := slices.IndexFunc(a.rows, func(r adviceRow) bool { return r.article == a.current }); i >= 0 {
		a.grouped.sel = i
		a.grouped.Select(i)
	}
	if i := slices.IndexFunc(a.results, func(r advice.Result) bool { return r.Article == a.current }); i >= 0 {
		a.found.Select(i)
	} else {
		a.found.UnselectAll()
	}
}

// remember stores the slug off the UI goroutine, since preferences are
// saved to disk on every change.
func (a *adviceTab) remember(slug string) {
	if slug == a.remembered {
		return
	}
	a.remembered = slug
	prefs := a.ui.env.App.Preferences()
	a.saveMu.Lock()
	a.toSave = slug
	a.saveMu.Unlock()
	a.ui.background(func() error {
		a.saveMu.Lock()
		defer a.saveMu.Unlock()
		prefs.SetString(adviceLastKey, a.toSave)
		return nil
	}, func(error) {})
}

// inertRow is a list row that neither reacts to the pointer nor takes the
// selection: it swallows taps and hovers before the list item sees them.
type inertRow struct {
	widget.BaseWidget
	text *widget.RichText
}

func (r *inertRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedLayout(theme.Padding(), 0, 0, 0), r.text))
}

func (r *inertRow) Tapped(*fyne.PointEvent)        {}
func (r *inertRow) MouseIn(*desktop.MouseEvent)    {}
func (r *inertRow) MouseMoved(*desktop.MouseEvent) {}
func (r *inertRow) MouseOut()                      {}

// articleList is a List that brings its selection into view once it has a
// real size: a List selected before layout scrolls as if it were zero
// pixels tall, hiding the selected row and everything above it.
type articleList struct {
	widget.List
	placed bool
	sel    widget.ListItemID // the row the advice tab last selected, or -1
}

func (l *articleList) Resize(size fyne.Size) {
	l.List.Resize(size)
	if l.placed || size.Height <= 0 {
		return
	}
	l.placed = true
	l.ScrollToTop()
	if l.sel >= 0 {
		l.ScrollTo(l.sel)
	}
}

// focusTarget is where the focus goes when the tab is shown: the search
// box, so typing at once searches the advice.
func (a *adviceTab) focusTarget() fyne.Focusable {
	if a.search == nil {
		return nil
	}
	return a.search
}
