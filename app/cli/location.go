package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"bridgekeeper/data"
)

// AppID is Bridgekeeper's reverse-DNS application ID, shared by the window
// (storage, preferences) and the command line (default database path).
const AppID = "io.github.bridgekeeper"

// locationFile names the file, in the config folder, that says where the
// database and its backups live once the user has moved them.
const locationFile = "location.json"

// Location is where the data lives. The window writes it when the user
// moves the database or picks a backups folder; the command line and every
// later launch read it, so all of them find the same file.
type Location struct {
	Database string `json:"database"`
	Backups  string `json:"backups,omitempty"`
}

// BackupDir is where backups of the database go.
func (l Location) BackupDir() string {
	if l.Backups != "" {
		return l.Backups
	}
	return data.DefaultBackupDir(l.Database)
}

// ConfigDir is Bridgekeeper's config folder: the storage folder Fyne gives
// the app ID, worked out the way Fyne does (internal/app/config_*.go), so
// the command line finds it without starting Fyne.
func ConfigDir() (string, error) {
	var root string
	switch runtime.GOOS {
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("locate the config folder: %w", err)
		}
		root = filepath.Join(home, "Library", "Preferences")
	case "windows":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("locate the config folder: %w", err)
		}
		root = filepath.Join(home, "AppData", "Roaming")
	default:
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("locate the config folder: %w", err)
		}
		root = dir
	}
	return filepath.Join(root, "fyne", AppID), nil
}

// DefaultDBPath is where the database lives until the user moves it.
func DefaultDBPath() (string, error) {
	dir, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "bridgekeeper.db"), nil
}

// LoadLocation reads where the data lives; with no location file (nothing
// was ever moved) it is the default place. A location file that cannot be
// read is an error rather than a silent fall back to the default, which
// would start a new, empty database beside the user's real one.
func LoadLocation() (Location, error) {
	dir, err := ConfigDir()
	if err != nil {
		return Location{}, err
	}
	def := Location{Database: filepath.Join(dir, "bridgekeeper.db")}
	raw, err := os.ReadFile(filepath.Join(dir, locationFile))
	if errors.Is(err, fs.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return Location{}, fmt.Errorf("read where the data lives: %w", err)
	}
	var l Location
	if err := json.Unmarshal(raw, &l); err != nil || (l.Database != "" && !filepath.IsAbs(l.Database)) {
		return Location{}, fmt.Errorf("read where the data lives: %s is not a location file Bridgekeeper wrote; delete it to use the default place", filepath.Join(dir, locationFile))
	}
	if l.Database == "" {
		l.Database = def.Database
	}
	return l, nil
}

// SaveLocation records where the data lives, atomically and privately.
func SaveLocation(l Location) error {
	dir, err := ConfigDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save where the data lives: %w", err)
	}
	raw, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return fmt.Errorf("save where the data lives: %w", err)
	}
	path := filepath.Join(dir, locationFile)
	return data.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(raw, '\n'))
		return err
	})
}
