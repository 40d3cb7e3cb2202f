package data

import (
	"fmt"
	"strings"
	"unicode"
)

// The fields a spreadsheet column can fill. Most are Interview's own;
// FieldStartTime is a column of times that goes with a date column, and
// FieldIgnore leaves a column out.
const (
	FieldCompany      = "company"
	FieldRole         = "role"
	FieldContactName  = "contact_name"
	FieldContactEmail = "contact_email"
	FieldStartsAt     = "starts_at"
	FieldStartTime    = "start_time"
	FieldTimeZone     = "timezone"
	FieldStatus       = "status"
	FieldNotes        = "notes"
	FieldLocation     = "location"
	FieldUID          = "uid"
	FieldIgnore       = "ignore"
)

// SheetFields lists the fields a column can be mapped to, in the order a
// person picks from; FieldIgnore comes last.
func SheetFields() []string {
	return []string{FieldCompany, FieldRole, FieldStartsAt, FieldStartTime, FieldTimeZone,
		FieldContactName, FieldContactEmail, FieldStatus, FieldLocation, FieldNotes, FieldUID, FieldIgnore}
}

// FieldLabel names a field for people: "Contact email", "Date and time".
func FieldLabel(field string) string {
	switch field {
	case FieldCompany:
		return "Company"
	case FieldRole:
		return "Role"
	case FieldContactName:
		return "Contact name"
	case FieldContactEmail:
		return "Contact email"
	case FieldStartsAt:
		return "Date and time"
	case FieldStartTime:
		return "Time (with a date column)"
	case FieldTimeZone:
		return "Time zone"
	case FieldStatus:
		return "Status"
	case FieldNotes:
		return "Notes"
	case FieldLocation:
		return "Location"
	case FieldUID:
		return "Calendar UID"
	}
	return "Ignore"
}

// ParseField reads a field name as --map gives it ("contact_email",
// "Contact email", "ignore"), or says which names there are.
func ParseField(text string) (string, error) {
	key := headerKey(text)
	for _, f := range SheetFields() {
		if key == headerKey(f) || key == headerKey(FieldLabel(f)) {
			return f, nil
		}
	}
	return "", &FieldError{Field: "map", Msg: fmt.Sprintf("unknown field %q (use one of %s)", text, strings.Join(SheetFields(), ", "))}
}

// headerKey reduces a header cell to lower-case words separated by single
// spaces: "Contact-Email", "contact_email", "contactEmail" and
// " Contact Email: " all become "contact email".
func headerKey(s string) string {
	var b strings.Builder
	var prev rune
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// A capital after a lower-case letter starts a word (camelCase).
			if space || (unicode.IsUpper(r) && unicode.IsLower(prev)) {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
			}
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			space = true
		}
		prev = r
	}
	return b.String()
}

// headerField is the field a header names, by the names spreadsheets and
// job-search trackers use for it, or "" when it names none. Only whole
// headers match: "Creator User Email" (the account's owner) is not a
// contact's email, and a spreadsheet's own "ID" is not a calendar UID.
func headerField(header string) string {
	switch headerKey(header) {
	case "company", "company name", "companyname", "employer", "employer name", "organisation",
		"organization", "organisation name", "organization name", "business", "firm", "hiring company":
		return FieldCompany
	case "role", "position", "job title", "title", "job", "job position", "position title",
		"job role", "job name", "vacancy", "opening", "role title":
		return FieldRole
	case "contact", "contact name", "recruiter", "recruiter name", "hiring manager", "interviewer",
		"contact person", "point of contact", "hr contact":
		return FieldContactName
	case "email", "e mail", "contact email", "recruiter email", "email address", "contact e mail",
		"recruiter e mail", "interviewer email":
		return FieldContactEmail
	case "starts at", "start", "starts", "interview date", "interview", "date", "when", "date and time",
		"date time", "datetime", "next interview", "interview date time", "interview datetime",
		"interview on", "scheduled", "scheduled for", "start date", "meeting date", "appointment":
		return FieldStartsAt
	case "time", "start time", "interview time", "meeting time":
		return FieldStartTime
	case "timezone", "time zone", "tz", "zone":
		return FieldTimeZone
	case "status", "stage", "state", "list", "list name", "pipeline stage", "outcome", "result":
		return FieldStatus
	case "notes", "note", "comments", "comment", "description", "details", "remarks",
		"link", "url", "job link", "job url", "posting", "job posting", "posting url", "job posting url":
		return FieldNotes
	case "location", "place", "where", "address", "venue", "meeting link", "video link", "zoom link",
		"meeting url", "room", "interview location":
		return FieldLocation
	case "uid", "calendar uid", "ical uid":
		return FieldUID
	}
	return ""
}

// statusWord is what a status from another tool means here, and whether
// the word says more than the status keeps (a stage before any interview,
// "Applied"), so the import keeps it in the notes.
type statusWord struct {
	status Status
	lossy  bool
}

// otherStatus maps the statuses other trackers and spreadsheets use to
// Bridgekeeper's, by a written table (README "Importing from other tools").
// Stages before an interview (wishlist, applied) have no status here: they
// come in as scheduled, with the word kept in the notes.
func otherStatus(text string) (statusWord, bool) {
	key := headerKey(text)
	if s := Status(strings.ReplaceAll(key, " ", "_")); s.Valid() {
		return statusWord{status: s}, true
	}
	switch key {
	case "wishlist", "wish list", "bookmarked", "saved", "interested", "to apply", "applying",
		"applied", "application sent", "submitted", "in review", "under review", "prospect", "lead":
		return statusWord{StatusScheduled, true}, true
	case "interview", "interviewing", "interview scheduled", "interview booked", "phone screen",
		"phone screening", "screening", "screen", "recruiter call", "recruiter screen", "phone interview",
		"video interview", "technical interview", "technical", "onsite", "on site", "on site interview",
		"second round", "second interview", "final round", "final interview", "final", "assessment",
		"upcoming", "invited", "booked", "confirmed", "in progress", "active":
		return statusWord{StatusScheduled, key != "interview" && key != "interviewing"}, true
	case "moved", "postponed", "re scheduled":
		return statusWord{status: StatusRescheduled}, true
	case "canceled", "called off":
		return statusWord{status: StatusCancelled}, true
	case "withdrew", "i withdrew", "withdraw", "withdrawn by me", "not interested", "dropped out":
		return statusWord{status: StatusWithdrawn}, true
	case "done", "completed", "interviewed", "held", "went", "attended interview":
		return statusWord{status: StatusAttended}, true
	case "offered", "offer received", "offer made", "negotiating", "negotiation":
		return statusWord{StatusOffer, key == "negotiating" || key == "negotiation"}, true
	case "hired", "offer accepted", "signed", "accepted offer":
		return statusWord{status: StatusAccepted}, true
	case "offer declined", "turned down", "declined offer":
		return statusWord{status: StatusDeclined}, true
	case "not selected", "no offer", "unsuccessful", "rejection", "rejected by company", "closed",
		"not moving forward", "position filled":
		return statusWord{status: StatusRejected}, true
	case "no response", "no reply", "no answer", "silent", "ghost":
		return statusWord{status: StatusGhosted}, true
	}
	return statusWord{}, false
}

// statusHelp lists the statuses there are, and some words of other tools
// that are understood, for a status that is neither.
func statusHelp(text string) string {
	names := make([]string, 0, len(Statuses()))
	for _, s := range Statuses() {
		names = append(names, string(s))
	}
	return fmt.Sprintf("unknown status %q; use one of %s, or a word other trackers use (applied, interviewing, phone screen, onsite, offer, rejected, wishlist, no response)",
		text, strings.Join(names, ", "))
}
