//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"bytes"
	"fmt"
	"net/url"
	"os/exec"

	"fyne.io/fyne/v2"
)

// opener hands URLs to xdg-open. Fyne's own OpenURL lets xdg-open write to
// our standard error, and xdg-open repeats the URL there when it fails: for
// a mailto: link that is the whole email, in the log. Ours keeps its output,
// reaps it, and logs only the exit status.
type opener struct{ app fyne.App }

func newOpener(a fyne.App) opener { return opener{app: a} }

func (o opener) OpenURL(u *url.URL) error {
	cmd := exec.Command("xdg-open", u.String())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open link: %w", err)
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			fyne.LogError("open "+u.Scheme+": link", fmt.Errorf("xdg-open: %v", err))
		}
	}()
	return nil
}
