package views

import (
	"slices"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// composeCheckInLabels are the check-in choices, and composeCheckInMonths
// how far ahead each is.
func composeCheckInLabels() []string {
	return []string{"In 1 month", "In 3 months", "In 6 months", composeCheckInOnDate}
}

// composeCheckInOnDate asks for a date of the user's choosing.
const composeCheckInOnDate = "On a date…"

func composeCheckInMonths() []int { return []int{1, 3, 6} }

// offerCheckIn shows the check-in choice once a message that steps back
// and keeps the door open has been filed on iv.
func (c *composeTab) offerCheckIn(iv data.Interview, in compose.Input) {
	info := composeInfo(in.Scenario)
	if !info.StepsBack || !in.KeepDoorOpen || iv.ID == 0 {
		c.checkIn.Hide()
		return
	}
	c.checkInFor = iv.ID
	c.quiet = true
	c.checkIn.ClearSelected()
	c.quiet = false
	c.checkIn.Show()
}

// onCheckIn sets the reminder the user chose.
func (c *composeTab) onCheckIn(label string) {
	i := slices.Index(composeCheckInLabels(), label)
	if c.quiet || i < 0 || c.checkInFor == 0 {
		return
	}
	now := time.Now()
	if label == composeCheckInOnDate {
		c.askCheckInDate()
		return
	}
	c.setCheckIn(now.AddDate(0, composeCheckInMonths()[i], 0), now)
}

// askCheckInDate asks for the day to check in on (at nine in the morning).
func (c *composeTab) askCheckInDate() {
	day := widget.NewDateEntry()
	day.PlaceHolder = "e.g. " + exampleDate(time.Now()).Format(c.dateLayout)
	d := dialog.NewCustomConfirm("Check in on which day?", "Remind me", "Cancel", day, func(ok bool) {
		c.quiet = true
		c.checkIn.ClearSelected()
		c.quiet = false
		if !ok || day.Date == nil {
			return
		}
		t := *day.Date
		c.setCheckIn(time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, time.Local), time.Now())
	}, c.ui.env.Window)
	c.ui.showDialog(d)
}

// setCheckIn stores a check-in due then, off the UI goroutine.
func (c *composeTab) setCheckIn(due, now time.Time) {
	id := c.checkInFor
	var k data.CheckIn
	c.ui.background(func() (err error) {
		k, err = c.ui.env.Store.AddCheckIn(c.ui.ctx, id, due, now)
		return err
	}, func(err error) {
		if err != nil {
			c.ui.showError("The check-in could not be set", err)
			return
		}
		c.checkIn.Hide()
		c.setStatus("You will be reminded to check in with "+composeOr(k.Company, "them")+" on "+k.Due.Local().Format("2 Jan 2006")+".",
			widget.SuccessImportance)
		c.ui.checkInsChanged()
	})
}
