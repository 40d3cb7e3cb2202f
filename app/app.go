// Package app wires Bridgekeeper together: it opens the store, builds the
// window with its views, menu and shortcuts, and connects the real clipboard
// and URL opener. It is the only package that imports Fyne's app driver.
package app

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"github.com/bridgekeeper/bridgekeeper/app/cli"
	"github.com/bridgekeeper/bridgekeeper/assets"
	"github.com/bridgekeeper/bridgekeeper/data"
	"github.com/bridgekeeper/bridgekeeper/views"
)

// Licence is the licence Bridgekeeper is distributed under.
const Licence = "MIT"

// Run opens the Bridgekeeper window on the database at dbPath (the app's
// storage folder when empty) and returns once the window has closed.
func Run(dbPath string) error {
	quietLocale()
	a := fyneapp.NewWithID(cli.AppID)
	a.SetIcon(fyne.NewStaticResource("bridgekeeper.png", assets.Icon))
	if dbPath == "" {
		dbPath = filepath.Join(a.Storage().RootURI().Path(), "bridgekeeper.db")
	}
	w := a.NewWindow("Bridgekeeper")
	w.Resize(fyne.NewSize(1100, 720))
	w.SetMaster()

	store, err := data.Open(dbPath)
	if err != nil {
		// The window still opens, so a double-clicking user sees why.
		showOpenError(w, err)
		w.ShowAndRun()
		return err
	}
	defer store.Close()

	ui := views.New(views.Env{
		App:       a,
		Window:    w,
		Store:     store,
		Clipboard: clipboard{app: a},
		Opener:    a,
		Version:   cli.Version,
		Licence:   Licence,
	})
	w.SetContent(ui.Content())
	w.SetMainMenu(ui.MainMenu())
	ui.AddShortcuts(w.Canvas())
	quitOnSignal(a)
	w.ShowAndRun()
	// Let writes that were already under way reach the file before closing it.
	ui.Wait()
	return nil
}

func showOpenError(w fyne.Window, err error) {
	msg := fmt.Sprintf("Bridgekeeper could not open its database.\n\n%v", err)
	if errors.Is(err, data.ErrNotDatabase) {
		msg += "\n\nThe file was left untouched. Start Bridgekeeper with --db pointing to another file, or move this one aside."
	}
	d := dialog.NewInformation("Cannot open your data", msg, w)
	d.SetOnClosed(w.Close)
	w.Resize(fyne.NewSize(640, 360))
	d.Show()
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

// quietLocale stops Fyne logging "Error parsing user locale" on machines
// whose locale is C or POSIX with a charset (C.UTF-8 is common on servers and
// containers): the locale library hands "C" to a BCP 47 parser, which
// rejects it. Those locales express no language preference, and the
// library then consults LANGUAGE, so English is named there.
func quietLocale() {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if (lang == "C" || lang == "POSIX") && v != lang && os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
