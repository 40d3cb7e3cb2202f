package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests a home of their own: commands without --db read
// the location file and default database there, never the real user's.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "bridgekeeper-cli-home-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("HOME", home)
	os.Setenv("XDG_CONFIG_HOME", home+"/.config")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}
