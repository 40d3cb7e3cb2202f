package views

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

func (u *UI) onBackupNow() {
	var made data.BackupInfo
	u.background(func() (err error) {
		made, err = u.env.Store.Backup(context.Background(), u.env.BackupDir, time.Now())
		return err
	}, func(err error) {
		if err != nil {
			u.showError("The backup could not be written", err)
			return
		}
		dialog.ShowInformation("Backup saved",
			fmt.Sprintf("Your interviews were backed up to\n%s\n\nBridgekeeper keeps the %d most recent backups.", made.Path, data.KeepBackups),
			u.env.Window)
	})
}

func (u *UI) onRestore() {
	var list []data.BackupInfo
	u.background(func() (err error) {
		// Counting opens every backup, so it stays off the UI goroutine.
		list, err = data.ListBackupsDetailed(u.ctx, u.env.BackupDir)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			dialog.ShowError(err, u.env.Window)
		case len(list) == 0:
			dialog.ShowInformation("No backups yet",
				"There are no backups in\n"+u.env.BackupDir+"\n\nBridgekeeper makes one automatically each day you use it, and File → Back up now… makes one at any time.",
				u.env.Window)
		default:
			u.chooseBackup(list)
		}
	})
}

// backupDetail is how much a backup's label says to tell it from others.
type backupDetail int

const (
	backupToMinute backupDetail = iota
	backupToSecond              // two backups in one minute
	backupWithFile              // two alike in one second: only the file differs
)

// backupLabel says when a backup was made, what it holds and why, e.g.
// "Wed 2 Dec 2026, 04:34 — 12 interviews, daily (32 KB)".
func backupLabel(b data.BackupInfo, detail backupDetail) string {
	when := "Unknown date"
	if !b.Time.IsZero() {
		layout := "Mon 2 Jan 2006, 15:04"
		if detail >= backupToSecond {
			layout += ":05"
		}
		when = b.Time.Local().Format(layout)
	}
	held := "can't be read"
	if b.Interviews >= 0 {
		held = plural(b.Interviews, "interview", "interviews")
	}
	// Backups from before reasons were recorded have none to show.
	if b.Reason != "" {
		held += ", " + b.Reason.Label()
	}
	label := fmt.Sprintf("%s — %s (%d KB)", when, held, (b.Size+1023)/1024)
	if detail >= backupWithFile {
		label += " · " + filepath.Base(b.Path)
	}
	return label
}

// backupLabels labels each backup, adding seconds and then the file name
// only where labels would otherwise be the same: a Select cannot tell
// identical options apart, so the user could not either.
func backupLabels(list []data.BackupInfo) []string {
	detail := make([]backupDetail, len(list))
	labels := make([]string, len(list))
	for {
		same := map[string][]int{}
		for i, b := range list {
			labels[i] = backupLabel(b, detail[i])
			same[labels[i]] = append(same[labels[i]], i)
		}
		more := false
		for _, alike := range same {
			for _, i := range alike {
				if len(alike) > 1 && detail[i] < backupWithFile {
					detail[i]++
					more = true
				}
			}
		}
		if !more {
			return labels
		}
	}
}

// chooseBackup lets the user pick a backup, newest first, and confirms
// before replacing the current data (which is itself backed up first).
func (u *UI) chooseBackup(list []data.BackupInfo) {
	pick := &widget.Select{Options: backupLabels(list)}
	pick.SetSelectedIndex(0)
	note := &widget.Label{
		Text:     "Your current data is backed up first, so a restore can be undone by restoring that backup.",
		Wrapping: fyne.TextWrapWord,
	}
	form := widget.NewForm(widget.NewFormItem("Backup", pick), widget.NewFormItem("", note))
	d := dialog.NewCustomConfirm("Restore from backup", "Restore", "Cancel", form, func(ok bool) {
		if !ok || pick.SelectedIndex() < 0 {
			return
		}
		chosen := list[pick.SelectedIndex()]
		win, restore := u.env.Window, u.env.Restore
		// The UI is rebuilt by Restore, so report through the window, not u.
		go func() {
			err := restore(chosen.Path)
			fyne.Do(func() {
				if err != nil {
					u.showError("The backup was not restored", err)
					return
				}
				dialog.ShowInformation("Restored", "Your interviews are back as they were on "+chosen.Time.Local().Format("2 Jan 2006 at 15:04")+".", win)
			})
		}()
	}, u.env.Window)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
