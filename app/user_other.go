//go:build !windows

package app

import (
	"os"
	"strconv"
)

// userKey names the account this process runs as: its uid.
func userKey() string { return "uid:" + strconv.Itoa(os.Getuid()) }
