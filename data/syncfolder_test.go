package data

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// syncCase is one DetectSyncFolder expectation; an empty service means no
// sync folder should be found.
type syncCase struct {
	name    string
	path    string
	env     map[string]string
	service string
	root    string
}

func checkSyncCases(t *testing.T, cases []syncCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := func(k string) string { return c.env[k] }
			got, ok := DetectSyncFolder(c.path, env)
			if c.service == "" {
				if ok {
					t.Errorf("DetectSyncFolder(%q) = %+v, want no sync folder", c.path, got)
				}
				return
			}
			want := SyncFolder{Service: c.service, Root: c.root}
			if !ok || got != want {
				t.Errorf("DetectSyncFolder(%q) = %+v, %v; want %+v", c.path, got, ok, want)
			}
		})
	}
}

// mkSyncTree makes the folders dirs under root and, for each entry of files,
// an empty file.
func mkSyncTree(t *testing.T, root string, dirs, files []string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSyncFolderMarkers(t *testing.T) {
	tmp := t.TempDir()
	mkSyncTree(t, tmp,
		[]string{
			"st/.stfolder", "st/notes/deep",
			"dbcache/.dropbox.cache", "dbcache/Jobs",
			"home/.dropbox", "home/Documents", // ~/.dropbox: Dropbox's settings, not a synced folder
			"outer/inner/.stfolder", "outer/inner/sub", // Syncthing inside Dropbox
			"stouter/.stfolder", "stouter/box/Jobs", // Dropbox inside Syncthing
			"real/Jobs",
			"Dropbox/Jobs", // found by name only
		},
		[]string{
			"stfile/.stfolder",
			"box/.dropbox",
			"outer/.dropbox",
			"stouter/box/.dropbox",
			"real/.dropbox",
		})
	links := os.Symlink(filepath.Join(tmp, "real"), filepath.Join(tmp, "alias"))
	if links == nil {
		links = os.Symlink(filepath.Join(tmp, "Dropbox", "Jobs"), filepath.Join(tmp, "jobs"))
	}
	j := func(parts ...string) string { return filepath.Join(append([]string{tmp}, parts...)...) }
	cases := []syncCase{
		{"stfolder directory", j("st", "notes", "deep", "bk.db"), nil, "Syncthing", j("st")},
		{"stfolder directly beside the file", j("st", "bk.db"), nil, "Syncthing", j("st")},
		{"stfolder as a file", j("stfile", "bk.db"), nil, "Syncthing", j("stfile")},
		{"dropbox marker file", j("box", "bk.db"), nil, "Dropbox", j("box")},
		{"dropbox cache directory", j("dbcache", "Jobs", "bk.db"), nil, "Dropbox", j("dbcache")},
		{"dropbox settings directory in home", j("home", "Documents", "bk.db"), nil, "", ""},
		{"syncthing inside dropbox", j("outer", "inner", "sub", "bk.db"), nil, "Syncthing", j("outer", "inner")},
		{"dropbox part of dropbox", j("outer", "bk.db"), nil, "Dropbox", j("outer")},
		{"dropbox inside syncthing", j("stouter", "box", "Jobs", "bk.db"), nil, "Dropbox", j("stouter", "box")},
		{"syncthing part of syncthing", j("stouter", "bk.db"), nil, "Syncthing", j("stouter")},
		{"file not created yet in a missing folder", j("st", "new", "folder", "bk.db"), nil, "Syncthing", j("st")},
	}
	if links != nil {
		t.Logf("no symlink cases: %v", links)
	} else {
		resolved, err := filepath.EvalSymlinks(j("Dropbox"))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases,
			// The marker is seen through the link, so the link is the root.
			syncCase{"marker through a symlink", j("alias", "Jobs", "bk.db"), nil, "Dropbox", j("alias")},
			// Only the link's target is inside a folder named Dropbox.
			syncCase{"symlink into a dropbox folder", j("jobs", "bk.db"), nil, "Dropbox", resolved})
	}
	checkSyncCases(t, cases)
}

func TestSyncFolderNames(t *testing.T) {
	checkSyncCases(t, []syncCase{
		{"dropbox", "/home/ana/Dropbox/Jobs/bk.db", nil, "Dropbox", "/home/ana/Dropbox"},
		{"dropbox lower case", "/home/ana/dropbox/bk.db", nil, "Dropbox", "/home/ana/dropbox"},
		{"dropbox team", "/Users/ana/Dropbox (Acme)/Jobs/bk.db", nil, "Dropbox", "/Users/ana/Dropbox (Acme)"},
		{"dropbox cloudstorage", "/Users/ana/Library/CloudStorage/Dropbox-Personal/bk.db", nil,
			"Dropbox", "/Users/ana/Library/CloudStorage/Dropbox-Personal"},
		{"onedrive", "/c/Users/ana/OneDrive/Documents/bk.db", nil, "OneDrive", "/c/Users/ana/OneDrive"},
		{"onedrive business", "/c/Users/ana/OneDrive - Contoso/bk.db", nil, "OneDrive", "/c/Users/ana/OneDrive - Contoso"},
		{"onedrive cloudstorage", "/Users/ana/Library/CloudStorage/OneDrive-Contoso/Jobs/bk.db", nil,
			"OneDrive", "/Users/ana/Library/CloudStorage/OneDrive-Contoso"},
		{"google drive", "/Users/ana/Google Drive/bk.db", nil, "Google Drive", "/Users/ana/Google Drive"},
		{"googledrive", "/home/ana/GoogleDrive/Jobs/bk.db", nil, "Google Drive", "/home/ana/GoogleDrive"},
		{"my drive on a drive letter", "/g/My Drive/Jobs/bk.db", nil, "Google Drive", "/g/My Drive"},
		{"my drive in cloudstorage", "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/Jobs/bk.db", nil,
			"Google Drive", "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive"},
		{"shared drive in cloudstorage", "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/Shared drives/Team/bk.db", nil,
			"Google Drive", "/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com"},
		{"icloud drive", "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/Jobs/bk.db", nil,
			"iCloud Drive", "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs"},
		{"icloud app container", "/Users/ana/Library/Mobile Documents/iCloud~md~obsidian/Documents/bk.db", nil,
			"iCloud Drive", "/Users/ana/Library/Mobile Documents/iCloud~md~obsidian"},
		{"icloud mobile documents itself", "/Users/ana/Library/Mobile Documents/bk.db", nil,
			"iCloud Drive", "/Users/ana/Library/Mobile Documents"},
		{"icloud for windows", "/c/Users/ana/iCloudDrive/bk.db", nil, "iCloud Drive", "/c/Users/ana/iCloudDrive"},
		{"innermost name wins", "/home/ana/Dropbox/OneDrive/bk.db", nil, "OneDrive", "/home/ana/Dropbox/OneDrive"},
		{"unclean path", "/home/ana/Dropbox//Jobs/../bk.db", nil, "Dropbox", "/home/ana/Dropbox"},
	})
}

func TestSyncFolderNegatives(t *testing.T) {
	checkSyncCases(t, []syncCase{
		{"word in the file name", "/home/ana/dropbox-notes.db", nil, "", ""},
		{"file named like a folder", "/home/ana/Dropbox", nil, "", ""},
		{"word inside a folder name", "/home/ana/NotDropbox/bk.db", nil, "", ""},
		{"dropbox prefix without team", "/home/ana/Dropbox-old/bk.db", nil, "", ""},
		{"onedrive prefix without company", "/home/ana/OneDrive-backup/bk.db", nil, "", ""},
		{"google drive in a file name", "/home/ana/Documents/Google Drive notes.db", nil, "", ""},
		{"cloudstorage outside library", "/home/ana/CloudStorage/Dropbox-x/bk.db", nil, "", ""},
		{"other cloudstorage provider", "/Users/ana/Library/CloudStorage/Box-Box/bk.db", nil, "", ""},
		{"mobile documents outside library", "/Users/ana/Mobile Documents/x/bk.db", nil, "", ""},
		{"application support", "/Users/ana/Library/Application Support/Bridgekeeper/bk.db", nil, "", ""},
		{"xdg data", "/home/ana/.local/share/bridgekeeper/bk.db", nil, "", ""},
	})
}

func TestSyncFolderOneDriveEnv(t *testing.T) {
	personal := filepath.Join(string(filepath.Separator), "Users", "ana", "Personal files")
	work := filepath.Join(string(filepath.Separator), "Users", "ana", "Work files")
	elsewhere := filepath.Join(string(filepath.Separator), "Users", "ana", "Documents", "bk.db")
	checkSyncCases(t, []syncCase{
		{"OneDrive", filepath.Join(personal, "Jobs", "bk.db"),
			map[string]string{"OneDrive": personal}, "OneDrive", personal},
		{"OneDriveConsumer", filepath.Join(personal, "bk.db"),
			map[string]string{"OneDriveConsumer": personal}, "OneDrive", personal},
		{"OneDriveCommercial with trailing separator", filepath.Join(work, "a", "b", "bk.db"),
			map[string]string{"OneDriveCommercial": work + string(filepath.Separator)}, "OneDrive", work},
		{"different case", filepath.Join(work, "bk.db"),
			map[string]string{"OneDriveCommercial": strings.ToUpper(work)}, "OneDrive", work},
		{"outside the folder", elsewhere,
			map[string]string{"OneDrive": personal, "OneDriveCommercial": work}, "", ""},
		{"sibling with a longer name", filepath.Join(personal+" old", "bk.db"),
			map[string]string{"OneDrive": personal}, "", ""},
		{"relative value ignored", elsewhere,
			map[string]string{"OneDrive": "Documents"}, "", ""},
		{"no env", filepath.Join(personal, "bk.db"), nil, "", ""},
	})
	if _, ok := DetectSyncFolder(filepath.Join(personal, "bk.db"), nil); ok {
		t.Error("nil env found a sync folder")
	}
}

func TestSyncFolderWindowsPaths(t *testing.T) {
	if runtime.GOOS != "windows" {
		t.Skip("backslash paths need GOOS=windows")
	}
	checkSyncCases(t, []syncCase{
		{"onedrive", `C:\Users\ana\OneDrive\Documents\bk.db`, nil, "OneDrive", `C:\Users\ana\OneDrive`},
		{"onedrive env", `C:\Users\ana\Cloud\bk.db`, map[string]string{"OneDrive": `c:\users\ana\cloud`},
			"OneDrive", `C:\Users\ana\Cloud`},
		{"my drive", `G:\My Drive\Jobs\bk.db`, nil, "Google Drive", `G:\My Drive`},
		{"local", `C:\Users\ana\AppData\Roaming\Bridgekeeper\bk.db`, nil, "", ""},
	})
}

func TestSyncFolderAdvice(t *testing.T) {
	for _, service := range []string{"Dropbox", "OneDrive", "Google Drive", "iCloud Drive", "Syncthing"} {
		a := SyncFolder{Service: service, Root: "/x"}.Advice()
		if strings.Count(a, service) != 2 || !strings.Contains(a, "backups") || !strings.Contains(a, "damage") {
			t.Errorf("Advice for %s = %q", service, a)
		}
	}
	if a := (SyncFolder{}).Advice(); a != "" {
		t.Errorf("zero SyncFolder advice = %q", a)
	}
}
