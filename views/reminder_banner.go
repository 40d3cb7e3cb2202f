package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/views/widgets"
)

// reminderBanner is the strip under the tabs that names the interviews
// coming soon. Each tab has its own copy, so the reminder is in view
// whichever tab is open; they all say the same.
type reminderBanner struct {
	box  *fyne.Container
	text *widget.Label
	// why says, when desktop notifications cannot be sent, that the
	// window is where reminders appear.
	why *widget.Label
	// act is the banner's action (writing a check-in that is due).
	act *widget.Button
}

func newReminderBanner(noNotifications string) *reminderBanner {
	b := &reminderBanner{
		text: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		why: &widget.Label{Text: "Desktop notifications are not available here (" + noNotifications +
			"), so reminders appear in this window.", SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis},
	}
	if noNotifications == "" {
		b.why.Hide()
	}
	b.act = &widget.Button{Icon: theme.MailComposeIcon(), Importance: widget.LowImportance}
	b.act.Hide()
	b.box = widgets.NewBanner(theme.ColorNamePrimary, theme.NewColoredResource(theme.CalendarIcon(), theme.ColorNamePrimary),
		container.NewBorder(nil, nil, nil, container.NewCenter(b.act), container.NewVBox(b.text, b.why)))
	b.box.Hide()
	return b
}

// setReminder shows text in every tab's banner, or hides them for "".
func (u *UI) setReminder(text string) {
	u.reminderNow = text
	for _, b := range u.reminderBanners {
		if b.text.Text != text {
			b.text.SetText(text)
		}
		if showIf(b.box, text != "") {
			u.tabs.Refresh()
		}
	}
}

// reminderText is what the banners say ("" when hidden).
func (u *UI) reminderText() string { return u.reminderNow }

// setReminderAction gives every tab's banner a button (label "" for none).
func (u *UI) setReminderAction(label string, do func()) {
	for _, b := range u.reminderBanners {
		b.act.SetText(label)
		b.act.OnTapped = do
		showIf(b.act, label != "" && do != nil)
	}
}

// checkInsChanged reads the check-ins that are due again, after one was
// set or done.
func (u *UI) checkInsChanged() { u.tracker.loadCheckIns() }
