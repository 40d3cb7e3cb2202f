package views

import (
	"bridgekeeper/views/widgets"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const (
	// outsideCheckEvery is how often the window asks whether another
	// program wrote to the database; a change shows within twice that.
	outsideCheckEvery = time.Second
	// outsideNoticeFor is how long the "updated" notice stays.
	outsideNoticeFor = 8 * time.Second
)

// Keys of the notices shown across the top of the window.
const (
	noticeReadOnly = "read-only"
	noticeSync     = "sync-folder"
	noticeOutside  = "outside-change"
)

// notices is the strip above the tabs for what concerns the whole window,
// whichever tab is showing: a read-only database, a database in a synced
// folder, data changed by another program.
type notices struct {
	box   *fyne.Container
	shown map[string]fyne.CanvasObject
	seq   map[string]int
	// glyphs decides the notice about characters with no font (glyphs.go).
	glyphs glyphCheck
}

func newNotices() *notices {
	return &notices{box: container.NewVBox(), shown: map[string]fyne.CanvasObject{}, seq: map[string]int{}}
}

// set shows (or replaces) the notice under key.
func (n *notices) set(key string, color fyne.ThemeColorName, icon fyne.Resource, text string, actions ...fyne.CanvasObject) {
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	var content fyne.CanvasObject = label
	if len(actions) > 0 {
		content = container.NewBorder(nil, nil, nil, container.NewHBox(actions...), label)
	}
	banner := widgets.NewBanner(color, icon, content)
	n.seq[key]++
	if old, ok := n.shown[key]; ok {
		for i, o := range n.box.Objects {
			if o == old {
				n.box.Objects[i] = banner
			}
		}
	} else {
		n.box.Objects = append(n.box.Objects, banner)
	}
	n.shown[key] = banner
	n.box.Refresh()
}

// clear hides the notice under key.
func (n *notices) clear(key string) {
	old, ok := n.shown[key]
	if !ok {
		return
	}
	delete(n.shown, key)
	for i, o := range n.box.Objects {
		if o == old {
			n.box.Objects = append(n.box.Objects[:i], n.box.Objects[i+1:]...)
			break
		}
	}
	n.box.Refresh()
}

// text returns the words of the notice under key, for tests.
func (n *notices) text(key string) string {
	b, ok := n.shown[key]
	if !ok {
		return ""
	}
	var found string
	walkObjects(b, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && found == "" {
			found = l.Text
		}
	})
	return found
}

// walkObjects visits o and everything inside its containers.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			walkObjects(child, visit)
		}
	}
}

// showStartNotices says what is true of the database from the start.
func (u *UI) showStartNotices() {
	store := u.env.Store
	if store.ReadOnly() {
		u.notices.set(noticeReadOnly, theme.ColorNameWarning, theme.WarningIcon(),
			fmt.Sprintf("This database is read-only (%s), so you can read everything but nothing can be saved. To make changes, make the file and its folder writable, then start Bridgekeeper again.", store.Path()))
	}
	if sf := u.env.SyncFolder; sf != nil {
		keep := &widget.Button{Text: "Keep it here", Importance: widget.LowImportance, OnTapped: func() { u.notices.clear(noticeSync) }}
		actions := []fyne.CanvasObject{keep}
		if u.env.MoveDatabase != nil {
			move := &widget.Button{Text: "Move it to this computer…", Icon: theme.FolderOpenIcon(), OnTapped: u.onMoveOutOfSync}
			actions = []fyne.CanvasObject{move, keep}
		}
		u.notices.set(noticeSync, theme.ColorNameWarning, theme.WarningIcon(), sf.Advice(), actions...)
	}
}

// onMoveOutOfSync offers to move the database to Bridgekeeper's own folder
// on this computer; backups stay in the synced folder, where a copy is
// safe and useful.
func (u *UI) onMoveOutOfSync() {
	dest := filepath.Join(u.env.LocalDataDir, filepath.Base(u.env.Store.Path()))
	if u.env.LocalDataDir == "" {
		u.onSettings()
		return
	}
	u.confirmMove(dest, nil)
}

// checkOutside runs on a ticker goroutine: when another program has written
// to the database, the window reloads what it shows.
func (u *UI) checkOutside() {
	changed, err := u.env.Store.Changes(u.ctx)
	if err != nil || !changed {
		return
	}
	fyne.Do(func() {
		if u.ctx.Err() == nil {
			u.outsideChanged()
		}
	})
}

// outsideChanged reloads after another program's write and says so.
func (u *UI) outsideChanged() {
	u.tracker.reload()
	u.reloadSettings()
	u.notices.set(noticeOutside, theme.ColorNamePrimary, theme.ViewRefreshIcon(),
		"Updated with changes made outside this window (by the command line or another program).")
	u.notices.seq[noticeOutside]++
	seq := u.notices.seq[noticeOutside]
	u.after(outsideNoticeFor, func() {
		if u.notices.seq[noticeOutside] == seq {
			u.notices.clear(noticeOutside)
		}
	})
}
