package views

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// Preference keys kept by Fyne rather than in the database, because they
// are needed before the database is open or describe this computer.
const (
	PrefTheme     = "theme"      // "system", "light" or "dark"
	PrefDBPath    = "db_path"    // where the database lives; "" for the default
	PrefBackupDir = "backup_dir" // where backups go; "" for beside the database
)

// ApplyTheme sets the app's theme from its name; anything unknown means
// following the system. Every choice is Fyne's default theme with its text
// colours made readable (see readableTheme).
func ApplyTheme(a fyne.App, name string) {
	var th fyne.Theme = readableTheme{Theme: theme.DefaultTheme()}
	switch name {
	case "light":
		th = forcedVariant{Theme: th, variant: theme.VariantLight}
	case "dark":
		th = forcedVariant{Theme: th, variant: theme.VariantDark}
	}
	a.Settings().SetTheme(th)
}

// forcedVariant is a theme pinned to light or dark, whatever the desktop
// prefers.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f forcedVariant) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(name, f.variant)
}

var reminderChoices = []int{1, 3, 12, 24, 48, 72}

func reminderLabel(hours int) string {
	if hours%24 == 0 {
		if hours == 24 {
			return "1 day before"
		}
		return fmt.Sprintf("%d days before", hours/24)
	}
	if hours == 1 {
		return "1 hour before"
	}
	return strconv.Itoa(hours) + " hours before"
}

// onSettings loads the settings off the UI goroutine, then shows the form.
func (u *UI) onSettings() {
	var st data.Settings
	var local string
	u.background(func() (err error) {
		local = localZoneName()
		st, err = u.env.Store.LoadSettings(context.Background())
		return err
	}, func(err error) {
		if err != nil {
			u.showError("Settings could not be read", err)
			return
		}
		u.showSettings(st, local)
	})
}

// settingsForm is the open Settings dialog and the widgets tests drive.
type settingsForm struct {
	dialog    *dialog.FormDialog
	name      *widget.Entry
	signature *widget.Entry
	tone      *widget.RadioGroup
	zone      *widget.SelectEntry
	zoneErr   *widget.Label
	reminders *widget.Select
	theme     *widget.RadioGroup
	english   *widget.RadioGroup
	phone     *widget.Entry
}

func (u *UI) showSettings(st data.Settings, localZone string) *settingsForm {
	name := &widget.Entry{Text: st.YourName, PlaceHolder: "The name you sign emails with"}
	signature := &widget.Entry{Text: st.Signature, MultiLine: true, Wrapping: fyne.TextWrapWord,
		PlaceHolder: "Optional lines under your name, e.g. a phone number"}
	signature.SetMinRowsVisible(3)
	phone := &widget.Entry{Text: st.Phone, PlaceHolder: "e.g. +44 20 7946 0000, left in voicemails and texts"}
	englishChoice := &widget.RadioGroup{Options: settingsEnglishLabels(), Horizontal: true, Required: true}
	englishChoice.SetSelected(settingsEnglishLabels()[slices.Index(compose.Englishes(), composeEnglish(st.English, u.env.Locale))])
	tone := &widget.RadioGroup{Options: []string{"Formal", "Warm", "Brief"}, Horizontal: true, Required: true}
	tone.SetSelected(map[string]string{"formal": "Formal", "warm": "Warm", "brief": "Brief"}[st.DefaultTone])
	zone := widget.NewSelectEntry(zoneChoices(localZone))
	zone.SetText(st.DefaultZone)
	zone.PlaceHolder = "This computer's zone (" + localZone + ")"
	zoneErr := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	zoneErr.Hide()
	for _, e := range []*widget.Entry{name, signature, phone} {
		limitEntry(e, e.SetText, data.MaxFieldBytes, func(size int) {
			zoneErr.SetText(sentence(data.TooLong("that text", size, data.MaxFieldBytes)) + " The rest was not kept.")
			zoneErr.Show()
		})
	}
	reminders := &widget.Select{}
	for _, h := range reminderChoices {
		reminders.Options = append(reminders.Options, reminderLabel(h))
	}
	reminders.SetSelected(reminderLabel(st.ReminderHours))
	if reminders.SelectedIndex() < 0 {
		reminders.SetSelected(reminderLabel(data.DefaultReminderHours))
	}
	prefs := u.env.App.Preferences()
	themeChoice := &widget.RadioGroup{Options: []string{"System", "Light", "Dark"}, Horizontal: true, Required: true}
	themeChoice.SetSelected(map[string]string{"light": "Light", "dark": "Dark"}[prefs.String(PrefTheme)])
	if themeChoice.Selected == "" {
		themeChoice.SetSelected("System")
	}
	themeChoice.OnChanged = func(s string) {
		// Shown at once, so the user sees what they pick.
		ApplyTheme(u.env.App, map[string]string{"Light": "light", "Dark": "dark"}[s])
	}

	dbLabel := &widget.Label{Text: u.env.Store.Path(), Wrapping: fyne.TextWrapBreak, Selectable: true}
	moveDB := &widget.Button{Text: "Move…", Icon: theme.FolderOpenIcon()}
	if u.env.MoveDatabase == nil {
		moveDB.Disable()
		dbLabel.SetText(u.env.Store.Path() + "\n(chosen with --db for this run)")
	}
	backupLabel := &widget.Label{Text: u.env.BackupDir, Wrapping: fyne.TextWrapBreak, Selectable: true}
	backupDir := u.env.BackupDir
	changeBackups := &widget.Button{Text: "Change…", Icon: theme.FolderOpenIcon()}
	changeBackups.OnTapped = func() {
		pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			backupDir = dir.Path()
			backupLabel.SetText(backupDir)
		}, u.env.Window)
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(backupDir))); err == nil {
			pick.SetLocation(l)
		}
		pick.Show()
	}

	items := []*widget.FormItem{
		{Text: "Your name", Widget: name, HintText: "Fills in the sender in every draft"},
		{Text: "Signature", Widget: signature},
		{Text: "Phone", Widget: phone, HintText: "The number to call you back on"},
		{Text: "Spelling", Widget: englishChoice, HintText: "Dates, times and spelling in drafts"},
		{Text: "Default tone", Widget: tone},
		{Text: "Time zone", Widget: zone, HintText: "Used for new interviews and drafts"},
		{Text: "", Widget: zoneErr},
		{Text: "Reminders", Widget: reminders, HintText: "When to remind you of an interview"},
		{Text: "Theme", Widget: themeChoice},
		{Text: "Database", Widget: dbLabel},
		{Text: "", Widget: moveDB},
		{Text: "Backups folder", Widget: backupLabel},
		{Text: "", Widget: changeBackups},
	}
	var d *dialog.FormDialog
	save := func(ok bool) {
		if !ok {
			ApplyTheme(u.env.App, prefs.String(PrefTheme))
			return
		}
		next := data.Settings{
			YourName:      name.Text,
			Signature:     signature.Text,
			DefaultTone:   map[string]string{"Formal": "formal", "Warm": "warm", "Brief": "brief"}[tone.Selected],
			DefaultZone:   zone.Text,
			ReminderHours: reminderChoices[max(reminders.SelectedIndex(), 0)],
			English:       settingsEnglish(st.English, u.env.Locale, englishChoice.Selected),
			Phone:         phone.Text,
		}
		themeName := map[string]string{"Light": "light", "Dark": "dark", "System": "system"}[themeChoice.Selected]
		u.background(func() error {
			return u.env.Store.SaveSettings(context.Background(), next)
		}, func(err error) {
			var ve data.ValidationError
			if errors.As(err, &ve) {
				zoneErr.SetText(sentence(ve.Error()))
				zoneErr.Show()
				d.Show() // keep everything the user typed
				return
			}
			if err != nil {
				u.showError("Settings were not saved", err)
				return
			}
			prefs.SetString(PrefTheme, themeName)
			if backupDir != u.env.BackupDir {
				prefs.SetString(PrefBackupDir, backupDir)
				u.env.BackupDir = backupDir
			}
			u.settingsChanged(next)
		})
	}
	d = dialog.NewForm("Settings", "Save", "Cancel", items, save, u.env.Window)
	moveDB.OnTapped = func() { u.onMoveDatabase(d) }
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
	return &settingsForm{dialog: d, name: name, signature: signature, tone: tone, zone: zone,
		zoneErr: zoneErr, reminders: reminders, theme: themeChoice, english: englishChoice, phone: phone}
}

// settingsEnglish is the English setting to save for the choice shown: ""
// while it is still the locale's suggestion and nothing was saved before,
// so a change of locale keeps counting until the user picks for themselves.
func settingsEnglish(saved, locale, shown string) string {
	i := slices.Index(settingsEnglishLabels(), shown)
	if i < 0 || saved == "" && compose.Englishes()[i] == compose.EnglishFromLocale(locale) {
		return ""
	}
	return string(compose.Englishes()[i])
}

// settingsEnglishLabels name the varieties in the order of
// compose.Englishes.
func settingsEnglishLabels() []string { return []string{"American", "British"} }

// onMoveDatabase asks for a folder and moves the database there; the window
// reopens on the moved file.
func (u *UI) onMoveDatabase(settings *dialog.FormDialog) {
	pick := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		u.confirmMove(filepath.Join(dir.Path(), filepath.Base(u.env.Store.Path())), settings)
	}, u.env.Window)
	pick.Show()
}

// confirmMove asks before moving the database to dest, then moves it off
// the UI goroutine; settings, when open, is closed first.
func (u *UI) confirmMove(dest string, settings *dialog.FormDialog) {
	dialog.ShowConfirm("Move your data?",
		fmt.Sprintf("Bridgekeeper will close the database, copy it to\n%s\ncheck the copy, and only then remove the original.\nBackups stay in\n%s", dest, u.env.BackupDir),
		func(ok bool) {
			if !ok {
				return
			}
			if settings != nil {
				settings.Hide()
			}
			move, win := u.env.MoveDatabase, u.env.Window
			// The UI is rebuilt by the move, so report through the window.
			go func() {
				err := move(dest)
				fyne.Do(func() {
					if err != nil {
						u.showError("The database was not moved", err)
						return
					}
					dialog.ShowInformation("Database moved", "Your interviews now live in\n"+dest, win)
				})
			}()
		}, u.env.Window)
}
