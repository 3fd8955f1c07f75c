// The few C library facilities that Swift's Glibc module does not expose: `epoll(7)` and
// `eventfd(2)` for the development server, line-buffering the C `stdout` stream, and spawning a
// child process in its own process group with a working directory (for `nitro dev`).
#ifndef C_NITRO_SYSTEM_H
#define C_NITRO_SYSTEM_H

#include <stdio.h>
#include <sys/types.h>

#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

/// Makes `stdout` flush at each newline, even when it is a pipe.
static inline void cnitro_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}

/// Starts `file` (looked up in PATH when it has no slash) with `argv` and `envp` (NULL-terminated),
/// in the folder `directory` (NULL: the current one), with every signal at its default action and
/// none blocked; with `own_group` non-zero, in a new process group led by the child, so that a
/// terminal's Ctrl-C reaches only the parent, which decides what to forward.
/// Returns 0 and sets `*pid`, or an `errno` value.
int cnitro_spawn(pid_t *pid, const char *file, char *const argv[], char *const envp[], const char *directory,
                 int own_group);

#endif
