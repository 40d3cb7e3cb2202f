package views

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// onImportInvite asks for a calendar invite (.ics) and shows what it holds.
func (t *trackerTab) onImportInvite() {
	t.openFile([]string{".ics", ".ICS", ".ical"}, "Open", t.importInvite)
}

// importInvite reads a calendar file off the UI goroutine, then shows its
// invites as they will land, with company and role to confirm or correct.
func (t *trackerTab) importInvite(r io.ReadCloser, name string) {
	var invites []data.Invite
	zone := t.importZone()
	t.bg(func() error {
		defer r.Close()
		var err error
		if invites, err = data.ReadInvites(r, zone()); err != nil {
			return err
		}
		var zones []string
		for _, inv := range invites {
			zones = append(zones, inv.Interview.TimeZone)
		}
		t.ui.zones.load(zones...)
		return nil
	}, func(err error) {
		if err != nil {
			t.showSheetRefusal(name, err)
			return
		}
		newInviteReview(t, name, invites).show()
	})
}

// inviteReview is the step between reading an invite and storing it: each
// event as it will land, with its company and role editable, since an
// invite's title does not always tell them apart.
type inviteReview struct {
	t       *trackerTab
	name    string
	invites []data.Invite
	company []*widget.Entry
	role    []*widget.Entry
	d       *dialog.CustomDialog
	status  *widget.Label
	ok      *widget.Button
}

// inviteReviewShown bounds how many events the review lists one by one.
const inviteReviewShown = 50

func newInviteReview(t *trackerTab, name string, invites []data.Invite) *inviteReview {
	return &inviteReview{t: t, name: name, invites: invites}
}

func (ir *inviteReview) show() {
	list := container.NewVBox()
	for i := range ir.invites {
		if i == inviteReviewShown {
			list.Add(widget.NewLabel(fmt.Sprintf("…and %s more, imported as read.", plural(len(ir.invites)-i, "event", "events"))))
			break
		}
		list.Add(ir.card(i))
	}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, min(140*float32(len(ir.invites)), 420)))
	ir.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		"%s holds %s. Check the company and role, then import. An invite imported before updates its interview.",
		ir.name, plural(len(ir.invites), "event", "events"))}
	ir.ok = &widget.Button{Text: "Import", Importance: widget.HighImportance, OnTapped: ir.onImport}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { ir.d.Hide() }}
	ir.d = dialog.NewCustomWithoutButtons("Import "+ir.name, container.NewBorder(intro, ir.status, nil, nil, scroll), ir.t.ui.env.Window)
	ir.d.SetButtons([]fyne.CanvasObject{cancel, ir.ok})
	ir.t.ui.showDialog(ir.d)
	if len(ir.company) > 0 {
		ir.t.ui.env.Window.Canvas().Focus(ir.company[0])
	}
}

// card shows one event: when, who, where, and the fields to confirm.
func (ir *inviteReview) card(i int) fyne.CanvasObject {
	inv := ir.invites[i]
	iv := inv.Interview
	when, _ := ir.t.whenText(briefOf(&iv), time.Now())
	head := &widget.Label{Text: when, TextStyle: fyne.TextStyle{Bold: true}}
	if inv.Cancelled {
		head.Text = "Cancelled: " + when
		head.Importance = widget.WarningImportance
	}
	company := &widget.Entry{Text: iv.Company, PlaceHolder: "Company"}
	role := &widget.Entry{Text: iv.Role, PlaceHolder: "Role (optional)"}
	company.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("company is required")
		}
		return nil
	}
	ir.company, ir.role = append(ir.company, company), append(ir.role, role)
	form := widget.NewForm(widget.NewFormItem("Company", company), widget.NewFormItem("Role", role))
	var facts []string
	if who := strings.TrimSpace(iv.ContactName + " " + inviteAngle(iv.ContactEmail)); who != "" {
		facts = append(facts, "Contact: "+who)
	}
	if iv.Location != "" {
		facts = append(facts, "Where: "+iv.Location)
	}
	if inv.Summary != "" {
		facts = append(facts, "Invite: “"+inv.Summary+"”")
	}
	facts = append(facts, inv.Warnings...)
	details := &widget.Label{Text: strings.Join(facts, "\n"), Wrapping: fyne.TextWrapWord, Selectable: true}
	return container.NewVBox(head, form, details, widget.NewSeparator())
}

func inviteAngle(email string) string {
	if email == "" {
		return ""
	}
	return "<" + email + ">"
}

// onImport stores the invites, with the company and role as edited.
func (ir *inviteReview) onImport() {
	for i := range ir.company {
		if strings.TrimSpace(ir.company[i].Text) == "" {
			ir.status.Importance = widget.DangerImportance
			ir.status.SetText("Every event needs a company.")
			ir.t.ui.env.Window.Canvas().Focus(ir.company[i])
			return
		}
		ir.invites[i].Interview.Company = strings.TrimSpace(ir.company[i].Text)
		ir.invites[i].Interview.Role = strings.TrimSpace(ir.role[i].Text)
	}
	ir.ok.Disable()
	ir.status.Importance = widget.MediumImportance
	ir.status.SetText("Importing…")
	var res data.ImportResult
	ir.t.bg(func() error {
		var err error
		res, err = ir.t.ui.env.Store.ImportInvites(ir.t.ui.ctx, ir.invites, false)
		return err
	}, func(err error) {
		if err != nil {
			ir.ok.Enable()
			ir.status.Importance = widget.DangerImportance
			ir.status.SetText("Nothing was imported: " + sentence(err.Error()))
			return
		}
		ir.d.Hide()
		ir.t.importFinished(ir.name, res, nil)
	})
}

// onDropped takes files dropped on the window: calendar invites and
// spreadsheets are imported, each as if chosen from the File menu.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	u.ensureBuilt(TabTracker)
	t := u.tracker
	t.uiMu.Lock()
	defer t.uiMu.Unlock()
	var skipped []string
	for _, uri := range uris {
		ext := strings.ToLower(uri.Extension())
		kind := map[string]string{".ics": "invite", ".ical": "invite", ".csv": "sheet", ".tsv": "sheet", ".txt": "sheet"}[ext]
		if kind == "" {
			skipped = append(skipped, uri.Name())
			continue
		}
		r, err := storage.Reader(uri)
		if err != nil {
			u.showError(uri.Name()+" could not be opened", err)
			continue
		}
		if kind == "invite" {
			t.importInvite(r, uri.Name())
		} else {
			t.importCSV(r, uri.Name())
		}
	}
	if len(skipped) > 0 {
		u.showInfo("Not imported", strings.Join(skipped, ", ")+
			": drop calendar invites (.ics) or spreadsheets saved as CSV (.csv, .tsv, .txt).")
	}
}
