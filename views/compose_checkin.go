package views

import (
	"slices"
	"time"

	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// composeCheckInLabels are the check-in choices, and composeCheckInMonths
// how far ahead each is.
func composeCheckInLabels() []string { return []string{"In 1 month", "In 3 months", "In 6 months"} }
func composeCheckInMonths() []int    { return []int{1, 3, 6} }

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
	due := now.AddDate(0, composeCheckInMonths()[i], 0)
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
