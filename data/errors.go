package data

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"
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

// The kinds of failure a person can do something about. Every error the
// store returns that stems from one of these wraps it, so callers test
// with errors.Is, never by reading the message. Each message says what
// happened and what to do, in words a person can act on.
var (
	// ErrDiskFull: the disk (or the folder's quota) has no room left.
	ErrDiskFull = errors.New("the disk is full: free some space and try again")
	// ErrReadOnly: the file, its folder or its disk cannot be written.
	ErrReadOnly = errors.New("the database is read-only: make the file and its folder writable, or work on a copy")
	// ErrCorrupt: the file looks like a database but parts of it are damaged.
	ErrCorrupt = errors.New("the database file is damaged: open Bridgekeeper to restore it from a backup")
	// ErrBusy: another program held the database for longer than we wait.
	ErrBusy = errors.New("another program kept the database busy for more than 10 seconds: wait for it (or close it) and try again")
)

// storeError is a failure classified by its SQLite result code or system
// error number; it matches both its kind and the original error.
type storeError struct {
	kind error
	err  error
}

func (e *storeError) Error() string   { return e.kind.Error() + " (" + e.err.Error() + ")" }
func (e *storeError) Unwrap() []error { return []error{e.kind, e.err} }

// codeError is what the SQLite driver's errors offer: the result code.
type codeError interface {
	error
	Code() int
}

// kindOf names the kind of a low-level failure, or nil for any other error.
func kindOf(err error) error {
	var ce codeError
	if errors.As(err, &ce) {
		switch ce.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return ErrDiskFull
		case sqlite3.SQLITE_READONLY:
			return ErrReadOnly
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return ErrCorrupt
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrBusy
		case sqlite3.SQLITE_IOERR:
			// SQLite reports a -shm file it could not grow (no room for it)
			// as an I/O error; a full disk is by far the likeliest cause.
			if ce.Code() == sqlite3.SQLITE_IOERR_SHMSIZE {
				return ErrDiskFull
			}
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ErrDiskFull
	case errors.Is(err, syscall.EROFS):
		return ErrReadOnly
	}
	return nil
}

// classify wraps err with its kind, when it has one it does not yet carry.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if kind := kindOf(err); kind != nil && !errors.Is(err, kind) {
		return &storeError{kind: kind, err: err}
	}
	return err
}

// wrapErr is fmt.Errorf("op: %w") for store failures: it adds the context
// and classifies the cause.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, classify(err))
}
