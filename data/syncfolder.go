package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Names of the sync services DetectSyncFolder recognises, as they appear in
// SyncFolder.Service.
const (
	serviceDropbox     = "Dropbox"
	serviceOneDrive    = "OneDrive"
	serviceGoogleDrive = "Google Drive"
	serviceICloud      = "iCloud Drive"
	serviceSyncthing   = "Syncthing"
)

// SyncFolder is a folder that a file-sync client keeps in step with other
// machines or the cloud.
type SyncFolder struct {
	// Service is the sync client: "Dropbox", "OneDrive", "Google Drive",
	// "iCloud Drive" or "Syncthing".
	Service string
	// Root is the top of the synced folder, as an absolute path.
	Root string
}

// Advice is a short warning for a banner: the database is in a folder that
// f.Service syncs, which can damage it, and the backups are the part that
// belongs there. It is empty for the zero SyncFolder.
func (f SyncFolder) Advice() string {
	if f.Service == "" {
		return ""
	}
	return fmt.Sprintf("Your database is in a folder that %[1]s syncs, and syncing a database "+
		"while Bridgekeeper has it open can damage it. It is safer to keep the database "+
		"on this computer and let %[1]s hold only the backups.", f.Service)
}

// DetectSyncFolder reports whether the database file at path lies inside a
// folder managed by Dropbox, OneDrive, Google Drive, iCloud Drive or
// Syncthing, and if so which service and the top of its folder. path need not
// exist yet. env looks up environment variables (os.Getenv in production); it
// supplies the OneDrive folders Windows names in OneDrive, OneDriveConsumer
// and OneDriveCommercial, and a nil env counts as an empty environment.
//
// Every folder from the file's own up to the filesystem root is checked, and
// the innermost one that matches wins. Folder names are compared without
// regard to case. When nothing matches and the path goes through a symbolic
// link, the resolved path is checked as well.
func DetectSyncFolder(path string, env func(string) string) (SyncFolder, bool) {
	if env == nil {
		env = func(string) string { return "" }
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	dir := filepath.Dir(filepath.Clean(path))
	oneDrive := oneDriveFolders(env)
	if f, ok := detectFrom(dir, oneDrive); ok {
		return f, true
	}
	if real := resolveExisting(dir); real != dir {
		return detectFrom(real, oneDrive)
	}
	return SyncFolder{}, false
}

// detectFrom walks from dir up to the filesystem root and returns the first
// folder that a sync client manages.
func detectFrom(dir string, oneDrive []string) (SyncFolder, bool) {
	for {
		if service := folderService(dir, oneDrive); service != "" {
			return SyncFolder{Service: service, Root: dir}, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return SyncFolder{}, false
		}
		dir = parent
	}
}

// folderService names the service that manages dir itself as the top of its
// folder, or returns "". Marker files, which the clients write, are trusted
// over folder names, which a user could choose.
func folderService(dir string, oneDrive []string) string {
	if hasEntry(dir, ".stfolder") {
		return serviceSyncthing
	}
	// Inside the Dropbox folder .dropbox is a small file; in the home folder
	// on Linux and macOS ~/.dropbox is the client's settings directory, which
	// says nothing about the home folder itself being synced.
	if hasFile(dir, ".dropbox") || hasEntry(dir, ".dropbox.cache") {
		return serviceDropbox
	}
	for _, od := range oneDrive {
		if strings.EqualFold(dir, od) {
			return serviceOneDrive
		}
	}
	if service := cloudStorageService(dir); service != "" {
		return service
	}
	return nameService(filepath.Base(dir))
}

// cloudStorageService recognises the macOS layouts that depend on a folder's
// parents: ~/Library/CloudStorage/<Provider>-<account> (File Provider, used by
// Dropbox, OneDrive and Google Drive) and ~/Library/Mobile Documents (iCloud
// Drive, whose own documents are in com~apple~CloudDocs and whose apps each
// have a container beside it).
func cloudStorageService(dir string) string {
	name := strings.ToLower(filepath.Base(dir))
	parent := filepath.Dir(dir)
	parentName := strings.ToLower(filepath.Base(parent))
	if name == "mobile documents" && parentName == "library" {
		return serviceICloud
	}
	if !strings.EqualFold(filepath.Base(filepath.Dir(parent)), "Library") {
		return ""
	}
	switch parentName {
	case "mobile documents":
		return serviceICloud
	case "cloudstorage":
		switch {
		case strings.HasPrefix(name, "dropbox"):
			return serviceDropbox
		case strings.HasPrefix(name, "onedrive"):
			return serviceOneDrive
		case strings.HasPrefix(name, "googledrive"):
			return serviceGoogleDrive
		}
	}
	return ""
}

// nameService recognises the folder names the clients give their folders:
// Dropbox and "Dropbox (Team)", OneDrive and "OneDrive - Company", Google
// Drive's "Google Drive", "GoogleDrive" and "My Drive", and iCloud for
// Windows' iCloudDrive.
func nameService(name string) string {
	name = strings.ToLower(name)
	switch {
	case name == "dropbox" || strings.HasPrefix(name, "dropbox ("):
		return serviceDropbox
	case name == "onedrive" || strings.HasPrefix(name, "onedrive - "):
		return serviceOneDrive
	case name == "google drive" || name == "googledrive" || name == "my drive":
		return serviceGoogleDrive
	case name == "iclouddrive":
		return serviceICloud
	}
	return ""
}

// oneDriveFolders returns the OneDrive folders named by the environment,
// cleaned, leaving out empty and relative values.
func oneDriveFolders(env func(string) string) []string {
	var dirs []string
	for _, key := range []string{"OneDrive", "OneDriveConsumer", "OneDriveCommercial"} {
		v := strings.TrimSpace(env(key))
		if v != "" && filepath.IsAbs(v) {
			dirs = append(dirs, filepath.Clean(v))
		}
	}
	return dirs
}

// hasEntry reports whether dir holds a file or directory called name.
func hasEntry(dir, name string) bool {
	_, err := os.Lstat(filepath.Join(dir, name))
	return err == nil
}

// hasFile reports whether dir holds a regular file called name.
func hasFile(dir, name string) bool {
	fi, err := os.Lstat(filepath.Join(dir, name))
	return err == nil && fi.Mode().IsRegular()
}

// resolveExisting resolves symbolic links in the longest part of dir that
// exists and puts the rest back on the end. It returns dir unchanged if
// nothing of it can be resolved.
func resolveExisting(dir string) string {
	rest := ""
	for cur := dir; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return dir
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}
