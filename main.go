// Command bridgekeeper opens the Bridgekeeper window, or with a subcommand
// drafts an email, imports or exports interviews from the command line.
package main

import (
	"os"
	// Windows has no IANA zone files, and a Mac or Linux box may lack some:
	// the binary carries Go's own copy so every zone name always loads.
	_ "time/tzdata"

	"bridgekeeper/app"
	"bridgekeeper/app/cli"
	// Imported for its init, which must run before Fyne's: see its doc.
	_ "bridgekeeper/app/locale"
)

func main() {
	if len(os.Args) > 1 {
		// A subcommand prints: on Windows, to the console it came from.
		app.AttachConsole()
	}
	os.Exit(cli.Run(os.Args[1:], cli.Env{
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		GUI:       app.Run,
		Clipboard: app.CopyText,
	}))
}
