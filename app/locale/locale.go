// Package locale settles the process's language environment before Fyne
// reads it. It must stay free of Fyne imports: Go initialises packages in
// import-path order among those whose imports are ready, and this package's
// path sorts before fyne.io/…, so its init runs before Fyne's lang package
// looks up the user's locale during its own init.
package locale

import (
	"os"
	"strings"
)

func init() { Settle(os.Getenv, os.Setenv) }

// Settle names English in LANGUAGE when the locale is C or POSIX with a
// charset (C.UTF-8 is common on servers and containers). Fyne's locale
// library otherwise hands "C" to a BCP 47 parser, which rejects it and logs
// "Error parsing user locale" on every start. Such locales state no language
// preference, and the library consults LANGUAGE for them, so nothing else
// changes.
func Settle(getenv func(string) string, setenv func(string, string) error) {
	v := Of(getenv)
	if v == "" {
		return
	}
	lang, _, _ := strings.Cut(v, ".")
	lang, _, _ = strings.Cut(lang, "@")
	if (lang == "C" || lang == "POSIX") && v != lang && getenv("LANGUAGE") == "" {
		setenv("LANGUAGE", "en")
	}
}

// Of is the locale the environment names: LC_ALL, then LC_MESSAGES, then
// LANG, the first that is set; "" when none is.
func Of(getenv func(string) string) string {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(key); v != "" {
			return v
		}
	}
	return ""
}
