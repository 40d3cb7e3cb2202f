package app

import (
	"os"

	"golang.org/x/sys/windows"
)

// userKey names the account this process runs as: its SID, which unlike
// the user name never changes or repeats; the user name when the token
// cannot be read.
func userKey() string {
	if u, err := windows.GetCurrentProcessToken().GetTokenUser(); err == nil {
		return u.User.Sid.String()
	}
	return "user:" + os.Getenv("USERDOMAIN") + `\` + os.Getenv("USERNAME")
}
