// The C library facilities that Swift's Glibc module does not expose: spawning a child process
// in its own process group with a working directory (`nitro dev`), and the heap in use
// (`nitro-bench`). Only the CLI and the bench link it; the runtime (`NitroTasks`) has no C target.
#ifndef C_NITRO_SYSTEM_H
#define C_NITRO_SYSTEM_H

#include <stddef.h>
#include <sys/types.h>

/// Starts `file` (looked up in PATH when it has no slash) with `argv` and `envp` (NULL-terminated),
/// in the folder `directory` (NULL: the current one), with every signal at its default action and
/// none blocked; with `own_group` non-zero, in a new process group led by the child, so that a
/// terminal's Ctrl-C reaches only the parent, which decides what to forward.
/// Returns 0 and sets `*pid`, or an `errno` value.
int cnitro_spawn(pid_t *pid, const char *file, char *const argv[], char *const envp[], const char *directory,
                 int own_group);

/// Bytes of the C heap in use now: allocated chunks, not the pages the allocator keeps (glibc's
/// `mallinfo2`); 0 where the C library does not tell.
size_t cnitro_heap_in_use(void);

#endif
