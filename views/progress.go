package views

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// progressInterval is the least time between two redraws of a progress
// dialog: ten a second looks smooth and leaves the UI goroutine idle.
const progressInterval = 100 * time.Millisecond

// progressDialog shows how far a long import has got, with a Cancel button.
// Build and show it on the UI goroutine; update may be called from the
// goroutine doing the work.
type progressDialog struct {
	d      *dialog.CustomDialog
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
	onUI   func(func()) // runs a change to the widgets on the UI goroutine

	mu        sync.Mutex // guards the three below, which update and flush share
	last      time.Time  // of the last redraw
	pending   data.Progress
	scheduled bool // a flush is on its way
	done      bool // hidden: late redraws are dropped (UI goroutine only)
}

// newProgressDialog builds the dialog. onCancel runs, on the UI goroutine,
// when Cancel is pressed; onUI hands widget changes to the UI goroutine
// (tracker.onUI, which uses fyne.Do).
func newProgressDialog(title string, win fyne.Window, onCancel func(), onUI func(func())) *progressDialog {
	p := &progressDialog{
		bar:   widget.NewProgressBar(),
		label: widget.NewLabel("Starting…"),
		onUI:  onUI,
	}
	p.bar.Hide() // until the size of the input is known
	p.cancel = &widget.Button{Text: "Cancel", OnTapped: func() {
		p.cancel.Disable()
		p.label.SetText("Cancelling…")
		onCancel()
	}}
	body := container.NewVBox(p.bar, p.label)
	p.d = dialog.NewCustomWithoutButtons(title, body, win)
	p.d.SetButtons([]fyne.CanvasObject{p.cancel})
	p.d.Resize(fyne.NewSize(420, p.d.MinSize().Height))
	return p
}

func (p *progressDialog) show() { p.d.Show() }

// hide closes the dialog for good.
func (p *progressDialog) hide() {
	p.done = true
	p.d.Hide()
}

// update shows pr, at most once per progressInterval: the import reports
// more often than anyone can read. A report that comes too soon is kept
// and shown when the interval is up, so the dialog never stays behind on
// an import that has gone quiet (reading a slow disk, waiting on a lock).
func (p *progressDialog) update(pr data.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending = pr
	if p.scheduled {
		return
	}
	p.scheduled = true
	time.AfterFunc(max(progressInterval-time.Since(p.last), 0), p.flush)
}

// flush shows the newest report.
func (p *progressDialog) flush() {
	p.mu.Lock()
	pr := p.pending
	p.scheduled, p.last = false, time.Now()
	p.mu.Unlock()
	p.onUI(func() {
		if p.done || p.cancel.Disabled() {
			return // finished, or "Cancelling…" says more than a count
		}
		p.render(pr)
	})
}

// render shows one report. The file is read twice, checked and then
// stored, and each reading is half the bar.
func (p *progressDialog) render(pr data.Progress) {
	if pr.Total > 0 {
		part := min(float64(pr.Bytes)/float64(pr.Total), 1) / 2
		if !pr.Checking {
			part += 0.5
		}
		p.bar.Show()
		p.bar.SetValue(part)
	}
	if pr.Checking {
		p.label.SetText("Checking the file…")
		return
	}
	p.label.SetText(progressRowsText(pr.Rows))
}

// progressRowsText is the dialog's count: "412,000 rows read".
func progressRowsText(rows int) string {
	if rows == 1 {
		return "1 row read"
	}
	return thousands(rows) + " rows read"
}
