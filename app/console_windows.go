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
// points standard input, output and error at it, unless they were
// redirected to a file or pipe (which still work as they are). Started any
// other way there is no parent console, and nothing changes.
func AttachConsole() {
	streams := []struct {
		id     uint32
		file   **os.File
		device string
		mode   int
		kept   bool
	}{
		{id: windows.STD_INPUT_HANDLE, file: &os.Stdin, device: "CONIN$", mode: os.O_RDWR},
		{id: windows.STD_OUTPUT_HANDLE, file: &os.Stdout, device: "CONOUT$", mode: os.O_RDWR},
		{id: windows.STD_ERROR_HANDLE, file: &os.Stderr, device: "CONOUT$", mode: os.O_RDWR},
	}
	// What the caller redirected must be read before attaching: attaching
	// sets every empty standard handle to the console, while os.Stdout and
	// friends still hold the empty ones they were made from at start-up.
	for i := range streams {
		h, err := windows.GetStdHandle(streams[i].id)
		streams[i].kept = err == nil && h != 0 && h != windows.InvalidHandle
	}
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return
	}
	for _, s := range streams {
		if s.kept {
			continue
		}
		// Open the console device itself rather than trust the handle
		// attaching may or may not have set: both Windows and Wine differ
		// here between versions.
		f, err := os.OpenFile(s.device, s.mode, 0)
		if err != nil {
			continue
		}
		*s.file = f
		_ = windows.SetStdHandle(s.id, windows.Handle(f.Fd()))
	}
}
