//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package app

// systemNoNotifications is "": Windows and macOS always have a
// notification service for Fyne to use.
func systemNoNotifications() string { return "" }
