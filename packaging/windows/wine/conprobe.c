/* conprobe: runs a program the way a console runs a GUI-subsystem program
 * typed at its prompt, then writes what showed in the console to a file.
 *
 *   conprobe OUTFILE COMMANDLINE
 *
 * On Windows a GUI-subsystem program started from cmd.exe or PowerShell
 * gets no console and no standard handles, so it prints nowhere unless it
 * attaches to its parent's console. Wine hands its console to every child,
 * GUI or not, which would hide a missing attach; DETACHED_PROCESS starts
 * the child with none, as Windows does. conprobe opens a fresh console of
 * its own, so whatever is in it afterwards came from the child. The exit
 * code is the child's, or 3 when conprobe itself failed (said on stderr).
 * .ci/check-windows builds it with mingw-w64 and runs it under Wine. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

static int fail(const wchar_t *what)
{
	fwprintf(stderr, L"conprobe: %ls failed: %lu\n", what, GetLastError());
	return 3;
}

int wmain(int argc, wchar_t **argv)
{
	if (argc != 3) {
		fwprintf(stderr, L"usage: conprobe OUTFILE COMMANDLINE\n");
		return 2;
	}
	FILE *f = _wfopen(argv[1], L"w");
	if (!f)
		return fail(L"opening the output file");
	FreeConsole();
	if (!AllocConsole())
		return fail(L"AllocConsole");
	HANDLE out = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
		FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	if (out == INVALID_HANDLE_VALUE)
		return fail(L"opening CONOUT$");

	STARTUPINFOW si = { sizeof si };
	PROCESS_INFORMATION pi;
	wchar_t *cmd = _wcsdup(argv[2]);
	if (!CreateProcessW(NULL, cmd, NULL, NULL, FALSE, DETACHED_PROCESS, NULL, NULL, &si, &pi))
		return fail(L"CreateProcess");
	if (WaitForSingleObject(pi.hProcess, 120000) != WAIT_OBJECT_0)
		return fail(L"waiting for the program");
	DWORD code = 3;
	GetExitCodeProcess(pi.hProcess, &code);

	CONSOLE_SCREEN_BUFFER_INFO info;
	if (!GetConsoleScreenBufferInfo(out, &info))
		return fail(L"GetConsoleScreenBufferInfo");
	for (SHORT y = 0; y <= info.dwCursorPosition.Y; y++) {
		wchar_t line[1024];
		DWORD n = 0, width = info.dwSize.X < 1023 ? info.dwSize.X : 1023;
		COORD at = { 0, y };
		if (!ReadConsoleOutputCharacterW(out, line, width, at, &n))
			return fail(L"ReadConsoleOutputCharacter");
		while (n > 0 && line[n - 1] == L' ')
			n--;
		line[n] = 0;
		char utf8[4096];
		if (WideCharToMultiByte(CP_UTF8, 0, line, -1, utf8, sizeof utf8, NULL, NULL) > 0)
			fprintf(f, "%s\n", utf8);
	}
	fclose(f);
	return (int)code;
}
