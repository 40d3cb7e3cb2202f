package compose

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// venue is where an interview happens, as far as a draft may speak of it.
// Only one of its fields is set, or neither when the location says nothing
// a sentence could safely build on ("Remote", "Boston, MA", "TBC", a phone
// number): a draft then says nothing about the place, as before.
type venue struct {
	// Place is a street address on one line, for "I will be at …".
	Place string
	// Call is a video meeting, named for prose: "Zoom call", "Microsoft
	// Teams call", "video call". Its link is never written out: a long
	// address of a meeting reads as noise, and the recipient sent it.
	Call string
}

// maxPlace is the longest address a sentence quotes; a longer location is
// more likely directions or a note than an address.
const maxPlace = 100

// meetingServices names the video services by the hosts of their links and
// the words people write for them, in the order they are looked for.
func meetingServices() []struct {
	name  string
	hosts []string
	words []string
} {
	return []struct {
		name  string
		hosts []string
		words []string
	}{
		{"Zoom", []string{"zoom.us", "zoom.com", "zoomgov.com"}, []string{"zoom"}},
		{"Microsoft Teams", []string{"teams.microsoft.com", "teams.live.com"}, []string{"microsoft teams", "ms teams", "teams"}},
		{"Google Meet", []string{"meet.google.com"}, []string{"google meet", "hangouts meet"}},
		{"Webex", []string{"webex.com"}, []string{"cisco webex", "webex"}},
		{"Whereby", []string{"whereby.com"}, []string{"whereby"}},
		{"Jitsi", []string{"meet.jit.si", "jitsi.org"}, []string{"jitsi meet", "jitsi"}},
		{"Amazon Chime", []string{"chime.aws"}, []string{"amazon chime"}},
		{"BlueJeans", []string{"bluejeans.com"}, []string{"bluejeans", "blue jeans"}},
		{"Skype", []string{"skype.com"}, []string{"skype for business", "skype"}},
		{"GoTo Meeting", []string{"gotomeeting.com", "goto.com", "gotomeet.me"}, []string{"goto meeting", "gotomeeting"}},
	}
}

// videoWords are locations that say a meeting is by video without naming
// the service; a word such as "meeting" or "call" may follow a service's
// name ("Zoom meeting", "Teams call").
func videoWords() []string {
	return []string{"online", "virtual", "video", "video call", "video chat", "video interview", "video conference",
		"videoconference", "online meeting", "virtual meeting", "online interview", "virtual interview"}
}

// serviceTail is what may follow a service's name in a location that is
// only that name: "Zoom meeting", "Microsoft Teams video call".
var serviceTail = regexp.MustCompile(`(?i)\s*(?:\(?(?:online|video)\)?)?\s*(?:video\s+)?(?:meeting|call|interview|conference|link)?\s*$`)

// linkPattern finds the web addresses in a location.
var linkPattern = regexp.MustCompile(`(?i)https?://[^\s<>"]+`)

// notAPlace are words that show a location is not an address a person goes
// to, even when it has numbers in it: a phone number, a dial-in, an email.
var notAPlace = regexp.MustCompile(`(?i)\b(?:phone|telephone|call|dial|dial-in|passcode|password|pin|meeting id|ext|extension|tbc|tbd|remote)\b|\btel[.:]|@`)

// venueOf reads what the tracker holds as an interview's location.
func venueOf(location string) venue {
	loc := strings.TrimSpace(location)
	if loc == "" {
		return venue{}
	}
	if links := linkPattern.FindAllString(loc, -1); len(links) > 0 {
		return venue{Call: linkCall(loc, links)}
	}
	if name, ok := serviceNamed(loc); ok {
		return venue{Call: name}
	}
	if place := onePlaceLine(loc); isAddress(place) {
		return venue{Place: place}
	}
	return venue{}
}

// linkCall names the meeting a location with links in it is: the service
// of the first link that is a meeting's; a bare link of some other site
// ("https://meet.acme.example/dana") is a video call all the same, unless
// it is a map's; and words around an unknown link say too little.
func linkCall(loc string, links []string) string {
	for _, link := range links {
		if name := linkService(link); name != "" {
			return name + " call"
		}
	}
	if len(links) == 1 && strings.TrimSpace(loc) == links[0] && !mapLink(links[0]) {
		return "video call"
	}
	// A service named beside the link: "Zoom https://zoom-proxy.example/…".
	if name, ok := serviceNamed(strings.TrimSpace(linkPattern.ReplaceAllString(loc, " "))); ok {
		return name
	}
	return ""
}

// linkService is the video service a link belongs to, or "".
func linkService(link string) string {
	u, err := url.Parse(strings.TrimRight(link, ".,;:)]>"))
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for _, s := range meetingServices() {
		for _, h := range s.hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return s.name
			}
		}
	}
	return ""
}

// mapLink reports a link to a map, which points to a place, not a call.
func mapLink(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return true
	}
	host, path := strings.ToLower(u.Hostname()), strings.ToLower(u.Path)
	return strings.Contains(host, "map") || strings.HasPrefix(path, "/maps") || host == "goo.gl" || strings.HasSuffix(host, "what3words.com")
}

// serviceNamed reads a location that only names a video service ("Zoom",
// "Microsoft Teams Meeting") or only says it is by video ("Online"), and
// names the call: "Zoom call", "video call".
func serviceNamed(loc string) (string, bool) {
	words := strings.ToLower(strings.Join(strings.Fields(loc), " "))
	for _, w := range videoWords() {
		if words == w {
			return "video call", true
		}
	}
	name := strings.TrimSpace(serviceTail.ReplaceAllString(words, ""))
	for _, s := range meetingServices() {
		for _, w := range s.words {
			if name == w {
				return s.name + " call", true
			}
		}
	}
	return "", false
}

// onePlaceLine writes a location typed or imported over several lines as
// one line of prose: "Mercer & Finch, 14 Clerkenwell Road, London".
func onePlaceLine(loc string) string {
	var parts []string
	for _, line := range strings.FieldsFunc(loc, func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = strings.Trim(strings.Join(strings.Fields(line), " "), " ,;")
		if line != "" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, ", ")
}

// isAddress reports whether a location reads as somewhere to go that a
// sentence can name: a street number, postcode or room is in it, some
// words too, and nothing that says it is a phone call. A town alone
// ("Boston, MA") or "Remote" is left out: "I will be at Boston" misleads.
func isAddress(place string) bool {
	if place == "" || utf8.RuneCountInString(place) > maxPlace || notAPlace.MatchString(place) {
		return false
	}
	digits, letters := 0, 0
	for _, r := range place {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return digits > 0 && letters >= 3
}

// Medium is how an interview is held, as a work-search log records it.
type Medium string

// The media an interview's location can show.
const (
	MediumInPerson Medium = "in person"
	MediumVideo    Medium = "video"
	MediumPhone    Medium = "phone"
	// MediumUnknown is a location that says none of these ("TBC"), or none.
	MediumUnknown Medium = ""
)

// phoneWords show a location is a phone call: the words, or a number and
// little else.
var phoneWords = regexp.MustCompile(`(?i)\b(?:phone|telephone|phone call|phone screen|call me|dial-in|dial in)\b|\btel[.:]|^\+?[\d\s().-]{7,}$`)

// MediumOf says how an interview at location is held: a meeting link or a
// video service's name is video, a phone number or the word is phone, an
// address or a town is in person; a location that says too little
// ("TBC", "Remote" with no service) is MediumUnknown.
func MediumOf(location string) Medium {
	loc := strings.TrimSpace(location)
	v := venueOf(loc)
	switch {
	case loc == "":
		return MediumUnknown
	case v.Call != "":
		return MediumVideo
	case phoneWords.MatchString(loc):
		return MediumPhone
	case slices.Contains(videoWords(), strings.ToLower(loc)):
		return MediumVideo
	case v.Place != "":
		return MediumInPerson
	case notAPlace.MatchString(loc) || linkPattern.MatchString(loc):
		return MediumUnknown
	}
	// A town, a building or an office's name: somewhere to go.
	return MediumInPerson
}
