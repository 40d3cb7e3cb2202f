package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A broken database gets one clear line and exit 2 from every command that
// opens it, and the file is left exactly as it was.
func TestBrokenDatabaseExits2AndIsKept(t *testing.T) {
	garbage := []byte("definitely not SQLite, but maybe the only copy of something\n")
	for _, args := range [][]string{
		{"export", "csv"},
		{"export", "ics"},
		{"import", "csv", "-"},
		{"draft", "--scenario", "cancel", "--to", "Ana", "--company", "Acme", "--interview", "1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "broken.db")
			if err := os.WriteFile(db, garbage, 0o600); err != nil {
				t.Fatal(err)
			}
			stdin := "company\nAcme\n"
			code, stdout, stderr := runExchange(t, stdin, append([]string{"--db", db}, args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stdout %q, stderr %q)", code, stdout, stderr)
			}
			if lines := strings.Count(strings.TrimRight(stderr, "\n"), "\n"); lines != 0 || !strings.Contains(stderr, "not a Bridgekeeper database") {
				t.Errorf("stderr = %q, want one line naming the problem", stderr)
			}
			if got, _ := os.ReadFile(db); string(got) != string(garbage) {
				t.Error("the broken file was changed")
			}
			if m, _ := filepath.Glob(db + ".corrupt-*"); len(m) != 0 {
				t.Errorf("the command line moved the file: %v", m)
			}
		})
	}
}
