package views

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// showIf shows or hides o, touching it only when that changes anything, and
// reports whether it did (so a caller can lay out again only then).
func showIf(o fyne.CanvasObject, on bool) bool {
	if o.Visible() == on {
		return false
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	return true
}

// quietly runs set with *flag raised, so the OnChanged handlers it sets off
// know the change is the program's own, not the user's (and do not save,
// redraft or count it as an edit). The flag is restored, not cleared, so
// quiet sections nest.
func quietly(flag *bool, set func()) {
	was := *flag
	*flag = true
	defer func() { *flag = was }()
	set()
}

// setTextQuietly replaces a label's text only when it differs, so labels a
// background result sets again and again are not redrawn for nothing.
func setTextQuietly(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// sentence capitalises a data-layer message and ends it with a stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// dateLayout is the Go layout DateEntry writes dates in for the
// user's locale. Formatting Go's reference date yields the layout itself.
// A bare struct, not NewDateEntry: it never builds a renderer, which would
// cost a calendar and its icons on the way to the first frame.
func dateLayout() string {
	e := &widget.DateEntry{}
	ref := time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)
	e.SetDate(&ref)
	return e.Text
}

// thousands writes 100000 as "100,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// plural counts things in words: "1 interview", "2,000 interviews".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}
