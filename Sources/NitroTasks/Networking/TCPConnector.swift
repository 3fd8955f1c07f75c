#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens client TCP connections for the package's own clients (`nitro task`'s HTTP client, the
/// Redis tick claim): every address the name resolves to is tried, and the whole attempt is
/// bounded by a timeout.
package enum TCPConnector {
    /// Why no connection could be made (for messages: "Connection refused", "no answer within 2 s").
    package struct Failure: Error, Sendable {
        package let reason: String
    }

    /// Connects to `host:port` within `timeout` seconds. The descriptor returned is non-blocking,
    /// close-on-exec, with Nagle's delay off; the caller owns it.
    package static func connect(host: String, port: Int, timeout: Double) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if os(Linux)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, list != nil else {
            throw Failure(reason: "cannot resolve the host: \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let deadline = monotonicSeconds() + timeout
        var reason = "no address"
        var candidate = list
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
            guard fd >= 0 else {
                reason = errorText(errno)
                continue
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if systemConnect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            if errno == EINPROGRESS {
                let remaining = max(0, deadline - monotonicSeconds())
                var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                var ready: Int32
                repeat {
                    ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 3_600_000).rounded(.up)))
                } while ready < 0 && errno == EINTR
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                if ready == 1 && error == 0 { return fd }
                reason = ready == 0 ? "no answer within \(seconds(timeout))" : errorText(error == 0 ? errno : error)
            } else {
                reason = errorText(errno)
            }
            close(fd)
        }
        throw Failure(reason: reason)
    }

    /// Seconds on the monotonic clock.
    package static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 1000).rounded())) ms" : "\(value) s"
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}

private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
