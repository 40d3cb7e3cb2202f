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
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/app/cli"
	"bridgekeeper/assets"
	"bridgekeeper/data"
	"bridgekeeper/views"
)

// Licence is the licence Bridgekeeper is distributed under.
const Licence = "MIT"

// quitWithin is how long closing may take, from Ctrl+Q or a SIGTERM to the
// process gone: background work gets most of it to stop, the store the rest
// to close and checkpoint its log.
const (
	quitWithin   = 3 * time.Second
	viewsStopFor = 2 * time.Second
)

// shell owns the window and whatever store is open in it; restoring a
// backup swaps the store and rebuilds the views.
type shell struct {
	app       fyne.App
	win       fyne.Window
	dbPath    string
	backupDir string
	// loc is where the data lives, as the location file says; it is
	// rewritten when the database moves or the backups folder changes.
	loc   cli.Location
	store *data.Store
	ui    *views.UI
	// inst is this window's claim on the database (lock and socket); nil
	// when no lock could be made (a read-only folder: the store is then
	// read-only too, and two readers harm nothing).
	inst *instance
	// fixedPath is set when --db chose the database for this run, so it
	// cannot be moved from the settings.
	fixedPath bool
	journal   data.TempJournal
	tray      *tray
	// releaseGC lets the garbage collector run again; see holdGC.
	releaseGC func()
	// started is set once the first frame is up; views attached after that
	// start their background work at once.
	started bool
}

// Run opens the Bridgekeeper window on the database at dbPath (where the
// location file says when empty) and returns once the window has closed.
func Run(dbPath string) error {
	release := holdGC()
	a := fyneapp.NewWithID(cli.AppID)
	views.ApplyTheme(a, a.Preferences().String(views.PrefTheme))
	s := &shell{app: a, fixedPath: dbPath != "", releaseGC: release}
	if err := s.locate(dbPath); err != nil {
		return err
	}
	installFileRepo(s.journal)
	inst, err := claim(s.dbPath, lockKey(s.dbPath), func() { fyne.Do(s.bringForward) })
	switch {
	case errors.Is(err, errAlreadyOpen):
		fmt.Fprintln(os.Stderr, "bridgekeeper: "+err.Error())
		return nil
	case errors.Is(err, data.ErrLockDenied):
		err = nil // the folder cannot be written; the store opens read-only
	case err == nil:
		s.inst = inst
		defer func() { s.inst.release() }()
	}
	// The store opens while Fyne sets up GLFW and the window; both take
	// tens of milliseconds, and there are two cores.
	type opened struct {
		store *data.Store
		err   error
	}
	ready := make(chan opened, 1)
	if err == nil {
		go func() {
			store, err := data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
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
		s.runLockMessage(err)
		return err
	}

	o := <-ready
	if o.err != nil {
		if !s.showOpenFailure(o.err) {
			s.runMessage(openFailureTitle(o.err), openFailureText(s.dbPath, o.err))
			return o.err
		}
	} else {
		s.attach(o.store)
	}
	s.quitOnSignal()
	a.Lifecycle().SetOnStarted(s.onStarted)
	// The collector catches up on the other core while this one creates
	// the GL context, which takes it a good 70 ms.
	s.releaseGC()
	s.win.ShowAndRun()
	s.detach()
	return nil
}

// locate settles where the data lives for this run: --db, or the location
// file (written by earlier versions as Fyne preferences, which are carried
// over once). It also makes the config folder private, since Fyne writes
// its preferences file there readable by everyone.
func (s *shell) locate(dbPath string) error {
	dir, err := cli.ConfigDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("config folder: %w", err)
	}
	makePrivate(dir, 0o700)
	makePrivate(filepath.Join(dir, "preferences.json"), 0o600)
	s.journal = data.TempJournal{Path: filepath.Join(dir, "temp-files")}
	if dbPath != "" {
		abs, err := filepath.Abs(dbPath)
		if err != nil {
			return fmt.Errorf("database path: %w", err)
		}
		s.loc = cli.Location{Database: abs}
	} else if s.loc, err = s.savedLocation(); err != nil {
		return err
	}
	s.dbPath, s.backupDir = s.loc.Database, s.loc.BackupDir()
	// The window creates its database when there is none; the lock file
	// goes beside it, so the folder comes first.
	if err := os.MkdirAll(filepath.Dir(s.dbPath), 0o700); err != nil && !os.IsExist(err) {
		return fmt.Errorf("database folder: %w", err)
	}
	return nil
}

// savedLocation reads the location file, carrying over where an earlier
// version kept the same facts (Fyne preferences) the first time.
func (s *shell) savedLocation() (cli.Location, error) {
	loc, err := cli.LoadLocation()
	if err != nil {
		return loc, err
	}
	prefs := s.app.Preferences()
	oldDB, oldBackups := prefs.String(views.PrefDBPath), prefs.String(views.PrefBackupDir)
	if oldDB == "" && oldBackups == "" {
		return loc, nil
	}
	if oldDB != "" {
		loc.Database = oldDB
	}
	if oldBackups != "" {
		loc.Backups = oldBackups
	}
	if err := cli.SaveLocation(loc); err != nil {
		return loc, err
	}
	prefs.RemoveValue(views.PrefDBPath)
	prefs.RemoveValue(views.PrefBackupDir)
	return loc, nil
}

// makePrivate takes away what the group and others may do with a file or
// folder, never through a symbolic link.
func makePrivate(path string, mode os.FileMode) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&os.ModeSymlink == 0 && info.Mode().Perm()&0o077 != 0 {
		os.Chmod(path, mode)
	}
}

// lockKey names the database for the single-instance socket: its path with
// links resolved, so every name for it leads to the same window.
func lockKey(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(dir, filepath.Base(path))
	}
	return path
}

// onStarted runs once the first frame is up. Everything here could wait,
// so it did: the window icon (decoding it and handing it to the window
// system took about 8 ms), the tray (it has to find the desktop's session
// bus first), backups, the check of the file's body, leftover temporary
// files, and the views' loading and reminders.
func (s *shell) onStarted() {
	s.setIcon()
	s.started = true
	if s.ui != nil {
		s.ui.Start()
	}
	go s.housekeeping()
	go func() {
		if trayHostReachable() {
			fyne.Do(func() { s.tray = newTray(s) })
		}
	}()
}

// housekeeping runs once per start, off the UI goroutine: temporary files
// a crash left behind are removed, the file's body is checked, and the
// daily backup is made.
func (s *shell) housekeeping() {
	for _, dir := range []string{filepath.Dir(s.dbPath), s.backupDir} {
		data.RemoveStaleTemp(dir)
	}
	s.journal.Sweep()
	var store *data.Store
	fyne.DoAndWait(func() { store = s.store })
	if store == nil {
		return
	}
	if err := store.Check(context.Background()); errors.Is(err, data.ErrCorrupt) {
		fyne.Do(func() { s.onDamaged(err) })
		return
	}
	if store.ReadOnly() {
		return
	}
	if _, err := store.AutoBackup(context.Background(), s.backupDir, time.Now()); err != nil {
		fyne.LogError("automatic backup", err)
	}
}

// runMessage shows only a message in the window, for a start that cannot
// go on, and returns once the window has closed.
func (s *shell) runMessage(title, text string) {
	s.showMessage(title, text)
	s.setIcon()
	s.releaseGC()
	s.win.ShowAndRun()
}

// runLockMessage explains why the database could not be claimed. The
// "already open" case is a small window, like a dialog: there is nothing
// else to do in it.
func (s *shell) runLockMessage(err error) {
	if errors.Is(err, data.ErrLocked) {
		s.win.Resize(lockMessageSize(s.dbPath))
		s.runMessage("Bridgekeeper is already open", lockedText(s.dbPath))
		return
	}
	s.runMessage("Cannot open your data", openFailureText(s.dbPath, err))
}

// lockedText is the "already open" window's message, the path on a line
// of its own.
func lockedText(path string) string {
	return "Another Bridgekeeper window is using\n" + path + "\n\nOnly one window may write to a database at a time. Switch to that window, or close it and try again."
}

// lockMessageSize is the "already open" window's size: dialog-sized, but
// wide enough for the database path on one line, since word wrapping cuts
// a long folder or file name mid-name. Past maxWidth the path wraps; the
// window stays smaller than a laptop screen.
func lockMessageSize(path string) fyne.Size {
	const minWidth, maxWidth, height = 460, 900, 200
	// The padded container and the label's own inset, each side, plus a
	// little slack for the window frame.
	pad := theme.Padding() + theme.InnerPadding() + theme.Padding()
	w := fyne.MeasureText(path, theme.TextSize(), fyne.TextStyle{}).Width + 2*pad
	return fyne.NewSize(min(max(w, minWidth), maxWidth), height)
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
	if s.inst != nil {
		// The file may be new (first run, restore): lock what is there now.
		if err := s.inst.lock.Refresh(); err != nil {
			fyne.LogError("lock the database file", err)
		}
	}
	env := views.Env{
		App:             s.app,
		Window:          s.win,
		Store:           store,
		Clipboard:       clipboard{app: s.app},
		Opener:          newOpener(s.app),
		Version:         cli.Version,
		Licence:         Licence,
		BackupDir:       s.backupDir,
		Restore:         s.restore,
		ChangeBackupDir: s.changeBackupDir,
		Damaged:         s.onDamaged,
		LocalDataDir:    localDataDir(),
		// Fyne reads the locale the way each system keeps it (LANG on
		// Linux, the user's languages on Windows and macOS).
		Locale:          string(lang.SystemLocale()),
		NoNotifications: systemNoNotifications(),
		Trace:           traceFromEnv(),
	}
	if !s.fixedPath {
		env.MoveDatabase = s.moveDatabase
	}
	if sf, ok := data.DetectSyncFolder(store.Path(), os.Getenv); ok {
		env.SyncFolder = &sf
	}
	s.ui = views.New(env)
	s.ui.Install()
	if s.started {
		s.ui.Start()
	}
}

// detach stops the views and their background work (waiting at most
// viewsStopFor), then closes the store, which checkpoints its log.
func (s *shell) detach() {
	if s.ui != nil {
		if !s.ui.Close(viewsStopFor) {
			fyne.LogError("closing", errors.New("background work did not stop in time"))
		}
		s.ui = nil
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

// onDamaged handles a database whose body turned out to be damaged (the
// check at start, or the first action that met the damage): the store is
// closed and the recovery screen takes over.
func (s *shell) onDamaged(err error) {
	if s.store == nil {
		return
	}
	s.detach()
	s.win.SetMainMenu(nil)
	s.offerRecovery(err)
}

// restore replaces the open database with a backup: the views finish their
// work, the store closes, the file is swapped atomically, and everything
// reopens on the restored data. It runs off the UI goroutine.
func (s *shell) restore(backupPath string) error {
	fyne.DoAndWait(func() { s.detach() })
	_, err := data.Restore(context.Background(), backupPath, s.dbPath, s.backupDir, time.Now())
	// Whether or not the restore worked, reopen what is now on disk.
	store, oerr := data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
	if oerr != nil {
		return errors.Join(err, oerr)
	}
	fyne.DoAndWait(func() { s.attach(store) })
	return err
}

// moveDatabase moves the database to newPath with the store closed, then
// reopens the window on it. The new place is locked before the file gets
// there, and the location file names it before the original is removed, so
// no second window and no command line ever finds an empty place.
func (s *shell) moveDatabase(newPath string) error {
	fyne.DoAndWait(func() { s.detach() })
	err := s.moveTo(newPath)
	store, oerr := data.OpenWith(s.dbPath, data.Options{BackupDir: s.backupDir})
	if oerr != nil {
		return errors.Join(err, oerr)
	}
	fyne.DoAndWait(func() { s.attach(store) })
	return err
}

func (s *shell) moveTo(newPath string) error {
	inst, err := claim(newPath, lockKey(newPath), func() { fyne.Do(s.bringForward) })
	if err != nil {
		return fmt.Errorf("move database: %w", err)
	}
	// Backups stay where they are: after a move out of a synced folder,
	// that is where they are safest.
	loc := cli.Location{Database: newPath, Backups: s.backupDir}
	err = data.MoveDatabase(context.Background(), s.dbPath, newPath, func() error { return cli.SaveLocation(loc) })
	if err != nil {
		inst.release()
		return err
	}
	if s.inst != nil {
		s.inst.release()
	}
	s.inst, s.loc, s.dbPath = inst, loc, newPath
	return nil
}

// changeBackupDir records a new backups folder for every later start and
// the command line.
func (s *shell) changeBackupDir(dir string) error {
	loc := s.loc
	loc.Backups = dir
	if !s.fixedPath {
		if err := cli.SaveLocation(loc); err != nil {
			return err
		}
	}
	s.loc, s.backupDir = loc, dir
	return nil
}

func (s *shell) showMessage(title, text string) {
	s.win.SetContent(container.NewPadded(container.NewVBox(
		&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: "headingText"},
		&widget.Label{Text: text, Wrapping: fyne.TextWrapWord},
		container.NewHBox(&widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: s.app.Quit}),
	)))
}

// showOpenFailure handles the open failures that have a screen of their
// own (a damaged file: recovery); it reports whether it did.
func (s *shell) showOpenFailure(err error) bool {
	if errors.Is(err, data.ErrNotDatabase) {
		s.offerRecovery(err)
		return true
	}
	return false
}

// openFailureTitle and openFailureText explain a database that was not
// opened, and promise what is true: nothing was changed.
func openFailureTitle(err error) string {
	switch {
	case errors.Is(err, data.ErrForeign):
		return "This is not a Bridgekeeper file"
	case errors.Is(err, data.ErrTooNew):
		return "This file is from a newer Bridgekeeper"
	}
	return "Cannot open your data"
}

func openFailureText(path string, err error) string {
	var advice string
	switch {
	case errors.Is(err, data.ErrForeign):
		advice = "It is an SQLite database of another program, so Bridgekeeper left it exactly as it was. Start Bridgekeeper with --db pointing to your own file, or to a new one."
	case errors.Is(err, data.ErrTooNew):
		advice = "It was written by a newer version of Bridgekeeper. Install that version to open it; this one left the file exactly as it was."
	case errors.Is(err, data.ErrLinked):
		advice = "The file has more than one name (hard links), and SQLite keeps its journal by name, so two programs using two names could damage it. Remove the other names, or copy the file and open the copy. Nothing was changed."
	case errors.Is(err, data.ErrDiskFull):
		advice = "The disk is full. Free some space, then start Bridgekeeper again. Nothing was changed."
	case errors.Is(err, data.ErrReadOnly):
		advice = "The file cannot be written and needs to be upgraded first. Make it (and its folder) writable, then start Bridgekeeper again. Nothing was changed."
	case errors.Is(err, data.ErrLockDenied):
		advice = "Bridgekeeper cannot make its lock file beside the database. Check that you may write to its folder. Nothing was changed."
	default:
		advice = "Nothing was changed. Check the file's permissions, or start Bridgekeeper with --db pointing to another file."
	}
	return "Bridgekeeper could not open\n" + path + "\n\n" + wrapText(err.Error()) + "\n\n" + advice
}

// quitOnSignal closes the window cleanly on SIGINT or SIGTERM, so the store
// is closed and the process exits 0 as after File → Quit. Should closing
// take longer than quitWithin, or a second signal come, the process exits
// anyway: SQLite's log makes that safe, and a window that will not close
// is worse.
func (s *shell) quitOnSignal() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(s.app.Quit)
		select {
		case <-sig:
		case <-time.After(quitWithin):
		}
		fmt.Fprintln(os.Stderr, "bridgekeeper: closing took too long; exiting now")
		os.Exit(1)
	}()
}

// wrapText breaks long error text (paths, mostly) so a label can show it.
func wrapText(s string) string {
	return strings.ReplaceAll(s, ": ", ":\n")
}

// localDataDir is Bridgekeeper's own folder on this computer.
func localDataDir() string {
	dir, err := cli.ConfigDir()
	if err != nil {
		return ""
	}
	return dir
}
