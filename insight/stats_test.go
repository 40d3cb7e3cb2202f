package insight

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"bridgekeeper/data"
)

func TestFunnelCountsHowFarEachInterviewGot(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	want := Funnel{Scheduled: 9, Attended: 5, Offer: 2, Accepted: 1,
		Withdrawn: 1, Cancelled: 1, Declined: 1, Rejected: 3, Ghosted: 1, Open: 1}
	if st.Funnel != want {
		t.Errorf("funnel\n got %+v\nwant %+v", st.Funnel, want)
	}
	if st.Interviews != 9 || st.Companies != 6 || st.Open != 1 || st.Messages != 3 {
		t.Errorf("totals: %d interviews, %d companies, %d open, %d messages; want 9, 6, 1, 3",
			st.Interviews, st.Companies, st.Open, st.Messages)
	}
	// The stages never grow down the funnel, and the outcomes add up.
	stages := st.Funnel.Stages()
	for i := 1; i < len(stages); i++ {
		if stages[i].N > stages[i-1].N {
			t.Errorf("%s (%d) is more than %s (%d)", stages[i].Label, stages[i].N, stages[i-1].Label, stages[i-1].N)
		}
	}
	sum := 0
	for _, c := range st.Funnel.Outcomes() {
		sum += c.N
	}
	if sum+st.Funnel.Accepted != st.Funnel.Scheduled {
		t.Errorf("outcomes %d + accepted %d != %d interviews", sum, st.Funnel.Accepted, st.Funnel.Scheduled)
	}
}

func TestPathOf(t *testing.T) {
	now := fixtureNow()
	cases := []struct {
		name string
		r    data.Record
		want path
	}{
		{"marked attended", record(1, "A", "", data.StatusAttended, day(11, 1, 9, 0), ""), path{attended: true}},
		{"offer implies attended", record(1, "A", "", data.StatusOffer, day(11, 1, 9, 0), ""), path{attended: true, offer: true}},
		{"offer then declined keeps the offer", record(1, "A", "", data.StatusDeclined, day(11, 1, 9, 0), "",
			moved(day(11, 5, 9, 0), data.StatusOffer, data.StatusDeclined)), path{attended: true, offer: true}},
		{"accepted then reneged", record(1, "A", "", data.StatusWithdrawn, day(11, 1, 9, 0), "",
			moved(day(11, 5, 9, 0), data.StatusAccepted, data.StatusWithdrawn)), path{attended: true, offer: true, accepted: true}},
		{"declined an invitation", record(1, "A", "", data.StatusDeclined, day(12, 10, 9, 0), "",
			moved(day(11, 5, 9, 0), data.StatusScheduled, data.StatusDeclined)), path{}},
		{"ghosted after the time", record(1, "A", "", data.StatusGhosted, day(11, 1, 9, 0), "",
			moved(day(11, 20, 9, 0), data.StatusScheduled, data.StatusGhosted)), path{attended: true}},
		{"rejected, undated", record(1, "A", "", data.StatusRejected, time.Time{}, "",
			moved(day(11, 20, 9, 0), data.StatusScheduled, data.StatusRejected)), path{}},
		{"scheduled in the past, nothing marked", record(1, "A", "", data.StatusScheduled, day(11, 1, 9, 0), ""), path{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := pathOf(&c.r, now); got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestWeeksStartOnMondayInTheUsersZone(t *testing.T) {
	now := fixtureNow() // a Wednesday
	ws := weeks(now, berlin())
	if len(ws) != Weeks {
		t.Fatalf("%d weeks, want %d", len(ws), Weeks)
	}
	if got := ws[Weeks-1].Start; !got.Equal(day(11, 30, 0, 0)) {
		t.Errorf("this week starts %v, want Monday 30 Nov 00:00", got)
	}
	for i, w := range ws {
		if w.Start.Weekday() != time.Monday || w.Start.Hour() != 0 {
			// The clocks went back on 25 Oct 2026: a week starting at 23:00
			// would mean Add(7*24h) was used.
			t.Errorf("week %d starts %v", i, w.Start)
		}
	}
	recs := []data.Record{
		// Monday 00:30 in Berlin is Sunday 23:30 UTC: still Monday's week.
		record(1, "A", "", data.StatusScheduled, time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC), ""),
		// Sunday 23:30 in Berlin belongs to the week before.
		record(2, "A", "", data.StatusCancelled, day(11, 29, 23, 30), ""),
		// The week of the DST change.
		record(3, "A", "", data.StatusAttended, day(10, 25, 12, 0), ""),
		// Older than 26 weeks, and next week: not charted.
		record(4, "A", "", data.StatusAttended, day(5, 1, 12, 0), ""),
		record(5, "A", "", data.StatusScheduled, day(12, 8, 12, 0), ""),
		// Undated.
		record(6, "A", "", data.StatusScheduled, time.Time{}, ""),
	}
	st := Compute(recs, now, berlin())
	counts := map[string][2]int{}
	total := 0
	for _, w := range st.Weekly {
		if w.Interviews > 0 {
			counts[w.Start.Format("2006-01-02")] = [2]int{w.Interviews, w.CalledOff}
		}
		total += w.Interviews
	}
	want := map[string][2]int{"2026-11-30": {1, 0}, "2026-11-23": {1, 1}, "2026-10-19": {1, 0}}
	if !reflect.DeepEqual(counts, want) || total != 3 {
		t.Errorf("weeks with interviews: %v (total %d), want %v", counts, total, want)
	}
}

func TestRepliesPerCompany(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	r := st.Replies
	// Answers: Acme 4 days (3) and 7 days (4); Globex 7 (2) and 7 (9).
	// Interview 5's no came before its time and is no answer to it.
	if r.Answers != 4 || r.MedianDays != 7 {
		t.Errorf("overall %v days over %d answers, want 7 over 4", r.MedianDays, r.Answers)
	}
	got := map[string]CompanyReplies{}
	for _, c := range r.Companies {
		got[c.Company] = c
	}
	want := map[string]CompanyReplies{
		"Acme":   {Company: "Acme", MedianDays: 5.5, Answers: 2},
		"Globex": {Company: "Globex", MedianDays: 7, Answers: 2},
		"Stark":  {Company: "Stark", MedianDays: -1, Ghosted: 1},
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %+v, want %+v", name, got[name], w)
		}
	}
	if r.Companies[0].Company != "Globex" {
		t.Errorf("slowest first: got %s first", r.Companies[0].Company)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{nil, -1}, {[]float64{3}, 3}, {[]float64{9, 1, 4}, 4}, {[]float64{1, 2, 3, 10}, 2.5}, {[]float64{0.1, 0.2}, 0.2}} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestLeavingByMessageAndReason(t *testing.T) {
	st := Compute(fixtureHistory(), fixtureNow(), berlin())
	l := st.Left
	if l.Total != 3 {
		t.Errorf("left %d, want 3 (withdrawn, cancelled, declined)", l.Total)
	}
	byScenario := map[string]int{}
	for _, c := range l.ByScenario {
		byScenario[c.Key] = c.N
	}
	if want := map[string]int{"withdraw": 1, "decline-offer": 1, NoMessage: 1}; !reflect.DeepEqual(byScenario, want) {
		t.Errorf("by scenario %v, want %v", byScenario, want)
	}
	if len(l.ByReason) != 1 || l.ByReason[0].Key != "other-offer" || l.ByReason[0].N != 2 || l.ByReason[0].Label == "other-offer" {
		t.Errorf("by reason %+v, want other-offer ×2 with its label", l.ByReason)
	}
}

func TestStatsJSONNamesItsFields(t *testing.T) {
	b, err := json.Marshal(Compute(fixtureHistory(), fixtureNow(), berlin()))
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"interviews", "companies", "funnel", "weekly", "replies", "left", "zone"} {
		if _, ok := back[key]; !ok {
			t.Errorf("stats JSON has no %q: %s", key, b)
		}
	}
	if back["zone"] != "Europe/Berlin" {
		t.Errorf("zone %v", back["zone"])
	}
}

func TestComputeWithNothing(t *testing.T) {
	st := Compute(nil, fixtureNow(), nil)
	if st.Interviews != 0 || st.Replies.MedianDays != -1 || len(st.Weekly) != Weeks || st.Left.ByScenario == nil {
		t.Errorf("empty stats: %+v", st)
	}
	for _, s := range Specs(st) {
		if s.Empty == "" {
			t.Errorf("chart %s has no empty state with no history", s.Key)
		}
	}
}

// manyRecords is the fixture history repeated to n interviews.
func manyRecords(n int) []data.Record {
	base := fixtureHistory()
	out := make([]data.Record, 0, n)
	for i := 0; len(out) < n; i++ {
		r := base[i%len(base)]
		r.ID = int64(i + 1)
		r.CompanyName = fmt.Sprintf("%s %d", r.CompanyName, i%5000)
		out = append(out, r)
	}
	return out
}

func BenchmarkCompute100k(b *testing.B) {
	recs := manyRecords(100_000)
	b.ResetTimer()
	for b.Loop() {
		Compute(recs, fixtureNow(), berlin())
	}
}

func BenchmarkWorkLogMonth100k(b *testing.B) {
	recs := manyRecords(100_000)
	b.ResetTimer()
	for b.Loop() {
		WorkLog(recs, day(11, 1, 0, 0), day(11, 30, 0, 0), berlin(), fixtureNow())
	}
}
