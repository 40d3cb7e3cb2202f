package widgets

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewQuiet is secondary text, in the theme's placeholder colour, as one
// segment that SetQuietText replaces.
func NewQuiet(text string) *widget.RichText {
	return &widget.RichText{Scroll: container.ScrollNone, Segments: []widget.RichTextSegment{&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}}}}
}

// SetQuietText replaces the text of a one-segment RichText, refreshing it
// only when the text changed.
func SetQuietText(rt *widget.RichText, text string) {
	seg := rt.Segments[0].(*widget.TextSegment)
	if seg.Text == text {
		return
	}
	seg.Text = text
	rt.Refresh()
}
