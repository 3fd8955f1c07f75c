// The few C library facilities that Swift's Glibc module does not expose and the development
// server needs: `epoll(7)` and `eventfd(2)`, and line-buffering the C `stdout` stream.
#ifndef C_NITRO_DEV_SERVER_H
#define C_NITRO_DEV_SERVER_H

#include <stdio.h>

#if defined(__linux__)
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

/// Makes `stdout` flush at each newline, even when it is a pipe.
static inline void cnitro_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}

#endif
