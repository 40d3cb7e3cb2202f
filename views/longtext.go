package views

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const (
	// longTextRunes and longTextLines bound what a details pane shows of a
	// note at once: wrapping tens of kilobytes in one label takes Fyne
	// seconds, during which the window is frozen.
	longTextRunes = 1200
	longTextLines = 14
	// longTextWidth is the width, in characters, the full text is broken
	// into for the Show all view, which lists it line by line.
	longTextWidth = 90
)

// longTextPreview returns the start of s, cut at a word after at most
// maxRunes characters or maxLines lines, and whether anything was cut.
func longTextPreview(s string, maxRunes, maxLines int) (string, bool) {
	lines := strings.SplitAfterN(s, "\n", maxLines+1)
	cut := len(lines) > maxLines
	if cut {
		s = strings.Join(lines[:maxLines], "")
	}
	if utf8.RuneCountInString(s) > maxRunes {
		runes := []rune(s)[:maxRunes]
		text := string(runes)
		if i := strings.LastIndexAny(text, " \n\t"); i > maxRunes/2 {
			text = text[:i]
		}
		s, cut = text, true
	}
	s = strings.TrimRight(s, " \n\t")
	if cut {
		s += " …"
	}
	return s, cut
}

// longTextLinesOf breaks s into lines of at most width characters, at
// spaces where it can, for a list that shows only the lines on screen.
func longTextLinesOf(s string, width int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		runes := []rune(para)
		for len(runes) > width {
			cut := width
			for i := width; i > width/2; i-- {
				if runes[i] == ' ' {
					cut = i
					break
				}
			}
			out = append(out, string(runes[:cut]))
			runes = runes[cut:]
			if len(runes) > 0 && runes[0] == ' ' {
				runes = runes[1:]
			}
		}
		out = append(out, string(runes))
	}
	return out
}

// showLongText opens the whole of a long text in a dialog that stays quick
// however long it is: a list draws only the lines in view.
func (u *UI) showLongText(title, text string, copyText func(string) error) {
	lines := longTextLinesOf(text, longTextWidth)
	list := widget.NewList(
		func() int { return len(lines) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateClip} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	list.HideSeparators = true
	status := &widget.Label{}
	var d *dialog.CustomDialog
	copyBtn := &widget.Button{Text: "Copy all", Icon: theme.ContentCopyIcon(), OnTapped: func() {
		if err := copyText(text); err != nil {
			status.SetText("Could not copy: " + err.Error())
			return
		}
		status.SetText("Copied.")
	}}
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, status, nil, nil, list), u.env.Window)
	d.SetButtons([]fyne.CanvasObject{copyBtn, &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}})
	d.Resize(fyne.NewSize(760, 520))
	u.showDialog(d)
}
