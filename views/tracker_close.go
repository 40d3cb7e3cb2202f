package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// offerCloseOthers follows an accepted offer: it lists every other process
// still open and prepares the right message for each (declining a pending
// offer, withdrawing from an interview), to be written one at a time in
// the composer, where each is filed on its interview with its status.
func (t *trackerTab) offerCloseOthers(accepted data.Interview) {
	var open []data.Interview
	t.bg(func() (err error) {
		open, err = t.ui.env.Store.OpenProcesses(t.ui.ctx, accepted.ID)
		return err
	}, func(err error) {
		if err != nil {
			t.ui.showError("The other interviews could not be read", err)
			return
		}
		if len(open) > 0 {
			t.showCloseOthers(accepted, open)
		}
	})
}

// afterAccepting offers to close the rest when a save made iv accepted
// (before is the interview as it was, nil for a new one).
func (t *trackerTab) afterAccepting(before *data.Interview, iv data.Interview) {
	if iv.Status == data.StatusAccepted && (before == nil || before.Status != data.StatusAccepted) {
		t.offerCloseOthers(iv)
	}
}

// showCloseOthers is the dialog offerCloseOthers opens.
func (t *trackerTab) showCloseOthers(accepted data.Interview, open []data.Interview) {
	var d dialog.Dialog
	rows := []fyne.CanvasObject{&widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		"Congratulations on %s. %s still open: a short, kind message to each closes them well. Write them one at a time; each is filed on its interview.",
		trackerCompany(accepted), plural(len(open), "process is", "processes are"))}}
	for _, iv := range open {
		scenario := compose.Closing(iv.Status == data.StatusOffer)
		info, _ := compose.Info(scenario)
		what := trackerCompany(iv)
		if r := strings.TrimSpace(iv.Role); r != "" {
			what += " (" + r + ")"
		}
		write := &widget.Button{Text: info.Label + "…", Icon: theme.MailComposeIcon(), OnTapped: func() {
			d.Hide()
			t.ui.composeAbout(&iv, string(scenario))
		}}
		rows = append(rows, container.NewBorder(nil, nil, nil, write,
			&widget.Label{Text: what + " · " + trackerStatusLabel(iv.Status), Truncation: fyne.TextTruncateEllipsis}))
	}
	d = dialog.NewCustom("Close the other processes", "Later", container.NewVBox(rows...), t.ui.env.Window)
	d.Resize(fyne.NewSize(560, 0))
	t.ui.showDialog(d)
}
