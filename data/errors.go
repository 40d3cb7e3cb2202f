package data

import (
	"errors"
	"strings"
)

// ErrNotFound is returned when an interview or event does not exist.
var ErrNotFound = errors.New("not found")

// FieldError is a validation problem with one field, named as in the CSV
// header (company, contact_email, timezone, status, …) so forms can show it
// beside the right widget.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Msg }

// ValidationError collects every FieldError found in one record.
type ValidationError []*FieldError

func (v ValidationError) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Msg
	}
	return strings.Join(msgs, "; ")
}

// Unwrap lets errors.As find each FieldError.
func (v ValidationError) Unwrap() []error {
	errs := make([]error, len(v))
	for i, e := range v {
		errs[i] = e
	}
	return errs
}

// Field returns the problem with the named field, or "" when it has none.
func (v ValidationError) Field(name string) string {
	for _, e := range v {
		if e.Field == name {
			return e.Msg
		}
	}
	return ""
}
