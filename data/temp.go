package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// tempMarker is in the name of every temporary file Bridgekeeper makes, with
// the maker's process ID after it, so one left behind by a crash is known for
// ours and for stale (see RemoveStaleTemp).
const tempMarker = ".bktmp-"

// tempName is the name of a temporary file beside path.
func tempName(path, what string) string {
	return fmt.Sprintf("%s%s%s-%d", path, tempMarker, what, os.Getpid())
}

// TempPath returns a fresh temporary name beside path for a file that will be
// renamed over path once complete, for callers outside this package (the
// window's exports).
func TempPath(path string) string { return tempName(path, "export") }

// RemoveStaleTemp deletes the temporary files a crashed Bridgekeeper left in
// dir: files (and their -wal, -shm and -journal companions) whose name
// carries tempMarker and a process ID that is no longer running. It returns
// the paths it removed. A missing folder has none.
func RemoveStaleTemp(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, wrapErr("look for stale temporary files", err)
	}
	var removed []string
	for _, e := range entries {
		pid, ok := tempOwner(e.Name())
		if !ok || e.IsDir() || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err == nil {
			removed = append(removed, p)
		}
	}
	return removed, nil
}

// tempOwner reads the process ID out of a temporary file's name.
func tempOwner(name string) (int, bool) {
	i := strings.LastIndex(name, tempMarker)
	if i < 0 {
		return 0, false
	}
	rest := name[i+len(tempMarker):]
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		rest = strings.TrimSuffix(rest, suffix)
	}
	dash := strings.LastIndexByte(rest, '-')
	if dash < 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[dash+1:])
	return pid, err == nil && pid > 0
}

// TempJournal is a list, in a file of its own, of the temporary files in
// flight in folders Bridgekeeper does not otherwise watch (exports go
// wherever the user saves them), so the next start can remove the ones a
// crash left behind. The zero TempJournal keeps no list.
type TempJournal struct {
	Path string
}

// Add records a temporary file about to be made.
func (j TempJournal) Add(tmp string) {
	if j.Path == "" {
		return
	}
	f, err := os.OpenFile(j.Path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return // best effort: losing the entry only risks a leftover file
	}
	fmt.Fprintln(f, tmp)
	f.Close()
}

// Done forgets a temporary file that was renamed into place or removed.
func (j TempJournal) Done(tmp string) {
	j.rewrite(func(p string) bool { return p != tmp })
}

// Sweep removes every listed temporary file whose maker is no longer
// running, and returns what it removed.
func (j TempJournal) Sweep() []string {
	var removed []string
	j.rewrite(func(p string) bool {
		pid, ok := tempOwner(filepath.Base(p))
		if !ok {
			return false
		}
		if pid != os.Getpid() && processAlive(pid) {
			return true
		}
		if pid != os.Getpid() && os.Remove(p) == nil {
			removed = append(removed, p)
		}
		return pid == os.Getpid() && exists(p)
	})
	return removed
}

// rewrite keeps the entries keep says yes to.
func (j TempJournal) rewrite(keep func(string) bool) {
	if j.Path == "" {
		return
	}
	raw, err := os.ReadFile(j.Path)
	if err != nil {
		return
	}
	var out strings.Builder
	for _, line := range strings.Split(string(raw), "\n") {
		if line != "" && keep(line) {
			out.WriteString(line + "\n")
		}
	}
	tmp := j.Path + tempMarker + "journal-" + strconv.Itoa(os.Getpid())
	if os.WriteFile(tmp, []byte(out.String()), 0o600) == nil {
		os.Rename(tmp, j.Path)
	}
}
