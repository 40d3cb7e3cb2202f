package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FyneApp.toml is the one home of the app's ID and version: the code, the
// Makefile (which stamps release builds) and the packages all follow it.
func TestVersionAndIDHaveOneHome(t *testing.T) {
	var meta struct {
		Details struct {
			ID      string
			Version string
		}
	}
	root := filepath.Join("..", "..")
	if _, err := toml.DecodeFile(filepath.Join(root, "FyneApp.toml"), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Details.ID != AppID {
		t.Errorf("FyneApp.toml ID %q, code %q", meta.Details.ID, AppID)
	}
	// An unstamped build (go run, go test) says it is a development copy of
	// the coming release.
	if Version != meta.Details.Version+"-dev" {
		t.Errorf("code version %q, want %q (FyneApp.toml's, as a dev build)", Version, meta.Details.Version+"-dev")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make not installed")
	}
	cmd := exec.Command("make", "-s", "--no-print-directory", "print-version")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make print-version: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != meta.Details.Version {
		t.Errorf("the Makefile stamps %q, FyneApp.toml says %q", got, meta.Details.Version)
	}
}
