package data

import (
	"bridgekeeper/compose"
	"fmt"
	"strings"
	"time"
)

// Status is where an interview stands in the hiring process.
type Status string

// The statuses an interview can have, in the order the tracker offers them.
const (
	StatusScheduled   Status = "scheduled"
	StatusRescheduled Status = "rescheduled"
	StatusCancelled   Status = "cancelled"
	StatusWithdrawn   Status = "withdrawn"
	StatusAttended    Status = "attended"
	StatusOffer       Status = "offer"
	StatusAccepted    Status = "accepted"
	StatusDeclined    Status = "declined"
	StatusRejected    Status = "rejected"
	StatusGhosted     Status = "ghosted"
)

// Statuses lists every known status in display order.
func Statuses() []Status {
	return []Status{
		StatusScheduled, StatusRescheduled, StatusCancelled, StatusWithdrawn,
		StatusAttended, StatusOffer, StatusAccepted, StatusDeclined,
		StatusRejected, StatusGhosted,
	}
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, known := range Statuses() {
		if s == known {
			return true
		}
	}
	return false
}

// ParseStatus turns user text into a Status, ignoring case and surrounding space.
func ParseStatus(text string) (Status, error) {
	s := Status(strings.ToLower(strings.TrimSpace(text)))
	if !s.Valid() {
		return "", &FieldError{Field: "status", Msg: fmt.Sprintf("unknown status %q", text)}
	}
	return s, nil
}

// Interview is one interview (or offer) the user is tracking.
type Interview struct {
	ID           int64
	Company      string
	Role         string
	ContactName  string
	ContactEmail string
	// StartsAt is the zero time when the date is not known yet.
	StartsAt time.Time
	// TimeZone is the IANA zone the user entered the time in, e.g. "Europe/Berlin".
	TimeZone string
	Status   Status
	Notes    string
	// Location is where the interview happens: an address, or the link of
	// a video meeting.
	Location string
	// UID names the interview's calendar event. It is random, given when
	// the interview is first stored, and never changes, so every export
	// updates the same event (see NewUID).
	UID string
	// InviteUID and InviteSequence are the UID and SEQUENCE of the
	// calendar invite the interview was imported from, if any: importing
	// that invite again updates this interview.
	InviteUID      string
	InviteSequence int
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Damage, when not empty, says what in the stored row could not be
	// read (a time SQLite holds but Go cannot parse, an unknown status): the
	// row is still listed, marked as needing attention, so one bad value
	// never hides the rest. Saving the interview again repairs it.
	Damage string
	// RawStartsAt is the stored start time as text when it could not be
	// read, so exports can carry it unchanged.
	RawStartsAt string
}

// Limits on what one interview may hold: enough for any real note, small
// enough that no field can make the window or an export choke.
const (
	MaxNotesBytes = 64 << 10
	MaxFieldBytes = 1 << 10
)

// The range of years a time may fall in: compose's, one range everywhere.
const (
	MinYear = compose.MinYear
	MaxYear = compose.MaxYear
)

// ValidYear reports whether t falls within MinYear to MaxYear (in UTC).
func ValidYear(t time.Time) bool { return compose.ValidYear(t) }

// Local returns the start time in the zone the user entered it in, falling
// back to loc when that zone is unknown or empty.
func (iv Interview) Local(loc *time.Location) time.Time {
	if iv.TimeZone != "" {
		if z, err := time.LoadLocation(iv.TimeZone); err == nil {
			return iv.StartsAt.In(z)
		}
	}
	return iv.StartsAt.In(loc)
}

// Validate checks the interview and returns a ValidationError listing every
// problem, or nil.
func (iv *Interview) Validate() error {
	var errs ValidationError
	if strings.TrimSpace(iv.Company) == "" {
		errs = append(errs, &FieldError{Field: "company", Msg: "company is required"})
	}
	if iv.Status == "" {
		iv.Status = StatusScheduled
	}
	if !iv.Status.Valid() {
		errs = append(errs, &FieldError{Field: "status", Msg: fmt.Sprintf("unknown status %q", iv.Status)})
	}
	if iv.ContactEmail != "" {
		if err := ValidateEmail(iv.ContactEmail); err != nil {
			errs = append(errs, err.(*FieldError))
		}
	}
	if iv.TimeZone != "" {
		if _, err := LoadZone(iv.TimeZone); err != nil {
			errs = append(errs, err.(*FieldError))
		}
	}
	if !iv.StartsAt.IsZero() && !ValidYear(iv.StartsAt) {
		errs = append(errs, &FieldError{Field: "starts_at",
			Msg: fmt.Sprintf("%s is not a plausible interview date (years %d to %d)", iv.StartsAt.UTC().Format("2006-01-02"), MinYear, MaxYear)})
	}
	errs = append(errs, iv.sizeErrors()...)
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// sizeErrors names each field that is longer than its limit.
func (iv *Interview) sizeErrors() ValidationError {
	var errs ValidationError
	for _, f := range []struct {
		name, value string
		limit       int
	}{
		{"company", iv.Company, MaxFieldBytes},
		{"role", iv.Role, MaxFieldBytes},
		{"contact_name", iv.ContactName, MaxFieldBytes},
		{"contact_email", iv.ContactEmail, MaxFieldBytes},
		{"timezone", iv.TimeZone, MaxFieldBytes},
		{"notes", iv.Notes, MaxNotesBytes},
		{"location", iv.Location, MaxFieldBytes},
		{"uid", iv.UID, MaxFieldBytes},
		{"invite_uid", iv.InviteUID, MaxFieldBytes},
	} {
		if len(f.value) > f.limit {
			errs = append(errs, &FieldError{Field: f.name, Msg: TooLong(f.name, len(f.value), f.limit)})
		}
	}
	return errs
}

// TooLong is the message for a field over its size limit, in the units a
// person thinks in.
func TooLong(field string, size, limit int) string {
	name := strings.ReplaceAll(field, "_", " ")
	if limit >= 1<<10 && limit%(1<<10) == 0 {
		return fmt.Sprintf("%s is too long (%s; at most %d KiB)", name, sizeText(size), limit>>10)
	}
	return fmt.Sprintf("%s is too long (%d bytes; at most %d)", name, size, limit)
}

func sizeText(n int) string {
	if n < 10<<10 {
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	}
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}

// ValidateEmail accepts a bare address such as "ana@example.com" and nothing
// else (see compose.ValidateEmail), as a FieldError on contact_email.
func ValidateEmail(addr string) error {
	if compose.ValidateEmail(addr) != nil {
		return &FieldError{Field: "contact_email", Msg: fmt.Sprintf("%q is not a valid email address", addr)}
	}
	return nil
}

// LoadZone loads an IANA time zone by name ("Local" and "" are refused, so a
// stored zone always means the same thing on another machine).
func LoadZone(name string) (*time.Location, error) {
	bad := &FieldError{Field: "timezone", Msg: fmt.Sprintf("unknown time zone %q", name)}
	if name == "" || name == "Local" || strings.TrimSpace(name) != name {
		return nil, bad
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, bad
	}
	return loc, nil
}

// EventKind says what happened on an interview's timeline.
type EventKind string

// The kinds of timeline event.
const (
	EventCreated EventKind = "created"
	EventStatus  EventKind = "status"
	EventDraft   EventKind = "draft"
	EventNote    EventKind = "note"
)

// Event is one entry on an interview's timeline.
type Event struct {
	ID          int64
	InterviewID int64
	At          time.Time
	Kind        EventKind
	FromStatus  Status
	ToStatus    Status
	// Scenario, Subject and Body are set for drafts filed from the composer;
	// Body also holds the text of a note.
	Scenario string
	Subject  string
	Body     string
	// Channel (email, phone, voicemail, text), Reason, Disclose and Tone
	// describe a filed message; empty for other events and older ones.
	Channel, Reason, Disclose, Tone string
}

// Validate checks an event before it is stored.
func (e *Event) Validate() error {
	var errs ValidationError
	switch e.Kind {
	case EventCreated, EventDraft:
	case EventNote:
		if strings.TrimSpace(e.Body) == "" {
			errs = append(errs, &FieldError{Field: "body", Msg: "a note needs some text"})
		}
	case EventStatus:
		if !e.ToStatus.Valid() {
			errs = append(errs, &FieldError{Field: "to_status", Msg: fmt.Sprintf("unknown status %q", e.ToStatus)})
		}
	default:
		errs = append(errs, &FieldError{Field: "kind", Msg: fmt.Sprintf("unknown event kind %q", e.Kind)})
	}
	if len(e.Body) > MaxNotesBytes {
		errs = append(errs, &FieldError{Field: "body", Msg: TooLong("text", len(e.Body), MaxNotesBytes)})
	}
	if len(e.Subject) > MaxFieldBytes {
		errs = append(errs, &FieldError{Field: "subject", Msg: TooLong("subject", len(e.Subject), MaxFieldBytes)})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
