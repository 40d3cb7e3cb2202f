package app

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS: the console of the process
// that started this one.
const attachParentProcess = ^uint32(0)

// AttachConsole gives a command-line run the console it was started from.
// The Windows build is a GUI-subsystem program, so double-clicking it opens
// no console window; but then cmd.exe and PowerShell get none of its
// output either. Started from one of them, it attaches to that console and
// points standard output and error at it, unless they were redirected to a
// file or pipe (which still work as they are). Started any other way there
// is no parent console, and nothing changes.
func AttachConsole() {
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	for _, std := range []struct {
		id   uint32
		file **os.File
	}{{windows.STD_OUTPUT_HANDLE, &os.Stdout}, {windows.STD_ERROR_HANDLE, &os.Stderr}} {
		if h, err := windows.GetStdHandle(std.id); err == nil && h != 0 && h != windows.InvalidHandle {
			// Redirected by the caller: keep it.
			continue
		}
		out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
		if err != nil {
			continue
		}
		*std.file = out
		_ = windows.SetStdHandle(std.id, windows.Handle(out.Fd()))
	}
}
