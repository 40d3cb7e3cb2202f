// Command bare is the yardstick for Bridgekeeper's start-up figures: the
// smallest Fyne program, one window with one label. Anything Bridgekeeper
// costs beyond this is ours.
package main

import (
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("io.github.bridgekeeper.bare")
	w := a.NewWindow("Bare")
	w.SetContent(widget.NewLabel("Hello"))
	w.ShowAndRun()
}
