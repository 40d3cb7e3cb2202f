package views

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"bridgekeeper/data"
)

func TestSettingsSaveAndApply(t *testing.T) {
	h := newHarness(t)
	var heard []data.Settings
	h.ui.onSettingsChanged(func(st data.Settings) { heard = append(heard, st) })
	st, _ := h.store.LoadSettings(context.Background())
	f := h.ui.showSettings(st, "Europe/London")
	f.name.SetText("Ana Pérez")
	f.signature.SetText("+44 20 7946 0000")
	f.tone.SetSelected("Formal")
	f.zone.SetText("Europe/Madrid")
	f.reminders.SetSelected(reminderLabel(48))
	f.english.SetSelected("British")
	f.phone.SetText("+44 7700 900123")
	f.theme.SetSelected("Dark")
	if v := h.ui.env.App.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); v != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("picking Dark did not apply the dark theme at once")
	}
	f.dialog.Submit()
	h.ui.Wait()
	got, _ := h.store.LoadSettings(context.Background())
	want := data.Settings{YourName: "Ana Pérez", Signature: "+44 20 7946 0000", DefaultTone: "formal",
		DefaultZone: "Europe/Madrid", ReminderHours: 48, English: "uk", Phone: "+44 7700 900123"}
	if got != want {
		t.Errorf("saved %+v, want %+v", got, want)
	}
	if h.ui.env.App.Preferences().String(PrefTheme) != "dark" {
		t.Error("theme choice not remembered")
	}
	if len(heard) != 1 || heard[0] != want {
		t.Errorf("tabs were told %+v", heard)
	}
	// The composer writes British English from now on.
	c := h.ui.compose
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	if !strings.Contains(c.subject.Text, "Cancelling") {
		t.Errorf("subject %q is not in British English", c.subject.Text)
	}
}

// TestSettingsEnglishFollowsTheLocaleUntilChosen: with no choice saved,
// the English comes from the user's locale.
func TestSettingsEnglishFollowsTheLocaleUntilChosen(t *testing.T) {
	for _, tt := range []struct{ locale, setting, want string }{
		{"en_GB.UTF-8", "", "British"},
		{"en_US.UTF-8", "", "American"},
		{"", "", "American"},
		{"en_GB.UTF-8", "us", "American"},
		{"de_DE", "uk", "British"},
	} {
		h := newHarness(t)
		h.ui.env.Locale = tt.locale
		f := h.ui.showSettings(data.Settings{English: tt.setting}, "UTC")
		if f.english.Selected != tt.want {
			t.Errorf("locale %q, setting %q: %s, want %s", tt.locale, tt.setting, f.english.Selected, tt.want)
		}
		f.dialog.Hide()
	}
}

func TestSettingsBadZoneKeepsForm(t *testing.T) {
	h := newHarness(t)
	st, _ := h.store.LoadSettings(context.Background())
	f := h.ui.showSettings(st, "Europe/London")
	f.name.SetText("Kept Name")
	f.zone.SetText("Atlantis/Capital")
	f.dialog.Submit()
	h.ui.Wait()
	if f.zoneErr.Hidden || f.zoneErr.Text == "" {
		t.Error("no message beside the time zone")
	}
	if f.name.Text != "Kept Name" {
		t.Error("the form lost what the user typed")
	}
	got, _ := h.store.LoadSettings(context.Background())
	if got.YourName != "" {
		t.Errorf("an invalid form was saved: %+v", got)
	}
}

func TestLocalZoneNameIsLoadable(t *testing.T) {
	t.Setenv("TZ", "Asia/Tokyo")
	if got := localZoneName(); got != "Asia/Tokyo" {
		t.Errorf("LocalZoneName with TZ=Asia/Tokyo = %q", got)
	}
	t.Setenv("TZ", "Nowhere/Atall")
	if got := localZoneName(); got == "Nowhere/Atall" || got == "Local" || got == "" {
		t.Errorf("LocalZoneName fell back to %q", got)
	}
}

// TestSettingsKeepTheLocaleGuessUnsaved: saving without touching the
// spelling leaves it to the locale, so moving to another locale still counts.
func TestSettingsKeepTheLocaleGuessUnsaved(t *testing.T) {
	h := newHarness(t)
	h.ui.env.Locale = "en_GB.UTF-8"
	st, _ := h.store.LoadSettings(context.Background())
	f := h.ui.showSettings(st, "UTC")
	f.name.SetText("Ana")
	f.dialog.Submit()
	h.ui.Wait()
	got, _ := h.store.LoadSettings(context.Background())
	if got.YourName != "Ana" || got.English != "" {
		t.Errorf("saved %+v, want the name and no English of its own", got)
	}
}
