package insight

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The charts, by key.
const (
	ChartFunnel  = "funnel"
	ChartWeekly  = "weekly"
	ChartReplies = "replies"
	ChartLeaving = "leaving"
	ChartReasons = "reasons"
)

// MinInterviews is how many interviews the charts need before they say
// anything: with fewer, a funnel or a median is one person's anecdote.
const MinInterviews = 3

// maxBars is the most companies or reasons one chart lists; the numbers
// beside it list them all.
const maxBars = 12

// Style is how charts are drawn: in the window's theme, or for print.
type Style struct {
	Foreground, Background, Grid color.Color
	// Primary draws the main series, Muted the ones beside it (outcomes,
	// interviews called off).
	Primary, Muted color.Color
	// DPI sets the size of text: 96 on a normal screen, more on a dense
	// one or on paper.
	DPI float64
}

// PrintStyle is black on white, for paper.
func PrintStyle() Style {
	return Style{
		Foreground: color.NRGBA{0x21, 0x21, 0x21, 0xff}, Background: color.White,
		Grid:    color.NRGBA{0xdd, 0xdd, 0xdd, 0xff},
		Primary: color.NRGBA{0x1f, 0x5f, 0xa8, 0xff}, Muted: color.NRGBA{0x9e, 0x9e, 0x9e, 0xff},
		DPI: 150,
	}
}

// Spec says what a chart shows, or why it has nothing to show yet.
type Spec struct {
	Key, Title, Caption string
	// Empty, when not "", says why the chart is not drawn: too little
	// history, or nothing of its kind yet.
	Empty string
	// Numbers are the figures behind the chart, as rows of cells with
	// the column names first: what "Show numbers" lists.
	Numbers [][]string
}

// Specs lists every chart with its caption and figures, in the order the
// window and the report show them.
func Specs(st Stats) []Spec {
	specs := []Spec{funnelSpec(st), weeklySpec(st), repliesSpec(st), leavingSpec(st), reasonsSpec(st)}
	if st.Interviews < MinInterviews {
		for i := range specs {
			specs[i].Empty = fmt.Sprintf("Too little history to chart yet: %s so far. The charts appear from %d.",
				plural(st.Interviews, "interview", "interviews"), MinInterviews)
		}
	}
	return specs
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func funnelSpec(st Stats) Spec {
	f := st.Funnel
	s := Spec{Key: ChartFunnel, Title: "How far interviews got",
		Caption: fmt.Sprintf("Of %s you attended %d; %d led to an offer and you accepted %d. In grey, where each one stands now.",
			plural(f.Scheduled, "interview", "interviews"), f.Attended, f.Offer, f.Accepted),
		Numbers: [][]string{{"Stage", "Interviews", "Share"}}}
	for _, c := range append(f.Stages(), f.Outcomes()...) {
		s.Numbers = append(s.Numbers, []string{c.Label, strconv.Itoa(c.N), percent(c.N, f.Scheduled)})
	}
	return s
}

func percent(n, of int) string {
	if of == 0 {
		return "–"
	}
	return strconv.Itoa(int(math.Round(100*float64(n)/float64(of)))) + "%"
}

func weeklySpec(st Stats) Spec {
	total, off := 0, 0
	s := Spec{Key: ChartWeekly, Title: "Interviews per week",
		Numbers: [][]string{{"Week of", "Interviews", "Called off"}}}
	for _, w := range st.Weekly {
		total += w.Interviews
		off += w.CalledOff
		s.Numbers = append(s.Numbers, []string{w.Start.Format("Mon 2 Jan 2006"), strconv.Itoa(w.Interviews), strconv.Itoa(w.CalledOff)})
	}
	s.Caption = fmt.Sprintf("%s in the last %d weeks, by the week each was set for; %d called off (grey).",
		plural(total, "interview", "interviews"), len(st.Weekly), off)
	if total == 0 {
		s.Empty = fmt.Sprintf("No interviews were set in the last %d weeks.", len(st.Weekly))
	}
	return s
}

func repliesSpec(st Stats) Spec {
	r := st.Replies
	s := Spec{Key: ChartReplies, Title: "Days to an answer",
		Numbers: [][]string{{"Company", "Median days", "Answers", "Waiting", "Went quiet"}}}
	for _, c := range r.Companies {
		s.Numbers = append(s.Numbers, []string{c.Company, DaysText(c.MedianDays), strconv.Itoa(c.Answers),
			strconv.Itoa(c.Waiting), strconv.Itoa(c.Ghosted)})
	}
	if r.Answers == 0 {
		s.Empty = "No answers recorded yet: mark an interview Offer or Rejected when they reply, and the days it took show here."
		return s
	}
	s.Caption = fmt.Sprintf("Median days from an interview to the company's answer (an offer or a no), slowest first; overall %s over %s.",
		DaysText(r.MedianDays), plural(r.Answers, "answer", "answers"))
	return s
}

// DaysText writes a number of days as a person reads it: "1 day",
// "4.5 days"; "–" for none (-1).
func DaysText(d float64) string {
	if d < 0 {
		return "–"
	}
	if d == 1 {
		return "1 day"
	}
	return strconv.FormatFloat(d, 'f', -1, 64) + " days"
}

func leavingSpec(st Stats) Spec {
	l := st.Left
	s := Spec{Key: ChartLeaving, Title: "How you left",
		Caption: fmt.Sprintf("The %s you cancelled, withdrew from or declined, by the message you filed (grey: none).",
			plural(l.Total, "interview", "interviews")),
		Numbers: [][]string{{"Message", "Interviews", "Share"}}}
	for _, c := range l.ByScenario {
		s.Numbers = append(s.Numbers, []string{c.Label, strconv.Itoa(c.N), percent(c.N, l.Total)})
	}
	if l.Total == 0 {
		s.Empty = "You have not cancelled, withdrawn from or declined anything yet."
	}
	return s
}

func reasonsSpec(st Stats) Spec {
	l := st.Left
	n := 0
	for _, c := range l.ByReason {
		n += c.N
	}
	s := Spec{Key: ChartReasons, Title: "Reasons you gave",
		Caption: fmt.Sprintf("The reasons in the %s you filed when leaving.", plural(n, "message", "messages")),
		Numbers: [][]string{{"Reason", "Messages", "Share"}}}
	for _, c := range l.ByReason {
		s.Numbers = append(s.Numbers, []string{c.Label, strconv.Itoa(c.N), percent(c.N, n)})
	}
	if n == 0 {
		s.Empty = "No message filed when leaving yet, so no reasons to count."
	}
	return s
}

// Rows is how many bars (or rows of bars) the chart key draws, so a
// caller can give it a height that keeps bars apart.
func Rows(key string, st Stats) int {
	switch key {
	case ChartFunnel:
		return len(st.Funnel.Stages()) + 1 + len(st.Funnel.Outcomes())
	case ChartReplies:
		n := 0
		for _, c := range st.Replies.Companies {
			if c.Answers > 0 {
				n++
			}
		}
		return min(n, maxBars)
	case ChartLeaving:
		return min(len(st.Left.ByScenario), maxBars)
	case ChartReasons:
		return min(len(st.Left.ByReason), maxBars)
	}
	return 8
}

// Height is a good height in pixels at dpi for the chart key: enough
// for its rows and axis, within limits that keep a chart on a screen.
func Height(key string, st Stats, dpi float64) int {
	if dpi <= 0 {
		dpi = 96
	}
	rows := max(Rows(key, st), 3)
	px := 70 + 22*rows
	if key == ChartWeekly {
		px = 240
	}
	return int(float64(min(px, 420)) * dpi / 96)
}

// Draw renders the chart key of st at width × height pixels.
func Draw(key string, st Stats, style Style, width, height int) (image.Image, error) {
	if width < 40 || height < 40 {
		return nil, fmt.Errorf("draw the %s chart: %d×%d pixels is too small", key, width, height)
	}
	p, err := build(key, st, style)
	if err != nil {
		return nil, fmt.Errorf("draw the %s chart: %w", key, err)
	}
	dpi := style.DPI
	if dpi <= 0 {
		dpi = 96
	}
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(width)*vg.Inch/vg.Length(dpi), vg.Length(height)*vg.Inch/vg.Length(dpi)),
		vgimg.UseDPI(int(dpi)), vgimg.UseBackgroundColor(style.Background))
	p.Draw(draw.New(c))
	return c.Image(), nil
}

// DrawPNG renders the chart as a ChartImage for a document.
func DrawPNG(spec Spec, st Stats, style Style, width, height int) (ChartImage, error) {
	img, err := Draw(spec.Key, st, style, width, height)
	if err != nil {
		return ChartImage{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ChartImage{}, fmt.Errorf("draw the %s chart: %w", spec.Key, err)
	}
	return ChartImage{Key: spec.Key, Title: spec.Title, Caption: spec.Caption, PNG: buf.Bytes(),
		Width: img.Bounds().Dx(), Height: img.Bounds().Dy()}, nil
}

// build makes the plot for key.
func build(key string, st Stats, style Style) (*plot.Plot, error) {
	switch key {
	case ChartFunnel:
		f := st.Funnel
		// A blank row parts the stages from where the rest ended up.
		bars := append(append(f.Stages(), Count{Key: gap}), f.Outcomes()...)
		return hbars(style, bars, len(f.Stages()), "interviews")
	case ChartWeekly:
		return weeklyPlot(st, style)
	case ChartReplies:
		var bars []Count
		for _, c := range st.Replies.Companies {
			if c.Answers > 0 && len(bars) < maxBars {
				bars = append(bars, Count{Label: fmt.Sprintf("%s (%d)", shorten(c.Company, 28), c.Answers), N: int(math.Round(c.MedianDays * 10))})
			}
		}
		return hbarsTenths(style, bars, "median days")
	case ChartLeaving:
		bars := limit(st.Left.ByScenario)
		primary := len(bars)
		for i, c := range bars {
			if c.Key == NoMessage {
				// "No message" last and grey, as a funnel's outcome.
				bars = append(append(append([]Count{}, bars[:i]...), bars[i+1:]...), c)
				primary = len(bars) - 1
				break
			}
		}
		return hbars(style, bars, primary, "interviews")
	case ChartReasons:
		return hbars(style, limit(st.Left.ByReason), maxBars, "messages")
	}
	return nil, fmt.Errorf("no chart called %q", key)
}

func limit(cs []Count) []Count {
	if len(cs) > maxBars {
		return cs[:maxBars]
	}
	return cs
}

// shorten cuts s to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// sans is Liberation Sans at size points: the face the window's text is
// closest to (plot's default is the serif).
func sans(size float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
}

// gap is the key of a blank row between groups of bars.
const gap = "-"

// newPlot is an empty plot in style.
func newPlot(style Style) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = style.Background
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color = style.Foreground
		ax.Label.TextStyle.Color = style.Foreground
		ax.Tick.Label.Color = style.Foreground
		ax.Tick.Color = style.Foreground
		ax.LineStyle.Color = style.Foreground
		ax.Tick.LineStyle.Color = style.Foreground
		ax.Tick.Label.Font = sans(9)
		ax.Label.TextStyle.Font = sans(9)
	}
	return p
}

// hbars draws counts as horizontal bars, the first primary of them in
// the primary colour and the rest muted, each with its number at its end.
// Bars run top to bottom in the order given.
func hbars(style Style, counts []Count, primary int, unit string) (*plot.Plot, error) {
	values := make([]float64, len(counts))
	for i, c := range counts {
		values[i] = float64(c.N)
	}
	return barsPlot(style, counts, values, primary, unit, func(v float64) string { return strconv.Itoa(int(v)) })
}

// hbarsTenths is hbars for values held in tenths (days to an answer).
func hbarsTenths(style Style, counts []Count, unit string) (*plot.Plot, error) {
	values := make([]float64, len(counts))
	for i, c := range counts {
		values[i] = float64(c.N) / 10
	}
	return barsPlot(style, counts, values, len(counts), unit, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
}

func barsPlot(style Style, counts []Count, values []float64, primary int, unit string, text func(float64) string) (*plot.Plot, error) {
	p := newPlot(style)
	n := len(counts)
	if n == 0 {
		return nil, fmt.Errorf("nothing to chart")
	}
	labels := make([]string, n)
	top, bottom := make(plotter.Values, n), make(plotter.Values, n)
	var xys plotter.XYs
	var texts []string
	maxV := 0.0
	// Y runs upwards, so the first bar goes at the top.
	for i, c := range counts {
		y := n - 1 - i
		labels[y] = c.Label
		if i < primary {
			top[y] = values[i]
		} else {
			bottom[y] = values[i]
		}
		if c.Key != gap {
			xys = append(xys, plotter.XY{X: values[i], Y: float64(y)})
			texts = append(texts, text(values[i]))
		}
		maxV = math.Max(maxV, values[i])
	}
	width := vg.Points(9)
	p.Add(verticalGrid(style))
	for _, part := range []struct {
		v   plotter.Values
		col color.Color
	}{{top, style.Primary}, {bottom, style.Muted}} {
		bc, err := plotter.NewBarChart(part.v, width)
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = part.col
		bc.LineStyle.Width = 0
		p.Add(bc)
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Color = style.Foreground
		lb.TextStyle[i].Font = sans(9)
		lb.TextStyle[i].YAlign = draw.YCenter
	}
	lb.Offset = vg.Point{X: vg.Points(4)}
	p.Add(lb)
	p.NominalY(labels...)
	// Half a row of room above the top bar and below the last.
	p.Y.Min, p.Y.Max = -0.7, float64(n)-0.3
	p.X.Min = 0
	// Room at the end of the longest bar for its number.
	p.X.Max = math.Max(1, maxV*1.15)
	p.X.Label.Text = unit
	p.X.Tick.Marker = wholeTicks{}
	return p, nil
}

// verticalGrid draws faint lines at the X ticks only.
func verticalGrid(style Style) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = style.Grid
	g.Horizontal.Width = 0
	return g
}

// wholeTicks marks whole numbers only: half an interview means nothing.
type wholeTicks struct{}

// Ticks returns about five ticks at whole steps between min and max.
func (wholeTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	step := 1.0
	for span/step > 6 {
		switch {
		case step*2*6 >= span:
			step *= 2
		case step*5*6 >= span:
			step *= 5
		default:
			step *= 10
		}
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return out
}

// weeklyPlot draws the weeks as columns, the called-off part grey on top
// of the rest, with the month under each month's first week.
func weeklyPlot(st Stats, style Style) (*plot.Plot, error) {
	p := newPlot(style)
	n := len(st.Weekly)
	if n == 0 {
		return nil, fmt.Errorf("no weeks to chart")
	}
	held, off := make(plotter.Values, n), make(plotter.Values, n)
	labels := make([]string, n)
	maxV := 0
	for i, w := range st.Weekly {
		held[i] = float64(w.Interviews - w.CalledOff)
		off[i] = float64(w.CalledOff)
		maxV = max(maxV, w.Interviews)
		if i == 0 || w.Start.Month() != st.Weekly[i-1].Start.Month() {
			labels[i] = w.Start.Format("Jan")
		}
	}
	width := vg.Points(8)
	a, err := plotter.NewBarChart(held, width)
	if err != nil {
		return nil, err
	}
	b, err := plotter.NewBarChart(off, width)
	if err != nil {
		return nil, err
	}
	a.Color, b.Color = style.Primary, style.Muted
	a.LineStyle.Width, b.LineStyle.Width = 0, 0
	b.StackOn(a)
	g := plotter.NewGrid()
	g.Horizontal.Color = style.Grid
	g.Vertical.Width = 0
	p.Add(g, a, b)
	p.NominalX(labels...)
	// Room for the first and last columns' full width.
	p.X.Min, p.X.Max = -0.7, float64(n)-0.3
	p.Y.Min = 0
	p.Y.Max = math.Max(1, float64(maxV)*1.1)
	p.Y.Label.Text = "interviews"
	p.Y.Tick.Marker = wholeTicks{}
	return p, nil
}
