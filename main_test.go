package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// zoneDirs are every place Go's time package looks for zone files on Unix,
// and the toolchain's own copy, which a binary finds only on a build machine.
func zoneDirs() []string {
	dirs := []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		dirs = append(dirs, filepath.Join(strings.TrimSpace(string(out)), "lib", "time"))
	}
	var present []string
	for _, d := range dirs {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			present = append(present, d)
		}
	}
	return present
}

// TestNamedZonesWithoutSystemZoneFiles runs the real binary in a mount
// namespace where every zone folder is empty and ZONEINFO names an empty
// folder too, as on Windows: named zones must still load, because the
// binary embeds the zone database.
func TestNamedZonesWithoutSystemZoneFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux mount namespaces")
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		if os.Getenv("BRIDGEKEEPER_E2E") == "1" {
			t.Fatalf("unshare (util-linux) is needed: %v", err)
		}
		t.Skip("unshare not installed")
	}
	bin := filepath.Join(t.TempDir(), "bridgekeeper")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	empty := t.TempDir()
	var script strings.Builder
	script.WriteString("set -e\n")
	for _, d := range zoneDirs() {
		script.WriteString("mount --bind " + empty + " " + d + "\n")
	}
	// Prove the hiding worked before trusting a pass.
	script.WriteString(`if [ -e /usr/share/zoneinfo/Europe/Berlin ]; then echo "zone files still visible" >&2; exit 99; fi` + "\n")
	script.WriteString(`exec "$@"` + "\n")
	for _, zone := range []string{"Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata"} {
		t.Run(zone, func(t *testing.T) {
			// Root may mount in a plain mount namespace; anyone else needs
			// a user namespace of their own (-r) to do it.
			args := []string{"--mount", "--propagation", "private"}
			if os.Geteuid() != 0 {
				args = append(args, "--map-root-user")
			}
			args = append(args, "sh", "-c", script.String(), "sh",
				bin, "draft", "--scenario", "cancel", "--to", "Dana", "--company", "Acme",
				"--tz", zone, "--when", "2026-06-01 14:00", "--now", "2026-05-20 09:00", "--english", "uk")
			cmd := exec.Command("unshare", args...)
			cmd.Env = append(os.Environ(), "ZONEINFO="+empty, "LANG=C.UTF-8")
			out, err := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); code == 99 {
				t.Fatalf("could not hide the zone files: %s", out)
			}
			if err != nil {
				t.Fatalf("draft --tz %s without zone files: %v\n%s", zone, err, out)
			}
			if !strings.Contains(string(out), "1 June") {
				t.Errorf("draft does not name the interview's date:\n%s", out)
			}
		})
	}
}

// TestPackagesImportInOneDirection holds the layering: main → app → views
// → (compose, advice, data, insight), with the domain packages free of Fyne
// and of the layers above them.
func TestPackagesImportInOneDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}:{{join .Deps " "}}`,
		"./data", "./compose", "./advice", "./insight", "./textfold").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	domain := map[string]bool{"bridgekeeper/data": true, "bridgekeeper/compose": true, "bridgekeeper/advice": true,
		"bridgekeeper/insight": true, "bridgekeeper/textfold": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, ":")
		if !domain[pkg] {
			continue
		}
		for _, d := range strings.Fields(deps) {
			if strings.HasPrefix(d, "fyne.io/") || strings.HasPrefix(d, "bridgekeeper/views") || strings.HasPrefix(d, "bridgekeeper/app") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
}
