package views

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"bridgekeeper/data"
)

// trackerColumnsKey is the preference holding the widths the user dragged
// the columns to, in the order of data.Columns, 0 for "fit the content".
const trackerColumnsKey = "tracker.columnWidths"

const (
	// trackerWidestSample is how many of the longest values of a column
	// are measured: length in characters only roughly predicts width.
	trackerWidestSample = 5
	// trackerColumnCap is the most a column's content asks for; longer
	// values are cut with an ellipsis rather than crowd the rest out.
	trackerColumnCap = 320
	// trackerColumnFloor is the least a text column shrinks to, and
	// trackerColumnComfy the width it keeps while others can give.
	trackerColumnFloor = 64
	trackerColumnComfy = 110
)

// trackerColumns sizes the table's columns: each as wide as its content
// asks (the longest names measured, the dates and statuses as they read),
// widths the user dragged kept and remembered, any room left shared among
// the text columns, and the text columns shrunk first when space is short.
// It is the layout of the table's container, so it runs on every resize.
type trackerColumns struct {
	t *trackerTab
	// user holds the widths the user chose, 0 where none.
	user [5]float32
	// natural is what each column's content asks for; stale when the rows
	// changed since it was measured.
	natural [5]float32
	// floor is the least each column shrinks to before the table scrolls.
	floor [5]float32
	stale bool
	// measuredModel and measuredTotal are the rows natural was measured
	// on: a search narrows the rows but must not move the columns.
	measuredModel *data.Table
	measuredTotal int
	widths        [5]float32
	size          fyne.Size
}

func newTrackerColumns(t *trackerTab) *trackerColumns {
	l := &trackerColumns{t: t, stale: true}
	for i, f := range strings.Split(t.ui.env.App.Preferences().String(trackerColumnsKey), ",") {
		if w, err := strconv.ParseFloat(strings.TrimSpace(f), 32); err == nil && i < len(l.user) && w >= trackerColumnFloor && w <= 4*trackerColumnCap {
			l.user[i] = float32(w)
		}
	}
	t.table.ColumnWidth = func(col int) float32 { return l.widths[col] }
	t.table.OnColumnResized = l.onResized
	return l
}

// contentChanged is told that the rows changed, so the widths are measured
// again and applied at once.
func (l *trackerColumns) contentChanged() {
	if m := l.t.model; m == l.measuredModel && (m == nil || m.Total() == l.measuredTotal) {
		return
	}
	l.stale = true
	if l.size.Width > 0 {
		l.apply()
	}
}

// onResized keeps a width the user dragged a column to, for this and later
// runs; the other columns make room.
func (l *trackerColumns) onResized(col int, width float32) {
	if col < 0 || col >= len(l.user) {
		return
	}
	l.user[col] = max(trackerColumnFloor, width)
	parts := make([]string, len(l.user))
	for i, w := range l.user {
		parts[i] = strconv.Itoa(int(w))
	}
	l.t.ui.env.App.Preferences().SetString(trackerColumnsKey, strings.Join(parts, ","))
	l.apply()
}

// Layout is part of fyne.Layout.
func (l *trackerColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
	l.size = size
	l.apply()
}

// MinSize is part of fyne.Layout: columns shrink (or the table scrolls
// sideways), so the table asks for little.
func (l *trackerColumns) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(240, 120) }

// apply works the widths out for the current size and hands the changed
// ones to the table.
func (l *trackerColumns) apply() {
	if l.stale {
		l.natural, l.floor = l.measure()
		l.stale = false
		l.measuredModel = l.t.model
		if l.t.model != nil {
			l.measuredTotal = l.t.model.Total()
		}
	}
	pad := theme.Padding()
	avail := l.size.Width - pad*float32(len(l.widths)) - 2
	var fixed [5]bool
	for i, u := range l.user {
		fixed[i] = u > 0
	}
	for i, w := range trackerShareWidths(l.wanted(), l.floor, fixed, avail) {
		w = float32(int(w))
		if w != l.widths[i] {
			l.widths[i] = w
			l.t.table.SetColumnWidth(i, w)
		}
	}
}

// wanted is each column's width before sharing: the user's, or the
// content's.
func (l *trackerColumns) wanted() [5]float32 {
	w := l.natural
	for i, u := range l.user {
		if u > 0 {
			w[i] = u
		}
	}
	return w
}

// trackerShareWidths fits wanted widths into avail: room to spare goes to
// the text columns the user did not size (company and role most); a
// shortfall comes out of the text columns first, then out of the rest.
func trackerShareWidths(want, floor [5]float32, fixed [5]bool, avail float32) [5]float32 {
	weight := [5]float32{3, 3, 2, 0, 0}
	var weights float32
	for i := range weight {
		if fixed[i] {
			weight[i] = 0 // a width the user chose stays as chosen
		}
		weights += weight[i]
	}
	var sum float32
	for _, w := range want {
		sum += w
	}
	out := want
	if sum <= avail {
		if weights == 0 {
			return out
		}
		extra := avail - sum
		for i := range out {
			out[i] += extra * weight[i] / weights
		}
		return out
	}
	// The text columns give up room down to a comfortable width first,
	// then the date drops its "in 2 days" note and the status its slack,
	// then the text columns shrink to their floor; past that the table
	// scrolls sideways.
	comfy := floor
	for _, i := range []int{0, 1, 2} {
		comfy[i] = min(want[i], max(floor[i], trackerColumnComfy))
	}
	short := sum - avail
	for _, stage := range []struct {
		cols  []int
		floor [5]float32
	}{{[]int{0, 1, 2}, comfy}, {[]int{3, 4}, floor}, {[]int{0, 1, 2}, floor}} {
		var give float32
		for _, i := range stage.cols {
			give += max(0, out[i]-stage.floor[i])
		}
		if give <= 0 || short <= 0 {
			continue
		}
		take := min(short, give)
		for _, i := range stage.cols {
			out[i] -= take * max(0, out[i]-stage.floor[i]) / give
		}
		short -= take
	}
	return out
}

// measure finds what each column's content needs: the header, and the
// widest of the longest values (by characters) among all rows.
func (l *trackerColumns) measure() (natural, floor [5]float32) {
	size := theme.TextSize()
	inner := 2*theme.InnerPadding() + 4
	bold := fyne.TextStyle{Bold: true}
	var out [5]float32
	for i, col := range data.Columns() {
		style := fyne.TextStyle{}
		if col == data.ColCompany {
			style = bold
		}
		// The header is bold and carries the sort arrow.
		out[i] = fyne.MeasureText(columnHeading(col), size, bold).Width + theme.IconInlineSize() + inner
		for _, s := range l.longest(col) {
			out[i] = max(out[i], min(trackerColumnCap, fyne.MeasureText(s, size, style).Width+inner))
		}
	}
	// A date as it reads, the year included when some row needs it, and
	// the longest "in …" note; a status with its dot.
	date, note := l.widestWhen()
	dateWidth := fyne.MeasureText(date, size, fyne.TextStyle{}).Width + inner
	out[data.ColWhen] = max(out[data.ColWhen], dateWidth+fyne.MeasureText(note, size, fyne.TextStyle{}).Width+3*theme.InnerPadding())
	out[data.ColStatus] = max(out[data.ColStatus], fyne.MeasureText("Needs attention", size, bold).Width+12+inner)
	floor = [5]float32{trackerColumnFloor, trackerColumnFloor, trackerColumnFloor, dateWidth,
		fyne.MeasureText("Rescheduled", size, fyne.TextStyle{}).Width + 12 + inner}
	return out, floor
}

// widestWhen is the longest date and note the When column shows: the
// dates and notes of the earliest and latest interviews, and a week ahead.
func (l *trackerColumns) widestWhen() (date, note string) {
	now := time.Now()
	date, note = "Wed 30 Sep 23:59", RelativeTime(now.Add(6*24*time.Hour), now)
	if l.t.model == nil {
		return date, note
	}
	var first, last *data.Brief
	for i := range l.t.model.Len() {
		iv := l.t.model.Row(i)
		if iv.StartsAt.IsZero() {
			continue
		}
		if first == nil || iv.StartsAt.Before(first.StartsAt) {
			first = iv
		}
		if last == nil || iv.StartsAt.After(last.StartsAt) {
			last = iv
		}
	}
	for _, iv := range []*data.Brief{first, last} {
		if iv == nil {
			continue
		}
		at, rel := l.t.whenText(iv, now)
		if utf8.RuneCountInString(at) > utf8.RuneCountInString(date) {
			date = "Wed 30 Sep 2026 23:59"
		}
		if utf8.RuneCountInString(rel) > utf8.RuneCountInString(note) {
			note = rel
		}
	}
	return date, note
}

// longest is the few longest values of a text column among all rows.
func (l *trackerColumns) longest(col data.Column) []string {
	if l.t.model == nil {
		return nil
	}
	value := func(iv *data.Brief) string {
		switch col {
		case data.ColCompany:
			return iv.Company
		case data.ColRole:
			return iv.Role
		case data.ColContact:
			if c := strings.TrimSpace(iv.ContactName); c != "" {
				return c
			}
			return iv.ContactEmail
		}
		return ""
	}
	var top []string
	for i := range l.t.model.Len() {
		s := value(l.t.model.Row(i))
		if len(s) == 0 || (len(top) == trackerWidestSample && len(s) <= len(top[len(top)-1])) {
			continue
		}
		at := len(top)
		for at > 0 && len(top[at-1]) < len(s) {
			at--
		}
		if len(top) < trackerWidestSample {
			top = append(top, "")
		}
		copy(top[at+1:], top[at:len(top)-1])
		top[at] = s
	}
	return top
}
