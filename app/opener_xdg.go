//go:build linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"bytes"
	"fmt"
	"net/url"
	"os/exec"
	"time"

	"fyne.io/fyne/v2"
)

// openerPatience is how long xdg-open may take to fail: past that, it has
// found a program and is starting it, which is success.
const openerPatience = 3 * time.Second

// opener hands URLs to xdg-open. Fyne's own OpenURL starts xdg-open and
// reports success at once, though it fails when no program handles the
// link; and it lets xdg-open write to our standard error, where it repeats
// the URL (for a mailto: link, the whole email). Ours keeps the output and
// waits long enough to hear a failure. Call it off the UI goroutine.
type opener struct{ app fyne.App }

func newOpener(a fyne.App) opener { return opener{app: a} }

func (o opener) OpenURL(u *url.URL) error {
	cmd := exec.Command("xdg-open", u.String())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no program to open %s links here (xdg-open: %w)", u.Scheme, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			// Exit 3 or 4: no program is set up for this kind of link.
			return fmt.Errorf("no program is set up to open %s links (xdg-open: %v)", u.Scheme, err)
		}
		return nil
	case <-time.After(openerPatience):
		go func() { <-done }() // reap it whenever it ends
		return nil
	}
}
