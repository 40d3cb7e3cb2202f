/* A stand-in bcryptprimitives.dll for testing under Wine 8 and older.
 *
 * Go 1.24 and later draw their random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows since 8 has but Wine only has
 * from version 9: under an older Wine a Go program stops before main with
 * "bcryptprimitives.dll not found". .ci/check-windows builds this file with
 * mingw-w64 and copies it into its own throwaway Wine prefix only when
 * that Wine has no such DLL. It is never shipped: the installer and the
 * .exe are the same with or without it.
 *
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), the system's own random number generator. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		/* RtlGenRandom takes a 32-bit length. */
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
