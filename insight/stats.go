// Package insight turns the search's history into figures, charts and
// printable documents: how far interviews got, how many there were each
// week, how long companies took to answer and how the user left; the
// work-search log that benefit offices ask for; and the report of the whole
// search. It reads data.Record values and imports no Fyne, so the window,
// the command line and the tests compute the same figures.
package insight

import (
	"cmp"
	"slices"
	"time"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// Weeks is how many weeks the weekly chart covers: about six months.
const Weeks = 26

// Stats are the figures behind the charts.
type Stats struct {
	// Now and Zone are the moment and the zone the figures were taken
	// in; weeks start on Monday in that zone.
	Now  time.Time `json:"now"`
	Zone string    `json:"zone"`
	// Interviews counts every interview tracked, Companies the companies
	// they are with, Open the interviews still in process.
	Interviews int `json:"interviews"`
	Companies  int `json:"companies"`
	Open       int `json:"open"`
	// Messages counts the messages filed from the composer.
	Messages int          `json:"messages"`
	Funnel   Funnel       `json:"funnel"`
	Weekly   []Week       `json:"weekly"`
	Replies  ReplyFigures `json:"replies"`
	Left     Leaving      `json:"left"`
}

// Funnel is how far the interviews got. The stages count every interview
// that reached them, so each is at most the one before; the outcomes count
// interviews by where they ended up, beside the funnel.
type Funnel struct {
	Scheduled int `json:"scheduled"`
	Attended  int `json:"attended"`
	Offer     int `json:"offer"`
	Accepted  int `json:"accepted"`

	Withdrawn int `json:"withdrawn"`
	Cancelled int `json:"cancelled"`
	Declined  int `json:"declined"`
	Rejected  int `json:"rejected"`
	Ghosted   int `json:"ghosted"`
	// Open are still in process: scheduled, rescheduled, attended or with
	// an offer not yet answered.
	Open int `json:"open"`
}

// Stages returns the funnel's stages in order, as labels and counts.
func (f Funnel) Stages() []Count {
	return []Count{
		{Key: "scheduled", Label: "Scheduled", N: f.Scheduled},
		{Key: "attended", Label: "Attended", N: f.Attended},
		{Key: "offer", Label: "Offer", N: f.Offer},
		{Key: "accepted", Label: "Accepted", N: f.Accepted},
	}
}

// Outcomes returns where the interviews ended up, beside the funnel.
func (f Funnel) Outcomes() []Count {
	return []Count{
		{Key: "open", Label: "Still open", N: f.Open},
		{Key: "withdrawn", Label: "Withdrew", N: f.Withdrawn},
		{Key: "cancelled", Label: "Cancelled", N: f.Cancelled},
		{Key: "declined", Label: "Declined", N: f.Declined},
		{Key: "rejected", Label: "Not selected", N: f.Rejected},
		{Key: "ghosted", Label: "Went quiet", N: f.Ghosted},
	}
}

// Count is one bar of a chart: a label and how many.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	N     int    `json:"n"`
}

// Week is one week of the weekly chart.
type Week struct {
	// Start is the Monday the week begins, at midnight in the zone.
	Start time.Time `json:"start"`
	// Interviews counts the interviews set in the week; CalledOff those
	// of them that were cancelled or withdrawn from.
	Interviews int `json:"interviews"`
	CalledOff  int `json:"called_off"`
}

// ReplyFigures is how long companies took to give their answer (an offer
// or a no) after an interview.
type ReplyFigures struct {
	// MedianDays is over every answer; -1 when there is none yet.
	MedianDays float64 `json:"median_days"`
	// Answers counts the answers measured.
	Answers int `json:"answers"`
	// Companies lists each company with at least one answer or one
	// interview still waiting, slowest median first.
	Companies []CompanyReplies `json:"companies"`
}

// CompanyReplies is one company's answers.
type CompanyReplies struct {
	Company string `json:"company"`
	// MedianDays is -1 when the company has answered nothing yet.
	MedianDays float64 `json:"median_days"`
	Answers    int     `json:"answers"`
	// Waiting counts interviews past with no answer recorded; Ghosted
	// those the user marked as gone quiet.
	Waiting int `json:"waiting"`
	Ghosted int `json:"ghosted"`
}

// Leaving is how the user stepped back: by the message they sent (or none)
// and by the reason they gave.
type Leaving struct {
	// Total counts the interviews the user cancelled, withdrew from or
	// declined.
	Total      int     `json:"total"`
	ByScenario []Count `json:"by_scenario"`
	ByReason   []Count `json:"by_reason"`
}

// Compute takes the figures from records as of now, with weeks in loc.
func Compute(records []data.Record, now time.Time, loc *time.Location) Stats {
	if loc == nil {
		loc = time.Local
	}
	st := Stats{Now: now, Zone: loc.String(), Interviews: len(records)}
	st.Weekly = weeks(now, loc)
	companies := map[string]bool{}
	replies := newReplyTally()
	left := newLeaveTally()
	for i := range records {
		r := &records[i]
		companies[companyOf(r)] = true
		p := pathOf(r, now)
		st.Funnel.add(r.Status, p)
		if open(r.Status) {
			st.Open++
		}
		st.Messages += countDrafts(r)
		addWeek(st.Weekly, r, loc)
		replies.add(r, p, now)
		left.add(r)
	}
	st.Companies = len(companies)
	st.Replies = replies.figures()
	st.Left = left.figures()
	return st
}

// path is what an interview's history shows it reached.
type path struct{ attended, offer, accepted bool }

// pathOf reads how far an interview got from every status it has held. An
// interview marked rejected or gone quiet after its time had passed was
// attended even if it was never marked so: a no before the interview
// (the post was filled) was not.
func pathOf(r *data.Record, now time.Time) path {
	held := map[data.Status]time.Time{r.Status: now}
	for _, e := range r.Events {
		if e.Kind != data.EventStatus {
			continue
		}
		if e.FromStatus != "" {
			if _, ok := held[e.FromStatus]; !ok {
				held[e.FromStatus] = e.At
			}
		}
		if _, ok := held[e.ToStatus]; !ok || e.ToStatus == r.Status {
			held[e.ToStatus] = e.At
		}
	}
	var p path
	_, p.accepted = held[data.StatusAccepted]
	_, offer := held[data.StatusOffer]
	p.offer = offer || p.accepted
	_, attended := held[data.StatusAttended]
	p.attended = attended || p.offer
	if !p.attended && !r.StartsAt.IsZero() {
		for _, s := range []data.Status{data.StatusRejected, data.StatusGhosted} {
			if at, ok := held[s]; ok && r.StartsAt.Before(at) {
				p.attended = true
			}
		}
	}
	return p
}

func (f *Funnel) add(s data.Status, p path) {
	f.Scheduled++
	if p.attended {
		f.Attended++
	}
	if p.offer {
		f.Offer++
	}
	if p.accepted {
		f.Accepted++
	}
	switch s {
	case data.StatusWithdrawn:
		f.Withdrawn++
	case data.StatusCancelled:
		f.Cancelled++
	case data.StatusDeclined:
		f.Declined++
	case data.StatusRejected:
		f.Rejected++
	case data.StatusGhosted:
		f.Ghosted++
	default:
		if open(s) {
			f.Open++
		}
	}
}

// open reports the statuses of an interview still in process.
func open(s data.Status) bool {
	switch s {
	case data.StatusScheduled, data.StatusRescheduled, data.StatusAttended, data.StatusOffer:
		return true
	}
	return false
}

// left reports the statuses the user ends a process with.
func left(s data.Status) bool {
	return s == data.StatusWithdrawn || s == data.StatusCancelled || s == data.StatusDeclined
}

// companyOf names an interview's company as the company records do, so
// merged names count once.
func companyOf(r *data.Record) string {
	if r.CompanyName != "" {
		return r.CompanyName
	}
	return r.Company
}

func countDrafts(r *data.Record) int {
	n := 0
	for _, e := range r.Events {
		if e.Kind == data.EventDraft {
			n++
		}
	}
	return n
}

// weekStart is the Monday at midnight of t's week in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	back := (int(t.Weekday()) + 6) % 7
	// time.Date, not Add: a DST change inside the week must not shift
	// midnight.
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)
}

// weeks returns the Weeks weeks up to and including now's, oldest first.
func weeks(now time.Time, loc *time.Location) []Week {
	last := weekStart(now, loc)
	out := make([]Week, Weeks)
	for i := range out {
		out[i].Start = time.Date(last.Year(), last.Month(), last.Day()-7*(Weeks-1-i), 0, 0, 0, 0, loc)
	}
	return out
}

func addWeek(ws []Week, r *data.Record, loc *time.Location) {
	if r.StartsAt.IsZero() || len(ws) == 0 {
		return
	}
	start := weekStart(r.StartsAt, loc)
	i, found := slices.BinarySearchFunc(ws, start, func(w Week, t time.Time) int { return w.Start.Compare(t) })
	if !found {
		return
	}
	ws[i].Interviews++
	if r.Status == data.StatusCancelled || r.Status == data.StatusWithdrawn {
		ws[i].CalledOff++
	}
}

// replyTally gathers each company's answer times.
type replyTally struct {
	all []float64
	by  map[string]*companyTally
}

type companyTally struct {
	days             []float64
	waiting, ghosted int
}

func newReplyTally() *replyTally { return &replyTally{by: map[string]*companyTally{}} }

func (t *replyTally) company(name string) *companyTally {
	c := t.by[name]
	if c == nil {
		c = &companyTally{}
		t.by[name] = c
	}
	return c
}

// add measures an interview's answer: the days from the interview (or
// from when it was marked attended, for one with no date) to the first
// offer or no after it. An interview past, attended and with no answer
// is waiting.
func (t *replyTally) add(r *data.Record, p path, now time.Time) {
	from := r.StartsAt
	if from.IsZero() {
		from = firstStatus(r, data.StatusAttended)
	}
	if days, ok := answerDays(r, from); ok {
		t.all = append(t.all, days)
		c := t.company(companyOf(r))
		c.days = append(c.days, days)
		return
	}
	switch {
	case r.Status == data.StatusGhosted && p.attended:
		t.company(companyOf(r)).ghosted++
	case (r.Status == data.StatusAttended || r.Status == data.StatusScheduled || r.Status == data.StatusRescheduled) &&
		!from.IsZero() && from.Before(now):
		t.company(companyOf(r)).waiting++
	}
}

// answerDays is the days from from to the first offer or rejection
// recorded after it.
func answerDays(r *data.Record, from time.Time) (float64, bool) {
	if from.IsZero() {
		return 0, false
	}
	for _, e := range r.Events {
		if e.Kind != data.EventStatus || (e.ToStatus != data.StatusOffer && e.ToStatus != data.StatusRejected) {
			continue
		}
		if e.At.Before(from) {
			continue
		}
		return roundTenth(e.At.Sub(from).Hours() / 24), true
	}
	return 0, false
}

func firstStatus(r *data.Record, s data.Status) time.Time {
	for _, e := range r.Events {
		if e.Kind == data.EventStatus && e.ToStatus == s {
			return e.At
		}
	}
	return time.Time{}
}

func roundTenth(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

// median of xs, which it sorts; -1 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return roundTenth((xs[n/2-1] + xs[n/2]) / 2)
}

func (t *replyTally) figures() ReplyFigures {
	out := ReplyFigures{MedianDays: median(t.all), Answers: len(t.all)}
	for name, c := range t.by {
		out.Companies = append(out.Companies, CompanyReplies{Company: name, MedianDays: median(c.days),
			Answers: len(c.days), Waiting: c.waiting, Ghosted: c.ghosted})
	}
	slices.SortFunc(out.Companies, func(a, b CompanyReplies) int {
		return cmp.Or(cmp.Compare(b.MedianDays, a.MedianDays), cmp.Compare(b.Answers, a.Answers),
			cmp.Compare(a.Company, b.Company))
	})
	return out
}

// leaveTally counts how the user left.
type leaveTally struct {
	total      int
	byScenario map[string]int
	byReason   map[string]int
	// leaving holds the scenarios whose message ends a process.
	leaving map[string]bool
}

func newLeaveTally() *leaveTally {
	t := &leaveTally{byScenario: map[string]int{}, byReason: map[string]int{}, leaving: map[string]bool{}}
	// Looked up once: the scenario table is built on each call to Info.
	for _, info := range compose.Scenarios() {
		t.leaving[string(info.ID)] = left(data.Status(info.Status))
	}
	return t
}

// NoMessage is the scenario key of leaving with no message filed.
const NoMessage = "none"

// add counts an interview the user left: by the last leaving message
// filed on it, or as left without one.
func (t *leaveTally) add(r *data.Record) {
	if !left(r.Status) {
		return
	}
	t.total++
	var last *data.Event
	for i := range r.Events {
		e := &r.Events[i]
		if e.Kind == data.EventDraft && t.leaving[e.Scenario] {
			last = e
		}
	}
	if last == nil {
		t.byScenario[NoMessage]++
		return
	}
	t.byScenario[last.Scenario]++
	t.byReason[last.Reason]++
}

func (t *leaveTally) figures() Leaving {
	out := Leaving{Total: t.total, ByScenario: []Count{}, ByReason: []Count{}}
	for key, n := range t.byScenario {
		out.ByScenario = append(out.ByScenario, Count{Key: key, Label: ScenarioLabel(key), N: n})
	}
	for key, n := range t.byReason {
		out.ByReason = append(out.ByReason, Count{Key: key, Label: reasonLabel(key), N: n})
	}
	byCount := func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Label, b.Label)) }
	slices.SortFunc(out.ByScenario, byCount)
	slices.SortFunc(out.ByReason, byCount)
	return out
}

// ScenarioLabel names a scenario for a chart ("No message" for NoMessage).
func ScenarioLabel(key string) string {
	if key == NoMessage {
		return "No message"
	}
	if info, ok := compose.Info(compose.Scenario(key)); ok {
		return info.Label
	}
	return key
}

func reasonLabel(key string) string {
	if key == "" {
		return "No reason given"
	}
	if l := compose.ReasonLabel(compose.Reason(key)); l != "" {
		return l
	}
	return key
}
