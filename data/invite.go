package data

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Invite is one event of a calendar file, read as the interview it will
// become. Interview holds the proposal (company and role told apart from
// the title where they can be, time and zone, the organiser as contact,
// the place or meeting link); a person may edit it before it is stored.
type Invite struct {
	UID       string
	Sequence  int
	Cancelled bool // METHOD:CANCEL, or STATUS:CANCELLED
	// ZoneGiven is set when the start named its zone (TZID). A start in
	// UTC takes the person's zone for display, which says nothing new of
	// an interview already in the tracker.
	ZoneGiven bool
	Summary   string
	Interview Interview
	// Warnings say what was assumed to read it, such as a zone the file
	// names that no database knows.
	Warnings []string
}

// MaxInviteBytes bounds a calendar file read for import: real invites are
// a few KiB, and the parser holds the whole file.
const MaxInviteBytes = 16 << 20

// ReadInvites reads the events of an iCalendar file (RFC 5545) as written
// by Google Calendar, Outlook and Exchange (Windows zone names and their
// VTIMEZONE included), Teams, Zoom, Calendly and Apple Calendar. zone is
// the IANA zone for a time with no zone of its own ("floating"); "" reads
// it as UTC. An event with no start, or a file that is not a calendar, is
// an *ImportError naming it.
func ReadInvites(r io.Reader, zone string) ([]Invite, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxInviteBytes+1))
	if err != nil {
		return nil, wrapErr("read calendar", err)
	}
	if len(raw) > MaxInviteBytes {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: fmt.Sprintf("the file is over %d MiB; a calendar invite is a few KiB", MaxInviteBytes>>20)}}}
	}
	if !strings.Contains(strings.ToUpper(string(raw[:min(len(raw), 4096)])), "BEGIN:VCALENDAR") {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: "this is not a calendar file (no BEGIN:VCALENDAR)"}}}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(string(raw)))
	if err != nil {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: "the calendar cannot be read: " + err.Error()}}}
	}
	method := ""
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(ics.PropertyMethod) {
			method = strings.ToUpper(strings.TrimSpace(p.Value))
		}
	}
	zones := fileZones(cal)
	var out []Invite
	var problems []LineProblem
	for i, ev := range cal.Events() {
		inv, err := readInvite(ev, method, zone, zones)
		if err != nil {
			problems = append(problems, LineProblem{Line: i + 1, Msg: fmt.Sprintf("event %d (%s): %v", i+1, inv.Summary, err)})
			continue
		}
		out = append(out, inv)
	}
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	if len(out) == 0 {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: "the calendar holds no events"}}}
	}
	return out, nil
}

// fileZones maps each VTIMEZONE's TZID to an IANA name when its
// X-LIC-LOCATION (Thunderbird, Google) names one.
func fileZones(cal *ics.Calendar) map[string]string {
	out := map[string]string{}
	for _, tz := range cal.Timezones() {
		id := tz.GetProperty(ics.ComponentPropertyTzid)
		if id == nil {
			continue
		}
		for _, p := range tz.Properties {
			if strings.EqualFold(p.IANAToken, "X-LIC-LOCATION") {
				out[id.Value] = strings.TrimSpace(p.Value)
			}
		}
	}
	return out
}

func prop(ev *ics.VEvent, p ics.ComponentProperty) string {
	if v := ev.GetProperty(p); v != nil {
		return strings.TrimSpace(v.Value)
	}
	return ""
}

func readInvite(ev *ics.VEvent, method, zone string, zones map[string]string) (Invite, error) {
	inv := Invite{UID: ev.Id(), Summary: prop(ev, ics.ComponentPropertySummary)}
	inv.Sequence, _ = strconv.Atoi(prop(ev, ics.ComponentPropertySequence))
	inv.Cancelled = method == "CANCEL" || strings.EqualFold(prop(ev, ics.ComponentPropertyStatus), "CANCELLED")
	if inv.UID == "" {
		return inv, fmt.Errorf("the event has no UID")
	}
	iv := &inv.Interview
	iv.InviteUID, iv.InviteSequence = inv.UID, inv.Sequence
	desc := prop(ev, ics.ComponentPropertyDescription)
	iv.Company, iv.Role = titleParts(inv.Summary, desc)
	if iv.Company == "" {
		iv.Company = organiserCompany(ev)
	}
	if iv.Company == "" {
		iv.Company = strings.TrimSpace(cleanPrefix(inv.Summary))
	}
	if iv.Company == "" {
		iv.Company = "Unknown company"
		inv.Warnings = append(inv.Warnings, "the invite does not say which company it is; fill it in")
	}
	iv.ContactName, iv.ContactEmail = organiser(ev)
	iv.Location = meetingPlace(ev, desc)
	if inv.Summary != "" {
		iv.Notes = "From the calendar invite “" + inv.Summary + "”."
	}
	start, tz, warning, err := inviteStart(ev, zone, zones)
	if err != nil {
		return inv, err
	}
	if warning != "" {
		inv.Warnings = append(inv.Warnings, warning)
	}
	iv.StartsAt, iv.TimeZone = start, tz
	inv.ZoneGiven = ev.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"] != nil && !strings.HasSuffix(prop(ev, ics.ComponentPropertyDtStart), "Z")
	iv.Status = StatusScheduled
	if inv.Cancelled {
		iv.Status = StatusCancelled
	}
	clipInvite(iv)
	// What is left (a date centuries away, a zone no one knows) is said,
	// not stored.
	if err := iv.Validate(); err != nil {
		return inv, err
	}
	return inv, nil
}

// clipInvite keeps every field within the limits Validate checks, so a
// long title or description from a calendar never stops an import.
func clipInvite(iv *Interview) {
	for _, f := range []*string{&iv.Company, &iv.Role, &iv.ContactName, &iv.Location, &iv.InviteUID} {
		if len(*f) > MaxFieldBytes {
			*f = strings.ToValidUTF8((*f)[:MaxFieldBytes], "")
		}
	}
	if len(iv.Notes) > MaxNotesBytes {
		iv.Notes = strings.ToValidUTF8(iv.Notes[:MaxNotesBytes], "")
	}
	if ValidateEmail(iv.ContactEmail) != nil {
		iv.ContactEmail = ""
	}
}

var icalStamp = regexp.MustCompile(`^(\d{8})(?:T(\d{6})(Z)?)?$`)

// inviteStart reads DTSTART: UTC, or a wall time in its TZID, which may be
// an IANA name, a Windows name ("W. Europe Standard Time"), or a name a
// VTIMEZONE's X-LIC-LOCATION explains. A date alone (an all-day event)
// starts at midnight, with a warning.
func inviteStart(ev *ics.VEvent, zone string, zones map[string]string) (time.Time, string, string, error) {
	p := ev.GetProperty(ics.ComponentPropertyDtStart)
	if p == nil {
		return time.Time{}, "", "", fmt.Errorf("the event has no start (DTSTART)")
	}
	m := icalStamp.FindStringSubmatch(strings.TrimSpace(p.Value))
	if m == nil {
		return time.Time{}, "", "", fmt.Errorf("the start %q is not an iCalendar date and time", p.Value)
	}
	wall := m[1] + "T" + cmp.Or(m[2], "000000")
	t, err := time.Parse("20060102T150405", wall)
	if err != nil {
		return time.Time{}, "", "", fmt.Errorf("the start %q is not a date", p.Value)
	}
	warning := ""
	if m[2] == "" {
		warning = "the invite is for a whole day; the time was set to 00:00, so check it"
	}
	if m[3] == "Z" {
		return t, zone, warning, nil
	}
	name := zone
	if ids := p.ICalParameters["TZID"]; len(ids) > 0 {
		name = resolveZone(strings.Trim(ids[0], `"`), zones)
		if name == "" {
			warning = fmt.Sprintf("the time zone %q is not one Bridgekeeper knows; the time was read in %s", ids[0], cmp.Or(zone, "UTC"))
			name = zone
		}
	}
	loc := time.UTC
	if name != "" {
		if loc, err = LoadZone(name); err != nil {
			return time.Time{}, "", "", err
		}
	}
	at, twice, err := (sheetDate{year: t.Year(), month: int(t.Month()), day: t.Day(), hour: t.Hour(), minute: t.Minute(), second: t.Second()}).at(loc.String(), false, p.Value)
	if err != nil {
		return time.Time{}, "", "", err
	}
	if twice != "" && warning == "" {
		warning = twice
	}
	if name == "" {
		name = "UTC"
	}
	return at, name, warning, nil
}

// resolveZone turns a TZID into an IANA name, or "".
func resolveZone(id string, zones map[string]string) string {
	for _, name := range []string{id, zones[id], strings.TrimPrefix(id, "/")} {
		if name == "" {
			continue
		}
		if _, err := LoadZone(name); err == nil {
			return name
		}
		if iana, ok := WindowsZone(name); ok {
			return iana
		}
	}
	// Some writers prefix a path: "/mozilla.org/20070129_1/Europe/Berlin".
	if i := strings.LastIndex(id, "/"); i > 0 {
		parts := strings.Split(id, "/")
		if len(parts) >= 2 {
			name := parts[len(parts)-2] + "/" + parts[len(parts)-1]
			if _, err := LoadZone(name); err == nil {
				return name
			}
		}
	}
	return ""
}

// organiser is the ORGANIZER's name and address: for an interview invite,
// the recruiter or the person who booked it.
func organiser(ev *ics.VEvent) (string, string) {
	p := ev.GetProperty(ics.ComponentPropertyOrganizer)
	if p == nil {
		return "", ""
	}
	email := strings.TrimSpace(p.Value)
	if i := strings.Index(strings.ToLower(email), "mailto:"); i >= 0 {
		email = email[i+len("mailto:"):]
	}
	name := ""
	if cn := p.ICalParameters["CN"]; len(cn) > 0 {
		name = strings.Trim(strings.TrimSpace(cn[0]), `"`)
	}
	if name == email {
		name = ""
	}
	return name, email
}

// genericDomains are mail and booking services, which name no employer.
func genericDomain(d string) bool {
	switch d {
	case "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com",
		"me.com", "fastmail.com", "proton.me", "protonmail.com", "aol.com", "gmx.de", "gmx.net", "web.de",
		"calendly.com", "zoom.us", "google.com", "microsoft.com", "example.com":
		return true
	}
	return false
}

// organiserCompany guesses the company from the organiser's mail domain
// ("priya@brightwave.example" → "Brightwave"), unless it is a mail service.
func organiserCompany(ev *ics.VEvent) string {
	_, email := organiser(ev)
	at := strings.LastIndex(email, "@")
	if at < 0 {
		return ""
	}
	domain := strings.ToLower(email[at+1:])
	if genericDomain(domain) {
		return ""
	}
	label, _, _ := strings.Cut(domain, ".")
	if label == "" {
		return ""
	}
	return strings.ToUpper(label[:1]) + label[1:]
}

// meetingLinks are the addresses of video meetings, in the order looked for.
var meetingLink = regexp.MustCompile(`https://(?:[\w-]+\.)*(?:teams\.microsoft\.com/(?:l/meetup-join|meet/)|teams\.live\.com/meet|zoom\.us/[jw]/|meet\.google\.com/|[\w-]+\.webex\.com/|whereby\.com/|meet\.jit\.si/|chime\.aws/|bluejeans\.com/)[^\s<>"]*`)

// meetingPlace is the LOCATION when it is an address or a link; when it is
// empty or only says "Microsoft Teams Meeting", the first meeting link in
// the description or a conference property.
func meetingPlace(ev *ics.VEvent, desc string) string {
	loc := prop(ev, ics.ComponentPropertyLocation)
	if loc != "" && !placeholderLocation(loc) {
		return loc
	}
	sources := []string{desc}
	for _, p := range ev.Properties {
		if t := strings.ToUpper(p.IANAToken); t == "X-GOOGLE-CONFERENCE" || t == "CONFERENCE" || t == "URL" {
			sources = append(sources, p.Value)
		}
	}
	for _, s := range sources {
		if link := meetingLink.FindString(s); link != "" {
			return strings.TrimRight(link, ".,;)>")
		}
	}
	return loc
}

func placeholderLocation(loc string) bool {
	l := strings.ToLower(loc)
	return l == "microsoft teams meeting" || l == "microsoft teams" || l == "teams" || l == "zoom" ||
		l == "google meet" || l == "online" || l == "video call"
}

var (
	titlePrefix = regexp.MustCompile(`(?i)^\s*(?:(?:canceled|cancelled|updated invitation|invitation|updated|accepted|declined|tentative|fwd?|re|video call|phone call|new event)\s*:\s*)+`)
	titleSplit  = regexp.MustCompile(`\s+[-–—/|]\s+|\s*:\s+`)
	titleParen  = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)\s*$`)
	// calendlyEventName is the line where Calendly names the event, since
	// its titles only name the people.
	calendlyEventName = regexp.MustCompile(`(?m)^Event Name:\s*(.+)$`)
	titleAt           = regexp.MustCompile(`(?i)^(.+?)\s+(?:@|at)\s+(.+)$`)
	typeWords         = regexp.MustCompile(`(?i)\b(?:interview(?:s|ing)?|screen(?:ing)?|round|call|chat|panel|onsite|on-site|assessment|meeting|loop|debrief|intro(?:duction|ductory)?|conversation)\b`)
	fillerWords       = regexp.MustCompile(`(?i)\b(?:interview(?:s|ing)?|screen(?:ing)?|round|call|chat|panel|onsite|on-site|assessment|meeting|loop|debrief|intro(?:duction|ductory)?|conversation|phone|video|recruiter|technical|final|first|second|third|1st|2nd|3rd|\d+|hiring|manager|with|the|a|an|culture|fit|behaviou?ral|coding|follow-up|initial|team|of|for)\b`)
)

func cleanPrefix(s string) string { return titlePrefix.ReplaceAllString(s, "") }

// interviewType reports whether a title part only says what kind of
// meeting it is ("Panel Interview", "Technical Round 1").
func interviewType(part string) bool {
	return typeWords.MatchString(part) && strings.Trim(fillerWords.ReplaceAllString(part, ""), " -–—,&.") == ""
}

// stripType drops a trailing kind of meeting from a part: "Content
// Strategist interview" → "Content Strategist".
func stripType(part string) string {
	words := strings.Fields(part)
	for len(words) > 1 && interviewType(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// titleParts tells company and role apart in an invite's title, or in
// Calendly's "Event Name:" line when the title only names the people.
// Parts that say what kind of meeting it is are dropped; a title that
// starts with one ("Interview: Role – Company") names the role first,
// otherwise the company comes first ("Company - Role - Panel Interview").
func titleParts(summary, desc string) (company, role string) {
	title := cleanPrefix(summary)
	if m := calendlyEventName.FindStringSubmatch(desc); m != nil {
		title = strings.TrimSpace(m[1])
	}
	var parts []string
	roleFirst := false
	for i, raw := range titleSplit.Split(title, -1) {
		part := strings.TrimSpace(raw)
		// A bracket that says the kind of meeting is dropped: "(2nd round)".
		if m := titleParen.FindStringSubmatch(part); m != nil && interviewType(m[2]) {
			part = m[1]
		}
		if part == "" || interviewType(part) {
			roleFirst = roleFirst || i == 0
			continue
		}
		parts = append(parts, stripType(part))
	}
	switch {
	case len(parts) == 0:
		return "", ""
	case len(parts) == 1:
		p := parts[0]
		if m := titleParen.FindStringSubmatch(p); m != nil {
			return strings.TrimSpace(m[2]), stripType(m[1])
		}
		if m := titleAt.FindStringSubmatch(p); m != nil {
			return strings.TrimSpace(m[2]), stripType(m[1])
		}
		if strings.Contains(p, " and ") && !strings.Contains(summary, ":") {
			return "", "" // "Ana Lima and Priya Shah": people, not a company
		}
		return p, ""
	case roleFirst:
		return parts[len(parts)-1], parts[0]
	}
	return parts[0], parts[1]
}
