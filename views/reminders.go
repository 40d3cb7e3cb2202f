package views

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

const (
	// trackerRemindWithin is how far ahead an interview earns a reminder.
	trackerRemindWithin = 24 * time.Hour
	// trackerRemindEvery is how often the reminders are looked at again.
	trackerRemindEvery = time.Minute
	// trackerBannerNames is how many interviews the banner names before
	// summing up the rest.
	trackerBannerNames = 3
)

// startReminderTicker re-checks the reminders every minute for the rest of
// the run, so the banner's "in 3 h" stays true and a notification goes out
// when an interview comes within a day.
// It stops when the UI closes, so a UI rebuilt after a restore does not
// leave its predecessor's reminders running beside its own.
func (t *trackerTab) startReminderTicker() {
	t.loadCheckIns()
	t.ui.every(trackerRemindEvery, func() {
		t.onUI(t.loadCheckIns)
	})
}

// loadCheckIns reads the check-ins that have fallen due, then updates the
// reminders with them.
func (t *trackerTab) loadCheckIns() {
	var due []data.CheckIn
	now := time.Now()
	t.bg(func() (err error) {
		due, err = t.ui.env.Store.DueCheckIns(t.ui.ctx, now)
		return err
	}, func(err error) {
		if err == nil {
			t.dueCheckIns = due
		}
		t.checkReminders(time.Now())
	})
}

// checkInText names the check-ins that are due: "Time to check in with
// Acme (set for 3 Jun)".
func checkInText(due []data.CheckIn) string {
	if len(due) == 0 {
		return ""
	}
	text := fmt.Sprintf("Time to check in with %s (set for %s)", trackerCompanyOf(due[0].Company), due[0].Due.Local().Format("2 Jan"))
	if len(due) > 1 {
		text += fmt.Sprintf(" and %d more", len(due)-1)
	}
	return text
}

// onWriteCheckIn opens a check-in draft for the first check-in due, and
// counts the check-in as done: the user is writing it.
func (t *trackerTab) onWriteCheckIn() {
	if len(t.dueCheckIns) == 0 {
		return
	}
	k := t.dueCheckIns[0]
	var iv data.Interview
	t.bg(func() error {
		if err := t.ui.env.Store.CheckInDone(t.ui.ctx, k.ID, time.Now()); err != nil {
			return err
		}
		if k.InterviewID == 0 {
			iv = data.Interview{Company: k.Company}
			return nil
		}
		var err error
		iv, err = t.ui.env.Store.Interview(t.ui.ctx, k.InterviewID)
		return err
	}, func(err error) {
		if err != nil {
			t.ui.showError("The check-in could not be opened", err)
			return
		}
		t.dueCheckIns = t.dueCheckIns[1:]
		t.checkReminders(time.Now())
		t.ui.composeAbout(&iv, string(compose.ScenarioCheckIn))
	})
}

// remindLead is how far ahead interviews earn a reminder: the user's
// setting, or a day until it is known.
func (t *trackerTab) remindLead() time.Duration {
	if t.remindWithin > 0 {
		return t.remindWithin
	}
	return trackerRemindWithin
}

// setReminderHours applies the reminder lead time from the settings.
func (t *trackerTab) setReminderHours(hours int) {
	if hours < 1 {
		return
	}
	t.remindWithin = time.Duration(hours) * time.Hour
	if t.started {
		t.checkReminders(time.Now())
	}
}

// dueSoon returns the interviews starting within the reminder lead time
// (a day unless the user chose otherwise), soonest first.
func (t *trackerTab) dueSoon(now time.Time) []data.Brief {
	var out []data.Brief
	for _, iv := range t.upcoming {
		if iv.StartsAt.Before(now) {
			continue
		}
		if iv.StartsAt.Sub(now) > t.remindLead() {
			break // upcoming is soonest first
		}
		out = append(out, iv)
	}
	return out
}

// checkReminders sends one desktop notification per interview starting
// within the lead time (once per run each) and updates the banner naming
// them, which every tab shows.
func (t *trackerTab) checkReminders(now time.Time) {
	soon := t.dueSoon(now)
	for _, iv := range soon {
		if t.notified[iv.ID] {
			continue
		}
		t.notified[iv.ID] = true
		if t.ui.env.NoNotifications == "" {
			t.ui.env.App.SendNotification(t.reminderNotification(iv, now))
		}
	}
	var parts []string
	if len(soon) > 0 {
		parts = append(parts, t.reminderBanner(soon, now))
	}
	if text := checkInText(t.dueCheckIns); text != "" {
		parts = append(parts, text)
	}
	t.ui.setReminder(strings.Join(parts, " · "))
	if len(t.dueCheckIns) > 0 {
		t.ui.setReminderAction("Write check-in", t.onWriteCheckIn)
	} else {
		t.ui.setReminderAction("", nil)
	}
}

// userTime is an interview's start in the user's own zone.
func (t *trackerTab) userTime(iv *data.Brief) time.Time {
	return iv.StartsAt.In(t.ui.zones.get(t.localZone))
}

// reminderNotification says which interview is coming and when, in the
// user's time, and in the interview's own when that differs.
func (t *trackerTab) reminderNotification(iv data.Brief, now time.Time) *fyne.Notification {
	what := trackerCompanyOf(iv.Company)
	if r := strings.TrimSpace(iv.Role); r != "" {
		what = r + " at " + what
	}
	at := t.userTime(&iv)
	when := at.Format("Mon 2 Jan, 15:04 MST")
	if there := t.local(&iv); there.Format("15:04 MST") != at.Format("15:04 MST") {
		when += " (" + there.Format("15:04 MST") + " there)"
	}
	return fyne.NewNotification(
		fmt.Sprintf("Interview %s: %s", ExactIn(iv.StartsAt, now), trackerCompanyOf(iv.Company)),
		what+" — "+when)
}

// reminderBanner reads "Next: Acme in 3 h 12 min (Wed 14:30) · Globex in
// 20 h (Thu 09:00)", the times in the user's zone.
func (t *trackerTab) reminderBanner(soon []data.Brief, now time.Time) string {
	parts := make([]string, 0, trackerBannerNames+1)
	for i, iv := range soon {
		if i == trackerBannerNames {
			parts = append(parts, fmt.Sprintf("and %d more", len(soon)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s)", trackerCompanyOf(iv.Company),
			ExactIn(iv.StartsAt, now), t.userTime(&iv).Format("Mon 15:04")))
	}
	return "Next: " + strings.Join(parts, " · ")
}
