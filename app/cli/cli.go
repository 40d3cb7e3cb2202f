// Package cli is Bridgekeeper's command line: the global flags, the draft,
// import and export subcommands, and the hand-off to the window when no
// subcommand is given. It imports no Fyne, so it is tested with plain go test.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bridgekeeper/data"
)

// Version is the release this binary reports; set with -ldflags at build time.
var Version = "0.1.0-dev"

// GUI opens the window on the database at dbPath ("" means the default
// location) and returns when the window closes.
type GUI func(dbPath string) error

// Env is what a command may touch: its arguments' streams, the environment
// needed to locate the default database, and the window to fall back to.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	GUI    GUI
	// Clipboard receives text for `draft --copy`; nil means no clipboard.
	Clipboard func(text string) error
	// Getenv reads the environment (the locale, for the default English);
	// nil means os.Getenv.
	Getenv func(key string) string
}

// getenv is env.Getenv, or os.Getenv when none is set.
func (env Env) getenv(key string) string {
	if env.Getenv == nil {
		return os.Getenv(key)
	}
	return env.Getenv(key)
}

// usageError is bad input from the user: it prints one line and exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

const usage = `usage: bridgekeeper [--db PATH] [command]

commands:
  (none)                      open the Bridgekeeper window
  draft [flags]               print an email draft (bridgekeeper draft -h for flags)
  import csv FILE [flags]     add interviews from a spreadsheet (any encoding,
                              comma, semicolon or tab): --map "Header=field",
                              --date-order dmy|mdy, --dry-run, --tz ZONE
  import ics FILE [flags]     add or update interviews from calendar invites
                              (--dry-run, --tz ZONE for floating times)
  import vcf FILE             add contacts from a phone's or mail program's
                              vCard file; people known by email only gain
                              what they lacked
  export csv|ics [--out FILE] write interviews as CSV, or upcoming ones as a calendar
  export vcf [--company C] [--out FILE]
                              write every contact, or one company's, as vCards
  export log --from DATE [--to DATE] [--format csv|pdf] [--paper a4|letter] [--out FILE]
                              every contact with an employer in those days
                              (dates YYYY-MM-DD; --to defaults to today), for
                              a benefit office's work-search record
  export report [--paper a4|letter] [--out FILE]
                              the whole search as a PDF: figures, charts and
                              every interview
  stats [--json]              the figures behind the Insights charts
  companies [--json]          every company, how you left things, last contact,
                              open interviews
  history COMPANY [--json]    everything with a company, oldest first: each
                              interview, status change, note and message
  close-others ID [--json]    having accepted interview ID, the message for
                              every other open process (decline or withdraw)
  backup                      make a checked backup now and print its path
  backups                     list the backups, newest first
  restore FILE                replace the database with a backup (the current
                              file is backed up first; FILE is kept)
  version                     print the version
`

// Run executes the command line in args (without the program name) and
// returns the process exit status: 0 on success, 2 for bad input, 1 for
// anything else that went wrong.
func Run(args []string, env Env) int {
	err := run(args, env)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) || isInputError(err) {
		fmt.Fprintln(env.Stderr, "bridgekeeper: "+oneLine(err.Error()))
		if errors.As(err, &ue) && strings.HasPrefix(ue.msg, "usage") {
			fmt.Fprint(env.Stderr, usage)
		}
		return 2
	}
	fmt.Fprintln(env.Stderr, "bridgekeeper: "+oneLine(err.Error()))
	return 1
}

// isInputError reports errors that stem from what the user handed us.
func isInputError(err error) bool {
	var ve data.ValidationError
	var fe *data.FieldError
	if errors.As(err, &ve) || errors.As(err, &fe) {
		return true
	}
	for _, kind := range []error{
		data.ErrNotDatabase, data.ErrTooNew, data.ErrForeign, data.ErrNoDatabase, data.ErrLinked,
		data.ErrCorrupt, data.ErrReadOnly, data.ErrLocked, data.ErrNotFound, os.ErrNotExist,
	} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func run(args []string, env Env) error {
	global := flag.NewFlagSet("bridgekeeper", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dbPath := global.String("db", "", "database file (default: the app's storage folder)")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(env.Stdout, usage)
			return nil
		}
		return usagef("usage: %v", err)
	}
	rest := global.Args()
	if global.Lookup("db") != nil && flagWasSet(global, "db") && *dbPath == "" {
		return usagef("usage: --db needs a file path")
	}
	if len(rest) == 0 {
		if env.GUI == nil {
			return usagef("usage: no window available in this build")
		}
		return env.GUI(*dbPath)
	}
	cmd, cmdArgs := rest[0], rest[1:]
	sub, ok := subcommands()[cmd]
	if !ok {
		return usagef("usage: unknown command %q", cmd)
	}
	return sub(cmdArgs, *dbPath, env)
}

// subcommand runs one command with the arguments after its name and the
// --db path ("" for the default location).
type subcommand func(args []string, dbPath string, env Env) error

// subcommands maps each command name, and the ways of asking for help, to
// what runs it.
func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"version":      runVersion,
		"help":         runHelp,
		"-h":           runHelp,
		"--help":       runHelp,
		"draft":        runDraft,
		"import":       runImport,
		"export":       runExport,
		"backup":       runBackup,
		"backups":      runBackups,
		"restore":      runRestore,
		"companies":    runCompanies,
		"history":      runHistory,
		"close-others": runCloseOthers,
		"stats":        runStats,
	}
}

// runVersion handles `version`: the release and the schema it writes.
func runVersion(args []string, _ string, env Env) error {
	if len(args) > 0 {
		return usagef("usage: version takes no arguments")
	}
	fmt.Fprintf(env.Stdout, "bridgekeeper %s (schema %d)\n", Version, data.SchemaVersion())
	return nil
}

// runHelp handles `help`, `-h` and `--help`, whatever follows them.
func runHelp(_ []string, _ string, env Env) error {
	fmt.Fprint(env.Stdout, usage)
	return nil
}

func flagWasSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// openStore opens the database named by --db, or the one the location file
// names. Only commands that add data (import, restore) may create it; the
// rest fail with data.ErrNoDatabase, so a mistyped --db creates nothing.
// Upgrading an older file is preceded by a checked backup, as in the window.
func openStore(dbPath string, create bool) (*data.Store, error) {
	loc, err := locate(dbPath)
	if err != nil {
		return nil, err
	}
	return data.OpenWith(loc.Database, data.Options{BackupDir: loc.BackupDir(), NoCreate: !create})
}

// locate is where the data lives for this run: --db when given (with its
// backups beside it), else the location file's answer.
func locate(dbPath string) (Location, error) {
	if dbPath != "" {
		abs, err := filepath.Abs(dbPath)
		if err != nil {
			return Location{}, fmt.Errorf("database path: %w", err)
		}
		return Location{Database: abs}, nil
	}
	return LoadLocation()
}
