#define _GNU_SOURCE
#include "CPlatform.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__linux__)
#include <stdint.h>
#include <sys/syscall.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

/* The layout of struct open_how (linux/openat2.h), spelled out so that older kernel headers build too. */
struct cse_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
#define CSE_RESOLVE_NO_MAGICLINKS 0x02
#define CSE_RESOLVE_NO_SYMLINKS 0x04
#define CSE_RESOLVE_BENEATH 0x08

static int openat2_missing = 0;

int cse_open_beneath(int dirfd, const char *path, int flags, unsigned int mode, int no_links) {
    if (!__atomic_load_n(&openat2_missing, __ATOMIC_RELAXED)) {
        uint64_t resolve = CSE_RESOLVE_BENEATH | CSE_RESOLVE_NO_MAGICLINKS | (no_links ? CSE_RESOLVE_NO_SYMLINKS : 0);
        struct cse_open_how how = {(uint64_t)flags, (uint64_t)mode, resolve};
        long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return (int)fd;
        /* No openat2 (a kernel before 5.6, or a sandbox that filters it): fall back for the whole run. */
        __atomic_store_n(&openat2_missing, 1, __ATOMIC_RELAXED);
    }
    return openat(dirfd, path, flags | (no_links ? O_NOFOLLOW : 0), mode);
}

int cse_rename_exchange(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, RENAME_EXCHANGE);
}

#elif defined(__APPLE__)

int cse_open_beneath(int dirfd, const char *path, int flags, unsigned int mode, int no_links) {
    return openat(dirfd, path, flags | (no_links ? O_NOFOLLOW : 0), mode);
}

int cse_rename_exchange(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return renameatx_np(olddirfd, oldpath, newdirfd, newpath, RENAME_SWAP);
}

#else

int cse_open_beneath(int dirfd, const char *path, int flags, unsigned int mode, int no_links) {
    return openat(dirfd, path, flags | (no_links ? O_NOFOLLOW : 0), mode);
}

int cse_rename_exchange(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    (void)olddirfd; (void)oldpath; (void)newdirfd; (void)newpath;
    errno = ENOSYS;
    return -1;
}

#endif
