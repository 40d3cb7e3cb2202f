package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Keys of the settings kept in the database, shared by the window and the
// command line.
const (
	SettingYourName      = "your_name"
	SettingSignature     = "signature"
	SettingDefaultTone   = "default_tone"
	SettingDefaultZone   = "default_timezone"
	SettingReminderHours = "reminder_hours"
	SettingEnglish       = "english"
	SettingPhone         = "phone"
)

// Settings are the user's preferences that travel with their data.
type Settings struct {
	YourName string
	// Signature is added under the sender's name in drafts (a phone number,
	// a portfolio link); empty for none.
	Signature   string
	DefaultTone string
	// DefaultZone is an IANA zone name; empty means the computer's zone.
	DefaultZone string
	// ReminderHours is how far ahead interviews trigger a reminder.
	ReminderHours int
	// English is "us" or "uk"; empty means from the computer's locale.
	English string
	// Phone is the number drafts leave to call back on (voicemails, texts).
	Phone string
}

// Zone is the user's zone: DefaultZone when set, else the computer's
// (SystemZone), else time.Local when neither loads. It may read zone
// files: call it off the UI goroutine.
func (st Settings) Zone() *time.Location {
	name := st.DefaultZone
	if name == "" {
		name = SystemZone()
	}
	if z, err := LoadZone(name); err == nil {
		return z
	}
	return time.Local
}

// DefaultReminderHours is the reminder lead time until the user picks one.
const DefaultReminderHours = 24

// LoadSettings reads every setting, with defaults for those never set.
func (s *Store) LoadSettings(ctx context.Context) (Settings, error) {
	var out Settings
	var hours string
	for _, f := range []struct {
		key string
		dst *string
		def string
	}{
		{SettingYourName, &out.YourName, ""},
		{SettingSignature, &out.Signature, ""},
		{SettingDefaultTone, &out.DefaultTone, "warm"},
		{SettingDefaultZone, &out.DefaultZone, ""},
		{SettingReminderHours, &hours, strconv.Itoa(DefaultReminderHours)},
		{SettingEnglish, &out.English, ""},
		{SettingPhone, &out.Phone, ""},
	} {
		v, err := s.Setting(ctx, f.key, f.def)
		if err != nil {
			return Settings{}, err
		}
		*f.dst = v
	}
	n, err := strconv.Atoi(hours)
	if err != nil || n < 1 {
		n = DefaultReminderHours
	}
	out.ReminderHours = n
	return out, nil
}

// Validate checks settings before they are saved.
func (st Settings) Validate() error {
	var errs ValidationError
	switch st.DefaultTone {
	case "formal", "warm", "brief":
	default:
		errs = append(errs, &FieldError{Field: SettingDefaultTone, Msg: fmt.Sprintf("unknown tone %q", st.DefaultTone)})
	}
	if st.DefaultZone != "" {
		if _, err := LoadZone(st.DefaultZone); err != nil {
			errs = append(errs, &FieldError{Field: SettingDefaultZone, Msg: err.Error()})
		}
	}
	switch st.English {
	case "", "us", "uk":
	default:
		errs = append(errs, &FieldError{Field: SettingEnglish, Msg: fmt.Sprintf("unknown English %q (want us or uk)", st.English)})
	}
	for _, f := range []struct{ key, name, value string }{
		{SettingYourName, "your name", st.YourName},
		{SettingSignature, "signature", st.Signature},
		{SettingPhone, "phone number", st.Phone},
	} {
		if len(f.value) > MaxFieldBytes {
			errs = append(errs, &FieldError{Field: f.key, Msg: TooLong(f.name, len(f.value), MaxFieldBytes)})
		}
	}
	if st.ReminderHours < 1 || st.ReminderHours > 24*14 {
		errs = append(errs, &FieldError{Field: SettingReminderHours, Msg: "reminders can come 1 hour to 14 days ahead"})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// SaveSettings validates and stores every setting in one transaction.
func (s *Store) SaveSettings(ctx context.Context, st Settings) error {
	st.YourName = strings.TrimSpace(st.YourName)
	if err := st.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for key, value := range map[string]string{
			SettingYourName:      st.YourName,
			SettingSignature:     st.Signature,
			SettingDefaultTone:   st.DefaultTone,
			SettingDefaultZone:   st.DefaultZone,
			SettingReminderHours: strconv.Itoa(st.ReminderHours),
			SettingEnglish:       st.English,
			SettingPhone:         strings.TrimSpace(st.Phone),
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
				return fmt.Errorf("save setting %s: %w", key, classify(err))
			}
		}
		return nil
	})
}

// MoveDatabase moves a closed database file from one path to another on
// any disk: it copies, syncs and checks the copy first, puts it in place,
// runs commit (which records the new place; nil for none), and only then
// removes the original with its -wal, -shm and lock files. If commit fails,
// the copy is removed and the original stays. The check reads the copy as
// immutable, so it leaves no -wal or -shm beside it. The destination must
// not exist.
func MoveDatabase(ctx context.Context, from, to string, commit func() error) error {
	if exists(to) {
		return fmt.Errorf("move database: %s already exists", to)
	}
	if hasWAL(from) {
		return errors.New("move database: it is still open")
	}
	if err := QuickCheck(ctx, from); err != nil {
		return wrapErr("move database", err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return wrapErr("move database", err)
	}
	tmp := tempName(to, "moving")
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return wrapErr("move database", err)
	}
	if err := QuickCheck(ctx, tmp); err != nil {
		os.Remove(tmp)
		return wrapErr("move database: the copy failed its check", err)
	}
	if err := os.Rename(tmp, to); err != nil {
		os.Remove(tmp)
		return wrapErr("move database", err)
	}
	syncDir(filepath.Dir(to))
	if commit != nil {
		if err := commit(); err != nil {
			os.Remove(to)
			return wrapErr("move database", err)
		}
	}
	for _, p := range []string{from, from + "-wal", from + "-shm", from + ".lock"} {
		os.Remove(p)
	}
	syncDir(filepath.Dir(from))
	return nil
}
