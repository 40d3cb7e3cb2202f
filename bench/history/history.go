// Package history fills a database with a job search that reads like a
// real one: interviews over the last eight months and the next three
// weeks, each with the timeline its outcome implies (attended, an offer
// or a no some days later, a thank-you, a withdrawal with its message, a
// cancellation without one). The screenshots and the report benchmark use
// it; the same seed gives the same search.
package history

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"bridgekeeper/data"
)

// companies, roles and people are the demo's names; past the list, a
// company gets a number so a large search has thousands of them.
func companies() []string {
	return []string{"Northwind Labs", "Globex", "Initech", "Umbrella Health", "Hooli", "Stark Industries",
		"Wayne Enterprises", "Acme Corp", "Soylent", "Cyberdyne", "Tyrell", "Wonka Industries", "Vandelay Imports",
		"Massive Dynamic", "Oscorp", "Gringotts", "Monarch Solutions", "Pied Piper", "Aperture Science", "Blue Sun"}
}

func roles() []string {
	return []string{"Backend Engineer", "Data Analyst", "Product Designer", "QA Lead", "Site Reliability Engineer",
		"Frontend Developer", "Security Analyst", "Support Engineer", "Engineering Manager", "Data Scientist"}
}

func people() []string {
	return []string{"Ana Kovač", "Sam Patel", "Priya Shah", "Jonas Berg", "Grace Lin", "Ravi Rao", "Lucius Fox",
		"Dana Reyes", "Zoë Müller", "Tomás Ortega", "Mei Chen", "Olu Adeyemi"}
}

func zones() []string {
	return []string{"Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Europe/Stockholm"}
}

// Seed adds n interviews with their timelines to s, dated around now.
func Seed(ctx context.Context, s *data.Store, n int, now time.Time, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const batch = 5000
	for done := 0; done < n; done += batch {
		size := min(batch, n-done)
		ivs := make([]*data.Interview, size)
		plans := make([][]data.Event, size)
		for i := range ivs {
			ivs[i], plans[i] = one(rng, done+i, n, now)
		}
		if err := s.CreateInterviews(ctx, ivs); err != nil {
			return fmt.Errorf("seed interviews: %w", err)
		}
		var events []*data.Event
		for i, plan := range plans {
			for j := range plan {
				e := plan[j]
				e.InterviewID = ivs[i].ID
				events = append(events, &e)
			}
		}
		if err := s.AddEvents(ctx, events); err != nil {
			return fmt.Errorf("seed timelines: %w", err)
		}
	}
	return nil
}

// one makes the i-th interview of n and the events of its history.
func one(rng *rand.Rand, i, n int, now time.Time) (*data.Interview, []data.Event) {
	names := companies()
	company := names[i%len(names)]
	switch {
	case n > 200:
		// About twenty interviews a company, as in a long search.
		company = fmt.Sprintf("%s %d", names[rng.IntN(len(names))], rng.IntN(max(n/(20*len(names)), 1)))
	case i >= len(names):
		company = names[rng.IntN(len(names))]
	}
	// Mostly past, a few weeks ahead; at the hours interviews are held.
	day := rng.IntN(240) - 220
	starts := time.Date(now.Year(), now.Month(), now.Day()+day, 9+rng.IntN(8), 30*rng.IntN(2), 0, 0, time.UTC)
	iv := &data.Interview{
		Company: company, Role: roles()[rng.IntN(len(roles()))], ContactName: people()[rng.IntN(len(people()))],
		StartsAt: starts, TimeZone: zones()[rng.IntN(len(zones()))], Status: data.StatusScheduled,
		Location: []string{"https://zoom.us/j/81234", "Microsoft Teams", "12 Market Street, Manchester", "Phone screen", ""}[rng.IntN(5)],
	}
	iv.ContactEmail = fmt.Sprintf("recruiting%d@example.com", i%997)
	return iv, plan(rng, starts, now)
}

// at is a moment d days (and some hours) after t, never past now.
func at(t time.Time, days float64, now time.Time) time.Time {
	out := after(t, days)
	if out.After(now) {
		return now.Add(-time.Minute)
	}
	return out
}

func after(t time.Time, days float64) time.Time {
	return t.Add(time.Duration(days * 24 * float64(time.Hour)))
}

// planner makes the events of one interview's timeline.
type planner struct{ rng *rand.Rand }

func (p planner) move(t time.Time, to data.Status) data.Event {
	return data.Event{Kind: data.EventStatus, At: t, ToStatus: to}
}

func (p planner) send(t time.Time, scenario, reason, subject string) data.Event {
	channel := "email"
	if p.rng.IntN(6) == 0 {
		channel = "phone"
	}
	return data.Event{Kind: data.EventDraft, At: t, Scenario: scenario, Reason: reason, Subject: subject, Body: "…",
		Channel: channel, Disclose: "brief", Tone: "warm"}
}

// plan is the timeline of an interview at starts, as of now.
func plan(rng *rand.Rand, starts, now time.Time) []data.Event {
	p := planner{rng}
	roll := rng.IntN(100)
	if starts.After(now) {
		if roll < 15 {
			t := at(starts, -5, now)
			return []data.Event{p.send(t, "reschedule", "conflict", "Could we move our interview?"), p.move(t, data.StatusRescheduled)}
		}
		return nil
	}
	switch {
	case roll < 10: // withdrew before the day, saying why
		t := at(starts, -3, now)
		reason := []string{"other-offer", "not-a-fit", "personal"}[rng.IntN(3)]
		return []data.Event{p.send(t, "withdraw", reason, "Withdrawing my application"), p.move(t, data.StatusWithdrawn)}
	case roll < 15: // cancelled, sometimes without a word
		t := at(starts, -1, now)
		if rng.IntN(2) == 0 {
			return []data.Event{p.move(t, data.StatusCancelled)}
		}
		return []data.Event{p.send(t, "cancel", []string{"illness", "emergency", "conflict"}[rng.IntN(3)], "Cancelling our interview"),
			p.move(t, data.StatusCancelled)}
	case roll < 18: // declined the invitation
		t := at(starts, -6, now)
		return []data.Event{p.send(t, "decline-invitation", "other-offer", "Thank you for the invitation"), p.move(t, data.StatusDeclined)}
	}
	return p.attended(starts, now)
}

// attended is the timeline of an interview that took place: what has not
// happened by now stays to come (a recent interview still waits for its
// answer, a fresh offer is still being weighed).
func (p planner) attended(starts, now time.Time) []data.Event {
	events := []data.Event{p.move(at(starts, 0.05, now), data.StatusAttended)}
	if p.rng.IntN(3) > 0 {
		events = append(events, p.send(at(starts, 0.2, now), "thank-you", "", "Thank you for your time"))
	}
	answer := after(starts, 2+float64(p.rng.IntN(18))+p.rng.Float64())
	if answer.After(now) {
		return events
	}
	switch r := p.rng.IntN(100); {
	case r < 45:
		return append(events, p.move(answer, data.StatusRejected))
	case r < 65:
		if quiet := after(starts, 30); quiet.Before(now) {
			events = append(events, p.move(quiet, data.StatusGhosted))
		}
		return events
	case r < 80:
		return append(events, p.offer(answer, now)...)
	}
	return events
}

// offer is an offer made at answer and, three days on, its answer.
func (p planner) offer(answer, now time.Time) []data.Event {
	events := []data.Event{p.move(answer, data.StatusOffer)}
	decided := after(answer, 3)
	if decided.After(now) {
		return events
	}
	switch p.rng.IntN(3) {
	case 0:
		return append(events, p.send(decided, "accept-offer", "", "Accepting the offer"), p.move(decided, data.StatusAccepted))
	case 1:
		return append(events, p.send(decided, "decline-offer", []string{"other-offer", "counter-offer", "not-a-fit"}[p.rng.IntN(3)],
			"Declining the offer"), p.move(decided, data.StatusDeclined))
	}
	return events
}
