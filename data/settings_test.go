package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSettingsDefaultsValidationAndSave(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	st, err := s.LoadSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.DefaultTone != "warm" || st.ReminderHours != DefaultReminderHours || st.YourName != "" {
		t.Errorf("defaults = %+v", st)
	}
	for _, bad := range []struct {
		field string
		edit  func(*Settings)
	}{
		{SettingDefaultTone, func(s *Settings) { s.DefaultTone = "sarcastic" }},
		{SettingDefaultZone, func(s *Settings) { s.DefaultZone = "Atlantis/Capital" }},
		{SettingReminderHours, func(s *Settings) { s.ReminderHours = 0 }},
	} {
		b := st
		bad.edit(&b)
		var ve ValidationError
		if err := s.SaveSettings(ctx, b); !errors.As(err, &ve) || ve.Field(bad.field) == "" {
			t.Errorf("SaveSettings with bad %s = %v", bad.field, err)
		}
	}
	want := Settings{YourName: "Ana Pérez", Signature: "+44 20 7946 0000", DefaultTone: "formal",
		DefaultZone: "Europe/Madrid", ReminderHours: 48}
	if err := s.SaveSettings(ctx, Settings{YourName: "  Ana Pérez ", Signature: want.Signature,
		DefaultTone: "formal", DefaultZone: "Europe/Madrid", ReminderHours: 48}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.LoadSettings(ctx)
	if got != want {
		t.Errorf("saved %+v, read %+v", want, got)
	}
}

func TestMoveDatabase(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "old", "bk.db")
	seeded(t, from, 30)
	to := filepath.Join(dir, "new place", "bk.db")
	ctx := context.Background()
	if err := MoveDatabase(ctx, from, to, nil); err != nil {
		t.Fatal(err)
	}
	if exists(from) {
		t.Error("original still there after a move")
	}
	s, err := Open(to)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.CountInterviews(ctx)
	s.Close()
	if n != 30 {
		t.Errorf("moved database has %d rows", n)
	}
	if err := MoveDatabase(ctx, to, to, nil); err == nil {
		t.Error("moved onto an existing file")
	}
	broken := filepath.Join(dir, "broken.db")
	os.WriteFile(broken, []byte("not sqlite"), 0o600)
	if err := MoveDatabase(ctx, broken, filepath.Join(dir, "x.db"), nil); err == nil || !exists(broken) {
		t.Errorf("moving a broken file: err %v, original kept %v", err, exists(broken))
	}
}

func TestSettingsZone(t *testing.T) {
	for _, c := range []struct {
		zone, want string
	}{
		{"Europe/Berlin", "Europe/Berlin"},
		{"Not/AZone", time.Local.String()},
	} {
		if got := (Settings{DefaultZone: c.zone}).Zone().String(); got != c.want {
			t.Errorf("Zone() with %q = %s, want %s", c.zone, got, c.want)
		}
	}
	sys := SystemZone()
	want := time.Local.String()
	if z, err := LoadZone(sys); err == nil {
		want = z.String()
	}
	if got := (Settings{}).Zone().String(); got != want {
		t.Errorf("Zone() with none set = %s, want the computer's %s", got, want)
	}
}
