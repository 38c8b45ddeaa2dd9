/* For the Wine test only: holds a file open the way a PDF viewer (Acrobat, Foxit) or Word
 * does — others may read it, but not replace, write or delete it — until a flag file appears.
 * Usage: locker FILE FLAG. Prints "locked" once it holds the file. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: locker FILE FLAG\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    printf("locked\n");
    fflush(stdout);
    /* At most ten minutes, so that a test that dies never leaves it behind for long. */
    for (int i = 0; i < 6000 && GetFileAttributesW(argv[2]) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
    CloseHandle(h);
    printf("released\n");
    fflush(stdout);
    return 0;
}
