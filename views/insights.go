package views

import (
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/insight"
	"bridgekeeper/views/widgets"
)

// insightsTab is the Insights tab: the search at a glance, as charts with
// their numbers a click away, and the way to the work-search log and the
// printable report.
type insightsTab struct {
	ui *UI

	// stats are the figures shown; seq numbers loads, so a slow one
	// never lands over a newer.
	stats  insight.Stats
	loaded bool
	seq    int

	summary *widget.Label
	cards   *fyne.Container
	empty   *fyne.Container
	scroll  *container.Scroll
	logBtn  *widget.Button
	report  *widget.Button
	// charts are the shown cards' charts by key, so tests and theme
	// changes reach them.
	charts map[string]*insightCard
}

// insightCard is one chart with its title, caption and numbers.
type insightCard struct {
	spec    insight.Spec
	chart   *widgets.Chart
	numbers *widget.Table
	toggle  *widget.Button
	body    *fyne.Container
	showing bool // the numbers, not the chart
	stats   insight.Stats
}

func newInsights(u *UI) *insightsTab { return &insightsTab{ui: u, charts: map[string]*insightCard{}} }

func (n *insightsTab) tabItem() *container.TabItem {
	return n.ui.lazyItem("Insights", theme.GridIcon(), n.buildUI)
}

func (n *insightsTab) buildUI() fyne.CanvasObject {
	n.summary = &widget.Label{Text: "Reading your search…", Wrapping: fyne.TextWrapWord}
	n.logBtn = &widget.Button{Text: "Work-search log…", Icon: theme.DocumentIcon(), OnTapped: n.onLog}
	n.report = &widget.Button{Text: "Report (PDF)…", Icon: theme.DocumentPrintIcon(), OnTapped: n.onReport}
	title := &widget.Label{Text: "Your search at a glance", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	// The buttons keep their own height beside the two lines of text.
	head := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(n.logBtn, n.report)), container.NewVBox(title, n.summary))
	// Two charts side by side where the window is wide enough.
	columns := &widgets.Columns{MinWidth: 460}
	n.cards = container.New(columns)
	columns.Relayout = func() {
		n.cards.Refresh()
		n.scroll.Refresh()
	}
	n.empty = widgets.NewEmptyState(theme.GridIcon(), "Not enough history to chart yet",
		"The charts appear once you track a few interviews. The work-search log and the report work already.")
	n.empty.Hide()
	n.scroll = container.NewVScroll(container.NewPadded(n.cards))
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewStack(n.empty, n.scroll))
}

// onShown reads the figures again each time the tab appears: the other
// tabs change them.
func (n *insightsTab) onShown() {
	n.seq++
	seq := n.seq
	var st insight.Stats
	n.ui.background(func() error {
		records, loc, _, err := n.ui.searchRecords()
		if err != nil {
			return err
		}
		st = insight.Compute(records, time.Now(), loc)
		return nil
	}, func(err error) {
		if seq != n.seq {
			return
		}
		if err != nil {
			n.summary.SetText("Your search could not be read.")
			n.ui.showError("The figures could not be worked out", err)
			return
		}
		n.show(st)
	})
}

// searchRecords reads every record with the user's zone and settings, off
// the UI goroutine.
func (u *UI) searchRecords() ([]data.Record, *time.Location, data.Settings, error) {
	st, err := u.env.Store.LoadSettings(u.ctx)
	if err != nil {
		return nil, nil, st, err
	}
	records, err := u.env.Store.Records(u.ctx)
	if err != nil {
		return nil, nil, st, err
	}
	return records, st.Zone(), st, nil
}

// show lays out the cards for st.
func (n *insightsTab) show(st insight.Stats) {
	n.stats, n.loaded = st, true
	n.summary.SetText(insightsSummary(st))
	if st.Interviews < insight.MinInterviews {
		n.empty.Show()
		n.scroll.Hide()
		n.cards.RemoveAll()
		n.charts = map[string]*insightCard{}
		return
	}
	n.empty.Hide()
	n.scroll.Show()
	specs := insight.Specs(st)
	// Cards are kept across loads, so an open "numbers" view stays open.
	if len(n.charts) != len(specs) {
		n.cards.RemoveAll()
		n.charts = map[string]*insightCard{}
		for _, spec := range specs {
			card := n.newCard(spec)
			n.charts[spec.Key] = card
			n.cards.Add(card.body)
		}
	}
	for _, spec := range specs {
		n.charts[spec.Key].update(spec, st)
	}
	n.cards.Refresh()
}

func insightsSummary(st insight.Stats) string {
	s := plural(st.Interviews, "interview", "interviews") + " with " + plural(st.Companies, "company", "companies") +
		"; " + thousands(st.Open) + " still open; " + plural(st.Messages, "message", "messages") + " filed."
	if st.Replies.Answers > 0 {
		s += " Companies answered in " + insight.DaysText(st.Replies.MedianDays) + " (median)."
	}
	return s
}

// newCard builds the card of one chart.
func (n *insightsTab) newCard(spec insight.Spec) *insightCard {
	card := &insightCard{spec: spec, body: container.NewVBox()}
	card.chart = widgets.NewChart(220, func(w, h int, scale float32, done func(image.Image)) {
		n.drawChart(card, w, h, scale, done)
	})
	card.numbers = widget.NewTable(
		func() (int, int) { return len(card.spec.Numbers), numbersCols(card.spec.Numbers) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			row := card.spec.Numbers[id.Row]
			l.TextStyle.Bold = id.Row == 0
			l.SetText("")
			if id.Col < len(row) {
				l.SetText(row[id.Col])
			}
		})
	card.toggle = &widget.Button{Text: "Show numbers", Icon: theme.ListIcon(), Importance: widget.LowImportance,
		OnTapped: card.onToggle}
	return card
}

func numbersCols(rows [][]string) int {
	if len(rows) == 0 {
		return 0
	}
	return len(rows[0])
}

// update puts the figures of spec into the card.
func (c *insightCard) update(spec insight.Spec, st insight.Stats) {
	c.spec, c.stats = spec, st
	title := &widget.Label{Text: spec.Title, TextStyle: fyne.TextStyle{Bold: true}}
	caption := &widget.Label{Text: spec.Caption, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	height := float32(insight.Height(spec.Key, st, 96))
	c.chart.Height = height
	var shown fyne.CanvasObject
	switch {
	case spec.Empty != "":
		shown = &widget.Label{Text: spec.Empty, Wrapping: fyne.TextWrapWord}
		caption.Hide()
		c.toggle.Hide()
	case c.showing:
		// A table has no height of its own: a strut gives it the room
		// its rows need, up to the chart's height, and it scrolls past.
		strut := canvas.NewRectangle(color.Transparent)
		strut.SetMinSize(fyne.NewSize(0, c.sizeNumbers(height)))
		shown = container.NewStack(strut, c.numbers)
		c.toggle.Show()
	default:
		shown = c.chart
		c.toggle.Show()
		c.chart.Redraw()
	}
	c.body.Objects = []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, c.toggle, title), shown, caption, widget.NewSeparator()}
	c.body.Refresh()
	c.numbers.Refresh()
}

// sizeNumbers gives each column of the numbers the width of its longest
// cell (in the first 200 rows), and returns the height the table should
// have: its rows, within the chart's height (at least 240).
func (c *insightCard) sizeNumbers(height float32) float32 {
	cols := numbersCols(c.spec.Numbers)
	for col := 0; col < cols; col++ {
		w := float32(60)
		for i, row := range c.spec.Numbers {
			if i > 200 {
				break
			}
			if col < len(row) {
				w = max(w, fyne.MeasureText(row[col], theme.TextSize(), fyne.TextStyle{Bold: i == 0}).Width+4*theme.Padding()+4)
			}
		}
		c.numbers.SetColumnWidth(col, min(w, 360))
	}
	row := c.numbers.MinSize().Height
	if row <= 0 {
		row = theme.TextSize() + 4*theme.Padding()
	}
	rows := float32(len(c.spec.Numbers))*(row+1) + theme.Padding()
	return min(max(rows, 80), max(height, 240))
}

func (c *insightCard) onToggle() {
	c.showing = !c.showing
	if c.showing {
		c.toggle.SetText("Show chart")
		c.toggle.SetIcon(theme.VisibilityIcon())
	} else {
		c.toggle.SetText("Show numbers")
		c.toggle.SetIcon(theme.ListIcon())
	}
	c.update(c.spec, c.stats)
}

// drawChart draws a card's chart off the UI goroutine, in the colours of
// the theme now shown.
func (n *insightsTab) drawChart(card *insightCard, w, h int, scale float32, done func(image.Image)) {
	st, key := n.stats, card.spec.Key
	style := chartStyle(scale)
	var img image.Image
	n.ui.background(func() (err error) {
		img, err = insight.Draw(key, st, style, w, h)
		return err
	}, func(err error) {
		if err != nil {
			done(nil)
			return
		}
		done(img)
	})
}

// chartStyle is the current theme's colours for a chart, with its text at
// the screen's scale.
func chartStyle(scale float32) insight.Style {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := toNRGBA(th.Color(theme.ColorNameForeground, v))
	bg := toNRGBA(th.Color(theme.ColorNameBackground, v))
	return insight.Style{
		Foreground: fg, Background: bg,
		Grid:    mix(bg, fg, 0.12),
		Primary: th.Color(theme.ColorNamePrimary, v),
		Muted:   mix(bg, fg, 0.42),
		DPI:     96 * float64(scale),
	}
}

// focusTarget is where the keyboard focus goes when the tab is shown.
func (n *insightsTab) focusTarget() fyne.Focusable {
	if n.logBtn == nil {
		return nil
	}
	return n.logBtn
}
