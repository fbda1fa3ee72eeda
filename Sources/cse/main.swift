import CSECommandLine

#if os(Linux) && canImport(CMimalloc)
    import CMimalloc

    // The executable links mimalloc ahead of the C library, so every allocation of the process (Swift's,
    // libyaml's, cmark's) goes to it; glibc's allocator spent an eighth of `cse validate`'s time in
    // `malloc` (see docs/performance.md). Naming one of its functions keeps the linker from dropping it.
    _ = mi_version()
#endif

CSECommand.runAndExit()
