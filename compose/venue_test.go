package compose

import (
	"strings"
	"testing"
)

// The locations the tracker really holds, from invites and spreadsheets.
const (
	testAddress  = "4th Floor, 22 Tanner Street, London SE1 3LE"
	testZoomLink = "https://us06web.zoom.us/j/89123450067?pwd=Tm4vR2xKcFdLQnZzY0g3aWJ0M1pOUT09"
	testMeetLink = "https://meet.google.com/abc-defg-hij"
)

func TestVenueOf(t *testing.T) {
	for _, tc := range []struct {
		location    string
		place, call string
	}{
		{"", "", ""},
		{"   ", "", ""},
		{testAddress, testAddress, ""},
		{"Mercer & Finch\n14 Clerkenwell Road, London, EC1M 5PA, England", "Mercer & Finch, 14 Clerkenwell Road, London, EC1M 5PA, England", ""},
		{"Suite 3, Merchant Court,\r\n  9 Quay Road,\nBristol BS1 4QA  ", "Suite 3, Merchant Court, 9 Quay Road, Bristol BS1 4QA", ""},
		{"Room 4", "Room 4", ""},
		{testZoomLink, "", "Zoom call"},
		{testMeetLink, "", "Google Meet call"},
		{"https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2Ix%40thread.v2/0", "", "Microsoft Teams call"},
		{"https://tessellategames.webex.com/meet/oliver.brandt", "", "Webex call"},
		{"Zoom https://zoom.us/j/84120037715 (passcode 4417)", "", "Zoom call"},
		{"https://meet.acme.example/dana", "", "video call"},
		{"Microsoft Teams", "", "Microsoft Teams call"},
		{"Microsoft Teams Meeting", "", "Microsoft Teams call"},
		{"zoom", "", "Zoom call"},
		{"Google Meet video call", "", "Google Meet call"},
		{"Online", "", "video call"},
		{"Video call", "", "video call"},
		// Too little to build a sentence on: said nothing about.
		{"Remote", "", ""},
		{"Boston, MA", "", ""},
		{"TBC", "", ""},
		{"+1 212 555 0100", "", ""},
		{"Phone: 020 7946 0000", "", ""},
		{"Tel. 020 7946 0000", "", ""},
		{"Meeting ID: 841 2003 7715", "", ""},
		{"Rothschild Blvd 22, Tel Aviv", "Rothschild Blvd 22, Tel Aviv", ""},
		{"dana@acme.example", "", ""},
		{"https://maps.app.goo.gl/x7Yq2", "", ""},
		{"22 Tanner Street (map: https://maps.google.com/?q=SE1+3LE)", "", ""},
		{strings.Repeat("Building 7, ", 12), "", ""},
	} {
		got := venueOf(tc.location)
		if got.Place != tc.place || got.Call != tc.call {
			t.Errorf("venueOf(%q) = %+v, want place %q, call %q", tc.location, got, tc.place, tc.call)
		}
	}
}

// TestLocationInDrafts renders the two drafts that speak of the place, in
// every tone and both Englishes, with an address and with meeting links:
// the sentence is there, and no link ever is.
func TestLocationInDrafts(t *testing.T) {
	type want struct {
		formal, warm, brief, phone string
	}
	for _, tc := range []struct {
		name     string
		scenario Scenario
		location string
		edit     func(*Input)
		want     want
	}{
		{"confirm, address", ScenarioConfirmTime, testAddress, nil, want{
			"I will make sure to arrive at " + testAddress + " a few minutes before the start, and I look forward to our conversation.",
			"I'll aim to be at " + testAddress + " a few minutes early, and I'm looking forward to meeting you.",
			"I look forward to seeing you at " + testAddress + ".",
			"And just to check, is it still at " + testAddress + "?"}},
		{"confirm, Zoom link", ScenarioConfirmTime, testZoomLink, nil, want{
			"I will join the Zoom call a few minutes before the start, using the link you sent, and I look forward to our conversation.",
			"I'll join the Zoom call a few minutes early with the link you sent, and I'm looking forward to talking with you.",
			"I'll join the Zoom call with the link you sent, and I look forward to speaking with you then.",
			"And will the Zoom call use the same link as before, or will you send me a new one?"}},
		{"confirm, unknown link", ScenarioConfirmTime, "https://meet.acme.example/dana", nil, want{
			"I will join the video call a few minutes before the start, using the link you sent",
			"I'll join the video call a few minutes early with the link you sent",
			"I'll join the video call with the link you sent",
			"And will the video call use the same link as before"}},
		{"late on the way, address", ScenarioRunningLate, testAddress, nil, want{
			"My journey has been held up. I am on my way to " + testAddress + " and will be with you as soon as I can.",
			"My journey has been held up. I'm on my way to " + testAddress + " and will get there as quickly as I can.",
			"My journey has been held up. I'm on my way to " + testAddress + ".",
			"I'll be with you as soon as I possibly can."}},
		{"late, reason not given, address", ScenarioRunningLate, testAddress, func(in *Input) { in.Disclose = DiscloseNone }, want{
			"I will be with you at " + testAddress + " as soon as I can.",
			"I'll be with you at " + testAddress + " as soon as I can.",
			"I'll get to " + testAddress + " as soon as I can.",
			"I'll be with you as soon as I possibly can."}},
		{"late, Meet link", ScenarioRunningLate, testMeetLink, nil, want{
			"My journey has been held up. I will join the Google Meet call as soon as I can.",
			"My journey has been held up. I'll join the Google Meet call as soon as I can.",
			"My journey has been held up. I'll join the Google Meet call as soon as I can.",
			"I'll be with you as soon as I possibly can."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, english := range Englishes() {
				for _, ch := range []struct {
					tone    Tone
					channel Channel
					want    string
				}{
					{ToneFormal, ChannelEmail, tc.want.formal},
					{ToneWarm, ChannelEmail, tc.want.warm},
					{ToneBrief, ChannelEmail, tc.want.brief},
					{ToneFormal, ChannelPhone, tc.want.phone},
				} {
					in := goldenInput(t, tc.scenario, ch.tone, DiscloseBrief)
					in.Location, in.English, in.Channel, in.Detail = tc.location, english, ch.channel, ""
					if tc.edit != nil {
						tc.edit(&in)
					}
					d, err := Render(in)
					if err != nil {
						t.Fatal(err)
					}
					label := string(english) + "/" + string(ch.tone) + "/" + string(ch.channel)
					if !strings.Contains(d.Body, ch.want) {
						t.Errorf("%s: no %q in:\n%s", label, ch.want, d.Body)
					}
					for _, leak := range []string{"http", "://", "zoom.us", "meet.google.com", "pwd="} {
						if strings.Contains(d.Subject+d.Body, leak) {
							t.Errorf("%s: the draft quotes the link (%q):\n%s", label, leak, d.Body)
						}
					}
					for _, p := range append(proseProblems(d.Subject), proseProblems(d.Body)...) {
						t.Errorf("%s: %s", label, p)
					}
					for _, c := range Checks(in, d) {
						if !c.OK && c.ID != "detail" {
							t.Errorf("%s: the %s check flags the draft: %s", label, c.ID, c.Message)
						}
					}
				}
			}
		})
	}
}

// TestLocationSaysNothingItCannotStandBehind: a video call that will not
// connect is not a journey, and a location that says too little leaves the
// draft exactly as it is without one.
func TestLocationSaysNothingItCannotStandBehind(t *testing.T) {
	for _, tone := range Tones() {
		in := goldenInput(t, ScenarioRunningLate, tone, DiscloseBrief)
		in.Reason = ReasonTechnical
		for _, loc := range []string{testAddress, testZoomLink} {
			in.Location = loc
			d, _ := Render(in)
			if low := strings.ToLower(d.Body); strings.Contains(low, "on my way") || strings.Contains(low, "tanner") || strings.Contains(low, "zoom") {
				t.Errorf("%s, video trouble, location %q: %s", tone, loc, d.Body)
			}
		}
	}
	for _, s := range []Scenario{ScenarioConfirmTime, ScenarioRunningLate} {
		for _, loc := range []string{"Remote", "Boston, MA", "TBC", "+44 20 7946 0000"} {
			for _, ch := range Channels() {
				in := goldenInput(t, s, ToneWarm, DiscloseBrief)
				in.Channel = ch
				plain, _ := Render(in)
				in.Location = loc
				with, _ := Render(in)
				if with != plain {
					t.Errorf("%s %s with location %q changed:\n%s\n--- without ---\n%s", s, ch, loc, with.Body, plain.Body)
				}
			}
		}
	}
}

// TestOnlyTwoScenariosSpeakOfThePlace: the other drafts read the same with
// or without a location, on every channel.
func TestOnlyTwoScenariosSpeakOfThePlace(t *testing.T) {
	for _, info := range Scenarios() {
		if info.ID == ScenarioConfirmTime || info.ID == ScenarioRunningLate {
			continue
		}
		for _, ch := range Channels() {
			for _, tone := range Tones() {
				in := goldenInput(t, info.ID, tone, DiscloseBrief)
				in.Channel = ch
				plain, _ := Render(in)
				in.Location = testAddress
				with, _ := Render(in)
				if with != plain {
					t.Errorf("%s %s %s changed with a location:\n%s", info.ID, tone, ch, with.Body)
				}
			}
		}
	}
}

// TestChecksLeaveTheAddressAlone: an address in capitals, as postcodes and
// some imports write it, is the user's text, not shouting.
func TestChecksLeaveTheAddressAlone(t *testing.T) {
	in := goldenInput(t, ScenarioConfirmTime, ToneFormal, DiscloseBrief)
	in.Location = "MERCER & FINCH\n14 CLERKENWELL ROAD\nLONDON EC1M 5PA"
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Body, "arrive at MERCER & FINCH, 14 CLERKENWELL ROAD, LONDON EC1M 5PA a few minutes") {
		t.Fatalf("the address is not in the draft on one line:\n%s", d.Body)
	}
	if c, _ := findCheck(Checks(in, d), "tone"); !c.OK {
		t.Errorf("tone check: %s", c.Message)
	}
	// A capitals run of the template's own still is.
	d.Body += "\nPLEASE CALL BACK"
	if c, _ := findCheck(Checks(in, d), "tone"); c.OK {
		t.Error("shouting outside the address went unnoticed")
	}
}
