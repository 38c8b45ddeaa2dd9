/* For the Wine test only; never shipped. Rust's standard library imports ProcessPrng from
 * bcryptprimitives.dll, which Windows 10 and 11 have and Wine 8 lacks. Placed beside
 * vanban.exe under Wine, this gives it from RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG part = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, part))
            return FALSE;
        data += part;
        len -= part;
    }
    return TRUE;
}
