//go:build !windows

package app

// AttachConsole does nothing outside Windows: a program started from a
// terminal already writes to it.
func AttachConsole() {}
