// Package app wires Bridgekeeper together: it claims and opens the store,
// builds the window with its views, menu and shortcuts, and connects the
// real clipboard and URL opener. It is the only package that imports Fyne's
// app driver.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/app/cli"
	"bridgekeeper/assets"
	"bridgekeeper/data"
	"bridgekeeper/views"
)

// Licence is the licence Bridgekeeper is distributed under.
const Licence = "MIT"

// shell owns the window and whatever store is open in it; restoring a
// backup swaps the store and rebuilds the views.
type shell struct {
	app       fyne.App
	win       fyne.Window
	dbPath    string
	backupDir string
	store     *data.Store
	ui        *views.UI
	// fixedPath is set when --db chose the database for this run, so it
	// cannot be moved from the settings.
	fixedPath bool
	tray      *tray
	// releaseGC lets the garbage collector run again; see holdGC.
	releaseGC func()
	// started is set once the first frame is up; views attached after that
	// start their background work at once.
	started bool
}

// Run opens the Bridgekeeper window on the database at dbPath (the app's
// storage folder when empty) and returns once the window has closed.
func Run(dbPath string) error {
	release := holdGC()
	a := fyneapp.NewWithID(cli.AppID)
	views.ApplyTheme(a, a.Preferences().String(views.PrefTheme))
	fixedPath := dbPath != ""
	if dbPath == "" {
		dbPath = a.Preferences().String(views.PrefDBPath)
	}
	if dbPath == "" {
		dbPath = filepath.Join(a.Storage().RootURI().Path(), "bridgekeeper.db")
	}
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return fmt.Errorf("database path: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return fmt.Errorf("database folder: %w", err)
	}
	s := &shell{app: a, dbPath: abs, backupDir: data.DefaultBackupDir(abs), fixedPath: fixedPath, releaseGC: release}
	if dir := a.Preferences().String(views.PrefBackupDir); dir != "" {
		s.backupDir = dir
	}
	inst, err := claim(abs, func() { fyne.Do(s.bringForward) })
	if errors.Is(err, errAlreadyOpen) {
		fmt.Fprintln(os.Stderr, "bridgekeeper: "+err.Error())
		return nil
	}
	// The store opens while Fyne sets up GLFW and the window; both take
	// tens of milliseconds, and there are two cores.
	type opened struct {
		store *data.Store
		err   error
	}
	ready := make(chan opened, 1)
	if err == nil {
		defer inst.release()
		go func() {
			store, err := data.OpenWith(abs, data.Options{BackupDir: s.backupDir})
			ready <- opened{store, err}
		}()
	}
	// The fonts load alongside as well: parsing them is the other large
	// cost before the first frame. Nothing measures text until they are in,
	// so no font face is ever used on two goroutines at once.
	fonts := make(chan struct{})
	go func() {
		views.WarmFonts(a)
		close(fonts)
	}()
	s.win = a.NewWindow("Bridgekeeper")
	s.win.Resize(fyne.NewSize(1100, 720))
	s.win.SetMaster()
	<-fonts
	if err != nil {
		s.runMessage("Bridgekeeper is already open",
			"Another Bridgekeeper window is using\n"+abs+"\n\nOnly one window may write to a database at a time. Switch to that window, or close it and try again.")
		return err
	}

	o := <-ready
	store, err := o.store, o.err
	switch {
	case errors.Is(err, data.ErrNotDatabase):
		s.offerRecovery(err)
	case err != nil:
		s.runMessage("Cannot open your data",
			"Bridgekeeper could not open its database:\n\n"+wrapText(err.Error())+"\n\nNothing was changed. Check the file's permissions, or start Bridgekeeper with --db pointing to another file.")
		return err
	default:
		s.attach(store)
	}
	quitOnSignal(a)
	a.Lifecycle().SetOnStarted(s.onStarted)
	// The collector catches up on the other core while this one creates
	// the GL context, which takes it a good 70 ms.
	s.releaseGC()
	s.win.ShowAndRun()
	s.detach()
	return nil
}

// onStarted runs once the first frame is up. Everything here could wait,
// so it did: the window icon (decoding it and handing it to the window
// system took about 8 ms), the tray (it has to find the desktop's session
// bus first), backups, and the views' loading and reminders.
func (s *shell) onStarted() {
	s.setIcon()
	s.started = true
	if s.ui != nil {
		s.ui.Start()
	}
	go s.autoBackup()
	go func() {
		if trayHostReachable() {
			fyne.Do(func() { s.tray = newTray(s) })
		}
	}()
}

// runMessage shows only a message in the window, for a start that cannot
// go on, and returns once the window has closed.
func (s *shell) runMessage(title, text string) {
	s.showMessage(title, text)
	s.setIcon()
	s.releaseGC()
	s.win.ShowAndRun()
}

// setIcon gives the app and its window Bridgekeeper's icon.
func (s *shell) setIcon() {
	icon := fyne.NewStaticResource("bridgekeeper.png", assets.Icon)
	s.app.SetIcon(icon)
	s.win.SetIcon(icon)
}

// attach shows the views over an open store.
func (s *shell) attach(store *data.Store) {
	s.store = store
	env := views.Env{
		App:       s.app,
		Window:    s.win,
		Store:     store,
		Clipboard: clipboard{app: s.app},
		Opener:    s.app,
		Version:   cli.Version,
		Licence:   Licence,
		BackupDir: s.backupDir,
		Restore:   s.restore,
	}
	if !s.fixedPath {
		env.MoveDatabase = s.moveDatabase
	}
	s.ui = views.New(env)
	s.ui.Install()
	if s.started {
		s.ui.Start()
	}
}

// detach waits for the views' background work, then closes the store.
func (s *shell) detach() {
	if s.ui != nil {
		s.ui.Wait()
	}
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
}

func (s *shell) bringForward() {
	s.win.Show()
	s.win.RequestFocus()
}

func (s *shell) autoBackup() {
	store := s.store
	if store == nil {
		return
	}
	if _, err := store.AutoBackup(context.Background(), s.backupDir, time.Now()); err != nil {
		fyne.LogError("automatic backup", err)
	}
}

// restore replaces the open database with a backup: the views finish their
// work, the store closes, the file is swapped atomically, and everything
// reopens on the restored data. It runs off the UI goroutine.
func (s *shell) restore(backupPath string) error {
	var store *data.Store
	fyne.DoAndWait(func() { s.detach() })
	err := data.Restore(context.Background(), backupPath, s.dbPath, s.backupDir, time.Now())
	// Whether or not the restore worked, reopen what is now on disk.
	store, oerr := data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
	if oerr != nil {
		return errors.Join(err, oerr)
	}
	fyne.DoAndWait(func() { s.attach(store) })
	return err
}

// moveDatabase moves the database to newPath with the store closed, then
// reopens the window on it and remembers the new place.
func (s *shell) moveDatabase(newPath string) error {
	fyne.DoAndWait(func() { s.detach() })
	err := data.MoveDatabase(context.Background(), s.dbPath, newPath)
	if err == nil {
		s.dbPath = newPath
		fyne.DoAndWait(func() { s.app.Preferences().SetString(views.PrefDBPath, newPath) })
	}
	store, oerr := data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
	if oerr != nil {
		return errors.Join(err, oerr)
	}
	fyne.DoAndWait(func() { s.attach(store) })
	return err
}

func (s *shell) showMessage(title, text string) {
	s.win.SetContent(container.NewPadded(container.NewVBox(
		&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: "headingText"},
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord},
		container.NewHBox(&widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: s.app.Quit}),
	)))
}

// quitOnSignal closes the window cleanly on SIGINT or SIGTERM, so the store
// is closed and the process exits 0 as after File → Quit.
func quitOnSignal(a fyne.App) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
}

// wrapText breaks long error text (paths, mostly) so a label can show it.
func wrapText(s string) string {
	return strings.ReplaceAll(s, ": ", ":\n")
}
