#ifndef CSE_PLATFORM_H
#define CSE_PLATFORM_H

/// The few system calls `cse` needs that Swift's C modules do not export (they sit behind _GNU_SOURCE or
/// are reached through syscall(2), which Swift cannot call). Each returns what the system call returns and
/// leaves errno set; where the system lacks the call, -1 with errno ENOSYS.

/// Opens `path` relative to the open folder `dirfd` so that resolving it can never leave that folder:
/// no `..` above it, no absolute path, no symbolic link that points out of it (Linux openat2 with
/// RESOLVE_BENEATH; the kernel answers EXDEV). Where openat2 is missing, a plain openat: callers check paths
/// lexically as well. With `no_links`, no symbolic link at all on the way (RESOLVE_NO_SYMLINKS; without
/// openat2, O_NOFOLLOW on the last component only).
int cse_open_beneath(int dirfd, const char *path, int flags, unsigned int mode, int no_links);

/// Exchanges two paths atomically (Linux renameat2 RENAME_EXCHANGE, macOS renameatx_np RENAME_SWAP): both
/// must exist, and at every instant each path names one of the two complete trees.
int cse_rename_exchange(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

#endif
