package insight

import (
	"testing"
	"time"

	"bridgekeeper/data"
)

// The fixture history's clock: Wednesday 2 December 2026, noon in Berlin.
func fixtureNow() time.Time { return time.Date(2026, 12, 2, 12, 0, 0, 0, berlin()) }

func berlin() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}

// day is a time on a day of 2026 in Berlin.
func day(month time.Month, d, hour, minute int) time.Time {
	return time.Date(2026, month, d, hour, minute, 0, 0, berlin())
}

// moved is a status change.
func moved(at time.Time, from, to data.Status) data.Event {
	return data.Event{Kind: data.EventStatus, At: at, FromStatus: from, ToStatus: to}
}

// sent is a message filed from the composer.
func sent(at time.Time, scenario, reason, channel, subject string) data.Event {
	return data.Event{Kind: data.EventDraft, At: at, Scenario: scenario, Reason: reason, Channel: channel, Subject: subject}
}

// record is one interview of the fixture history.
func record(id int64, company, role string, status data.Status, starts time.Time, location string, events ...data.Event) data.Record {
	return data.Record{
		Interview: data.Interview{ID: id, Company: company, Role: role, ContactName: "Person " + company,
			ContactEmail: "hr@" + company + ".example", StartsAt: starts, Status: status, Location: location,
			TimeZone: "Europe/Berlin"},
		CompanyName: company,
		Events:      append([]data.Event{{Kind: data.EventCreated, At: starts.AddDate(0, 0, -10)}}, events...),
	}
}

// fixtureHistory is a search of nine interviews, one for each way a
// process can go; the comments say what each must count as.
func fixtureHistory() []data.Record {
	return []data.Record{
		// 1: set for next week: scheduled and open, nothing more.
		record(1, "Acme", "Analyst", data.StatusScheduled, day(12, 9, 10, 0), "https://acme.zoom.us/j/123"),
		// 2: attended, offered, accepted: every stage.
		record(2, "Globex", "Engineer", data.StatusAccepted, day(10, 5, 14, 0), "Globex HQ, 1 Main Street, Springfield",
			moved(day(10, 5, 16, 0), data.StatusScheduled, data.StatusAttended),
			moved(day(10, 12, 14, 0), data.StatusAttended, data.StatusOffer),
			sent(day(10, 14, 9, 0), "accept-offer", "", "email", "Offer acceptance"),
			moved(day(10, 14, 9, 0), data.StatusOffer, data.StatusAccepted)),
		// 3: attended, then a no four days later.
		record(3, "Acme", "Data Scientist", data.StatusRejected, day(11, 2, 9, 0), "Phone screen",
			moved(day(11, 2, 10, 0), data.StatusScheduled, data.StatusAttended),
			moved(day(11, 6, 9, 0), data.StatusAttended, data.StatusRejected)),
		// 4: never marked attended, but the no came after its time: attended.
		record(4, "Acme", "Engineer", data.StatusRejected, day(11, 10, 9, 0), "",
			moved(day(11, 17, 9, 0), data.StatusScheduled, data.StatusRejected)),
		// 5: the post was filled before the interview: not attended.
		record(5, "Initech", "Tester", data.StatusRejected, day(11, 20, 9, 0), "",
			moved(day(11, 18, 9, 0), data.StatusScheduled, data.StatusRejected)),
		// 6: withdrew before the interview, with a message giving a reason.
		record(6, "Umbrella", "Chemist", data.StatusWithdrawn, day(11, 25, 9, 0), "Umbrella Lab, 9 Hive Road, Raccoon City",
			sent(day(11, 16, 8, 0), "withdraw", "other-offer", "email", "Withdrawing my application"),
			moved(day(11, 16, 8, 0), data.StatusScheduled, data.StatusWithdrawn)),
		// 7: cancelled with no message filed: left without a word.
		record(7, "Hooli", "PM", data.StatusCancelled, day(11, 30, 9, 0), "",
			moved(day(11, 27, 8, 0), data.StatusScheduled, data.StatusCancelled)),
		// 8: went quiet after the interview.
		record(8, "Stark", "Engineer", data.StatusGhosted, day(9, 14, 9, 0), "Video call",
			moved(day(10, 30, 9, 0), data.StatusScheduled, data.StatusGhosted)),
		// 9: an offer after seven days, declined by phone.
		record(9, "Globex", "Architect", data.StatusDeclined, day(11, 3, 9, 0), "Teams",
			moved(day(11, 3, 11, 0), data.StatusScheduled, data.StatusAttended),
			moved(day(11, 10, 9, 0), data.StatusAttended, data.StatusOffer),
			sent(day(11, 12, 9, 0), "decline-offer", "other-offer", "phone", "Declining the offer"),
			moved(day(11, 12, 9, 5), data.StatusOffer, data.StatusDeclined)),
	}
}

func TestFixtureIsValid(t *testing.T) {
	for _, r := range fixtureHistory() {
		if err := r.Validate(); err != nil {
			t.Errorf("interview %d: %v", r.ID, err)
		}
		for _, e := range r.Events {
			if err := e.Validate(); err != nil {
				t.Errorf("interview %d event %v: %v", r.ID, e.Kind, err)
			}
		}
	}
}
