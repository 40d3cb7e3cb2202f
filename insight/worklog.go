package insight

import (
	"cmp"
	"io"
	"slices"
	"time"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// Method is how a contact with an employer was made, as benefit offices'
// work-search forms ask for it.
type Method string

// The methods a contact can have.
const (
	MethodEmail     Method = "email"
	MethodPhone     Method = "phone"
	MethodVoicemail Method = "voicemail"
	MethodText      Method = "text message"
	MethodInPerson  Method = "in person"
	MethodVideo     Method = "video"
	// MethodUnknown is a contact whose means the history does not hold
	// (an offer the user marked, not how it came).
	MethodUnknown Method = "not recorded"
)

// Contact is one line of the work-search log: a contact with an employer.
type Contact struct {
	At          time.Time `json:"at"`
	Company     string    `json:"company"`
	Role        string    `json:"role,omitempty"`
	Person      string    `json:"person,omitempty"`
	Email       string    `json:"email,omitempty"`
	Method      Method    `json:"method"`
	What        string    `json:"what"`
	InterviewID int64     `json:"interview_id"`
}

// Log is the work-search log for a range of days.
type Log struct {
	// From and To are the first and last day covered, at midnight in the
	// zone the log is kept in.
	From, To time.Time
	Contacts []Contact
}

// Employers counts the different companies in the log.
func (l Log) Employers() int {
	seen := map[string]bool{}
	for _, c := range l.Contacts {
		seen[c.Company] = true
	}
	return len(seen)
}

// WorkLog lists every contact with an employer from the first moment of
// day from to the last of day to (both in loc), oldest first:
//   - each interview that took place (or whose time has passed with no
//     outcome recorded), by the medium its location shows;
//   - each message filed from the composer, by its channel;
//   - each answer from the employer (an offer, a no), and each decision of
//     the user's that no filed message carries.
//
// Interviews cancelled or withdrawn from before their time are not
// contacts: the message that called them off is.
func WorkLog(records []data.Record, from, to time.Time, loc *time.Location, now time.Time) Log {
	if loc == nil {
		loc = time.Local
	}
	first := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
	end := time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, loc)
	l := Log{From: first, To: time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, loc)}
	w := newWording()
	for i := range records {
		if !touches(&records[i], first, end) {
			continue
		}
		for _, c := range contactsOf(&records[i], now, w) {
			if !c.At.Before(first) && c.At.Before(end) {
				c.At = c.At.In(loc)
				l.Contacts = append(l.Contacts, c)
			}
		}
	}
	slices.SortStableFunc(l.Contacts, func(a, b Contact) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.InterviewID, b.InterviewID))
	})
	return l
}

// touches reports whether anything of r happened in [first, end): most of
// a long search did not, and is skipped at once.
func touches(r *data.Record, first, end time.Time) bool {
	in := func(t time.Time) bool { return !t.Before(first) && t.Before(end) }
	if in(r.StartsAt) {
		return true
	}
	for _, e := range r.Events {
		if in(e.At) {
			return true
		}
	}
	return false
}

// wording is what the log says each message and status change did, made
// once per log.
type wording struct {
	deeds    map[compose.Scenario]string
	statuses map[data.Status]string
	// media caches how each location is held: a search has few distinct
	// ones, and reading one takes several regular expressions.
	media map[string]Method
}

// medium is how an interview at location is held.
func (w wording) medium(location string) Method {
	m, ok := w.media[location]
	if !ok {
		m = mediumMethod(compose.MediumOf(location))
		w.media[location] = m
	}
	return m
}

func newWording() wording {
	return wording{deeds: scenarioDeeds(), media: map[string]Method{}, statuses: map[data.Status]string{
		data.StatusAccepted:    "Accepted the offer",
		data.StatusDeclined:    "Declined",
		data.StatusWithdrawn:   "Withdrew from the process",
		data.StatusCancelled:   "Cancelled the interview",
		data.StatusRescheduled: "Interview moved to a new time",
	}}
}

// contactsOf lists one interview's contacts.
func contactsOf(r *data.Record, now time.Time, w wording) []Contact {
	base := Contact{Company: companyOf(r), Role: r.Role, Person: r.ContactName, Email: r.ContactEmail, InterviewID: r.ID}
	var out []Contact
	if c, ok := interviewContact(r, base, now, w); ok {
		out = append(out, c)
	}
	for _, e := range r.Events {
		switch {
		case e.Kind == data.EventDraft:
			c := base
			c.At, c.Method, c.What = e.At, channelMethod(e.Channel), w.message(e)
			out = append(out, c)
		case e.Kind == data.EventStatus:
			if what, ok := w.status(r, e); ok {
				c := base
				c.At, c.Method, c.What = e.At, MethodUnknown, what
				out = append(out, c)
			}
		}
	}
	return out
}

// interviewContact is the interview itself, when it took place: it reached
// attended, or its time passed while it was still set.
func interviewContact(r *data.Record, base Contact, now time.Time, w wording) (Contact, bool) {
	if r.StartsAt.IsZero() || !r.StartsAt.Before(now) {
		return Contact{}, false
	}
	p := pathOf(r, now)
	still := r.Status == data.StatusScheduled || r.Status == data.StatusRescheduled
	if !p.attended && !still {
		return Contact{}, false
	}
	c := base
	c.At = r.StartsAt
	c.Method = w.medium(r.Location)
	c.What = "Interview"
	if r.Role != "" {
		c.What += " for " + r.Role
	}
	c.What += outcomeText(r.Status)
	return c, true
}

// outcomeText says where an interview stands now, after its description.
func outcomeText(s data.Status) string {
	switch s {
	case data.StatusScheduled, data.StatusRescheduled, data.StatusAttended:
		return "; awaiting an answer"
	case data.StatusOffer:
		return "; offer received"
	case data.StatusAccepted:
		return "; offer accepted"
	case data.StatusDeclined:
		return "; I declined"
	case data.StatusRejected:
		return "; not selected"
	case data.StatusGhosted:
		return "; no answer from them"
	case data.StatusWithdrawn:
		return "; I withdrew later"
	}
	return ""
}

func mediumMethod(m compose.Medium) Method {
	switch m {
	case compose.MediumInPerson:
		return MethodInPerson
	case compose.MediumVideo:
		return MethodVideo
	case compose.MediumPhone:
		return MethodPhone
	}
	return MethodUnknown
}

// channelMethod is the method of a message sent by channel; messages filed
// before channels were recorded were emails.
func channelMethod(channel string) Method {
	switch compose.Channel(channel) {
	case compose.ChannelPhone:
		return MethodPhone
	case compose.ChannelVoicemail:
		return MethodVoicemail
	case compose.ChannelText:
		return MethodText
	}
	return MethodEmail
}

// message says what a filed message did, with its subject.
func (w wording) message(e data.Event) string {
	what, ok := w.deeds[compose.Scenario(e.Scenario)]
	if !ok {
		what = "Sent a message"
	}
	if e.Subject != "" && compose.Channel(e.Channel) != compose.ChannelPhone {
		what += ": “" + e.Subject + "”"
	}
	return what
}

// scenarioDeeds are what sending each scenario's message did, in the past
// tense a log is written in.
func scenarioDeeds() map[compose.Scenario]string {
	return map[compose.Scenario]string{
		compose.ScenarioCancel:            "Cancelled the interview",
		compose.ScenarioReschedule:        "Asked to move the interview",
		compose.ScenarioLastMinute:        "Cancelled the interview at short notice",
		compose.ScenarioWithdraw:          "Withdrew from the process",
		compose.ScenarioApology:           "Apologised for a missed interview",
		compose.ScenarioDeclineOffer:      "Declined the offer",
		compose.ScenarioDeclineInvitation: "Declined the invitation to interview",
		compose.ScenarioFollowUp:          "Followed up",
		compose.ScenarioRunningLate:       "Said I was running late",
		compose.ScenarioRenege:            "Withdrew after accepting the offer",
		compose.ScenarioMoreTime:          "Asked for more time to decide",
		compose.ScenarioThankYou:          "Thanked them after the interview",
		compose.ScenarioAcceptOffer:       "Accepted the offer",
		compose.ScenarioConfirmTime:       "Confirmed the interview time",
		compose.ScenarioNudge:             "Asked for an update",
		compose.ScenarioCheckIn:           "Got back in touch",
	}
}

// status is the contact a status change records: the employer's answer
// (an offer, a no), or a decision of the user's that no message filed
// that day carries (the message would be its contact).
func (w wording) status(r *data.Record, e data.Event) (string, bool) {
	switch e.ToStatus {
	case data.StatusOffer:
		return "Received an offer", true
	case data.StatusRejected:
		return "Told I was not selected", true
	}
	what, ok := w.statuses[e.ToStatus]
	if !ok || messageNear(r, e.At) {
		return "", false
	}
	return what, true
}

// messageNear reports a message filed within a day of at: the status
// change it made, or that went with it.
func messageNear(r *data.Record, at time.Time) bool {
	for _, e := range r.Events {
		if e.Kind == data.EventDraft {
			if d := e.At.Sub(at); d > -24*time.Hour && d < 24*time.Hour {
				return true
			}
		}
	}
	return false
}

// LogHeader is the CSV log's first row.
func LogHeader() []string {
	return []string{"Date", "Time", "Employer", "Role", "Contact person", "Contact email", "Method", "What happened"}
}

// WriteLogCSV writes the log as CSV, one contact per row, with dates as
// 2006-01-02 and times as 15:04 in the log's zone (see data.WriteTable).
func WriteLogCSV(w io.Writer, l Log) error {
	return data.WriteTable(w, LogHeader(), func(yield func([]string) bool) {
		for _, c := range l.Contacts {
			if !yield([]string{c.At.Format("2006-01-02"), c.At.Format("15:04"), c.Company, c.Role, c.Person, c.Email,
				string(c.Method), c.What}) {
				return
			}
		}
	})
}
