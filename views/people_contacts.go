package views

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// peopleRoles are the contact roles as the picker shows them, in the order
// of peopleRoleIDs.
func peopleRoles() []string {
	return []string{"Not said", "Recruiter", "Hiring manager", "Interviewer", "Referral", "Other"}
}

func peopleRoleIDs() []data.ContactRole {
	return []data.ContactRole{"", data.RoleRecruiter, data.RoleHiringManager, data.RoleInterviewer, data.RoleReferral, data.RoleOther}
}

// peopleRoleLabel is a role as the page shows it.
func peopleRoleLabel(r data.ContactRole) string {
	if i := slices.Index(peopleRoleIDs(), r); i > 0 {
		return peopleRoles()[i]
	}
	return ""
}

// renderContacts lists the company's people, each with an Edit button.
func (p *peopleTab) renderContacts() {
	objs := []fyne.CanvasObject{}
	for _, c := range p.contacts {
		var parts []string
		for _, v := range []string{peopleRoleLabel(c.Role), c.Email, c.Phone} {
			if v != "" {
				parts = append(parts, v)
			}
		}
		name := c.Name
		if name == "" {
			name = c.Email
		}
		line := container.NewBorder(nil, nil, nil,
			&widget.Button{Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: func() { p.onEditContact(c) }},
			container.NewVBox(&widget.Label{Text: name, TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
				trackerQuiet(strings.Join(parts, " · "))))
		objs = append(objs, line)
	}
	if len(objs) == 0 {
		objs = append(objs, trackerQuiet("No one yet: the contacts of its interviews appear here."))
	}
	p.people.Objects = objs
	p.people.Refresh()
}

// onEditContact edits a person: name, role, email, phone, LinkedIn, notes.
func (p *peopleTab) onEditContact(c data.Contact) {
	name := peopleField("e.g. Dana Reyes", c.Name)
	email := peopleField("e.g. dana@example.com", c.Email)
	phone := peopleField("e.g. +44 20 7946 0000", c.Phone)
	linkedin := peopleField("e.g. https://www.linkedin.com/in/…", c.LinkedIn)
	notes := peopleNotes(c.Notes)
	role := &widget.Select{Options: peopleRoles()}
	role.SetSelectedIndex(max(0, slices.Index(peopleRoleIDs(), c.Role)))
	form := widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Role", role), widget.NewFormItem("Email", email),
		widget.NewFormItem("Phone", phone), widget.NewFormItem("LinkedIn", linkedin), widget.NewFormItem("Notes", notes))
	p.editDialog("Edit "+composeOr(c.Name, "contact"), form, func() error {
		edited := c
		edited.Name, edited.Email, edited.Phone, edited.LinkedIn, edited.Notes = name.Text, email.Text, phone.Text, linkedin.Text, notes.Text
		edited.Role = peopleRoleIDs()[max(0, role.SelectedIndex())]
		return p.ui.env.Store.SaveContact(p.ui.ctx, &edited)
	}, func() {
		if p.current != nil {
			p.choose(p.current.ID)
		}
	})
}

// editDialog shows form with Cancel and Save. Save runs save off the UI
// goroutine; a refusal is shown above the form, which stays open with
// everything typed, and success closes it and runs done.
func (p *peopleTab) editDialog(title string, form fyne.CanvasObject, save func() error, done func()) {
	problem := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	problem.Hide()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(problem, form), p.ui.env.Window)
	saveBtn := &widget.Button{Text: "Save", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: func() {
		p.ui.background(save, func(err error) {
			if err != nil {
				problem.SetText(sentence(err.Error()))
				problem.Show()
				return
			}
			d.Hide()
			done()
		})
	}}
	d.SetButtons([]fyne.CanvasObject{&widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: d.Hide}, saveBtn})
	d.Resize(fyne.NewSize(520, 0))
	p.ui.showDialog(d)
}

// onImportVCF reads contacts from a vCard file a phone or mail program
// wrote, matching people already known by email.
func (p *peopleTab) onImportVCF() {
	p.ui.tracker.openFile([]string{".vcf", ".vcard"}, "Import", p.importVCF)
}

// importVCF reads and stores the cards in r, off the UI goroutine.
func (p *peopleTab) importVCF(r io.ReadCloser, name string) {
	var res data.ImportContactsResult
	var warns []string
	p.ui.background(func() error {
		defer r.Close()
		cs, orgs, w, err := data.ReadVCards(r)
		if err != nil {
			return err
		}
		warns = w
		res, err = p.ui.env.Store.ImportContacts(p.ui.ctx, cs, orgs)
		return err
	}, func(err error) {
		if err != nil {
			p.ui.showError(name+" was not imported", err)
			return
		}
		msg := res.Summary()
		for _, s := range res.Skipped {
			msg += fmt.Sprintf("\n• Card %d (%s): %s", s.Index+1, composeOr(s.Label, "no name"), s.Reason)
		}
		for _, w := range warns {
			msg += "\n• " + w
		}
		p.ui.showInfo("Contacts imported", msg)
		p.onShown()
	})
}

// onExportVCF saves every contact as vCards.
func (p *peopleTab) onExportVCF() {
	p.ui.tracker.saveFile("contacts.vcf", ".vcf", func(w fyne.URIWriteCloser) {
		where := w.URI().Path()
		var n int
		p.ui.background(func() error {
			cs, err := p.ui.env.Store.Contacts(p.ui.ctx, 0)
			if err != nil {
				w.Close()
				return err
			}
			companies, err := p.ui.env.Store.Companies(p.ui.ctx)
			if err != nil {
				w.Close()
				return err
			}
			names := map[int64]string{}
			for _, c := range companies {
				names[c.ID] = c.Name
			}
			var buf bytes.Buffer
			if err := data.WriteVCards(&buf, cs, func(id int64) string { return names[id] }); err != nil {
				w.Close()
				return err
			}
			n = len(cs)
			return trackerWriteAll(w, buf.Bytes())
		}, func(err error) {
			if err != nil {
				p.ui.showError("The contacts could not be saved", err)
				return
			}
			p.ui.showInfo("Contacts saved", fmt.Sprintf("Saved %s to\n%s", plural(n, "contact", "contacts"), where))
		})
	})
}

// onEditCompany edits the chosen company's name, website and notes.
func (p *peopleTab) onEditCompany() {
	if p.current == nil {
		return
	}
	c := p.current.Company
	name := peopleField("e.g. Acme Ltd", c.Name)
	website := peopleField("e.g. https://acme.example", c.Website)
	notes := peopleNotes(c.Notes)
	form := widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Website", website), widget.NewFormItem("Notes", notes))
	p.editDialog("Edit "+c.Name, form, func() error {
		edited := c
		edited.Name, edited.Website, edited.Notes = name.Text, website.Text, notes.Text
		return p.ui.env.Store.SaveCompany(p.ui.ctx, edited)
	}, p.onShown)
}

// peopleField is an entry holding text, with an example as placeholder.
func peopleField(example, text string) *widgets.Entry {
	e := widgets.NewEntry(example)
	e.SetText(text)
	return e
}

// peopleNotes is a notes box holding text.
func peopleNotes(text string) *widgets.NotesEntry {
	e := widgets.NewNotesEntry("What to remember about them")
	e.SetText(text)
	e.SetMinRowsVisible(3)
	return e
}
