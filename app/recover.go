package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// offerRecovery handles a database file that is damaged or not a database:
// it is moved aside (never deleted), and the user chooses between the newest
// backup that passes its check and an empty database.
func (s *shell) offerRecovery(cause error) {
	moved, err := data.MoveAside(s.dbPath, time.Now())
	if err != nil {
		s.showMessage("Your data file is damaged",
			fmt.Sprintf("Bridgekeeper cannot read\n%s\n\n%s\n\nIt could not move the file aside either (%v), so it changed nothing. Move or rename the file yourself, then start Bridgekeeper again.",
				s.dbPath, wrapText(cause.Error()), err))
		return
	}
	var best *data.BackupInfo
	list, _ := data.ListBackups(s.backupDir)
	for i := range list {
		if data.QuickCheck(context.Background(), list[i].Path) == nil {
			best = &list[i]
			break
		}
	}
	status := &widget.Label{Wrapping: fyne.TextWrapWord}
	text := fmt.Sprintf("Bridgekeeper could not read its data file\n%s\nbecause %s.\n\nThe file was moved aside, unchanged, to\n%s\nso nothing in it is lost. ",
		s.dbPath, plainCause(cause), moved)
	buttons := container.NewHBox()
	var restore, fresh *widget.Button
	disable := func() {
		fresh.Disable()
		if restore != nil {
			restore.Disable()
		}
	}
	if best != nil {
		text += "You can restore your most recent backup, or start with an empty tracker."
		restore = &widget.Button{
			Text:       "Restore the backup of " + best.Time.Local().Format("Mon 2 Jan 2006 15:04"),
			Importance: widget.HighImportance,
		}
		restore.OnTapped = func() {
			disable()
			status.SetText("Restoring…")
			path := best.Path
			go s.recoverWith(func() error {
				_, err := data.Restore(context.Background(), path, s.dbPath, s.backupDir, time.Now())
				return err
			}, status)
		}
		buttons.Add(restore)
	} else {
		text += "There is no backup to restore, so Bridgekeeper can start with an empty tracker."
	}
	fresh = &widget.Button{Text: "Start with an empty tracker"}
	fresh.OnTapped = func() {
		disable()
		go s.recoverWith(func() error { return nil }, status)
	}
	if best == nil {
		fresh.Importance = widget.HighImportance
	}
	buttons.Add(fresh)
	s.win.SetContent(container.NewPadded(container.NewVBox(
		&widget.Label{Text: "Your data file is damaged", TextStyle: fyne.TextStyle{Bold: true}, SizeName: "headingText"},
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord},
		buttons,
		status,
	)))
}

// plainCause keeps the part of an open error a person can act on: "the
// file is truncated" rather than the chain of wrapping contexts.
func plainCause(err error) string {
	msg := err.Error()
	marker := data.ErrNotDatabase.Error() + ": "
	if i := strings.LastIndex(msg, marker); i >= 0 {
		return msg[i+len(marker):]
	}
	return "it is not a Bridgekeeper database"
}

// recoverWith runs the chosen recovery step off the UI goroutine, then opens
// the database and shows the views.
func (s *shell) recoverWith(step func() error, status *widget.Label) {
	err := step()
	var store *data.Store
	if err == nil {
		store, err = data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
	}
	fyne.Do(func() {
		if err != nil {
			status.SetText("That did not work: " + err.Error())
			return
		}
		s.attach(store)
	})
}
