package views

import (
	"context"
	"fmt"
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
		list, err = data.ListBackups(u.env.BackupDir)
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

func backupLabel(b data.BackupInfo) string {
	return fmt.Sprintf("%s  (%d KB)", b.Time.Local().Format("Mon 2 Jan 2006, 15:04"), (b.Size+1023)/1024)
}

// chooseBackup lets the user pick a backup, newest first, and confirms
// before replacing the current data (which is itself backed up first).
func (u *UI) chooseBackup(list []data.BackupInfo) {
	labels := make([]string, len(list))
	for i, b := range list {
		labels[i] = backupLabel(b)
	}
	pick := &widget.Select{Options: labels}
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
