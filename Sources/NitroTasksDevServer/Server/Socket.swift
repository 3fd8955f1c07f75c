import NitroTasks
import NitroTasksRoutes
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few socket calls the server makes, over the C library.
enum Socket {
    /// The last `errno` as a readable message.
    static func errorMessage(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Opens a non-blocking listening TCP socket on `host:port` (port 0: any free port).
    /// - Returns: the descriptor and the bound port.
    static func openListener(host: String, port: Int, backlog: Int32) throws(DevServerError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw DevServerError.cannotListen(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, streamType, 0)
            guard fd >= 0 else {
                reason = errorMessage()
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, backlog) == 0 else {
                reason = errorMessage()
                close(fd)
                continue
            }
            setNonBlocking(fd)
            return (fd, boundPort(fd))
        }
        throw DevServerError.cannotListen(host: host, port: port, reason: reason)
    }

    /// Accepts one pending connection: its descriptor (non-blocking, no Nagle delay), whether
    /// the peer is on this machine, and the peer's IP address as text (for ``TaskRoutes``).
    /// `nil` with `errno` set when there is none or accepting failed.
    static func acceptConnection(_ listener: Int32) -> (fd: Int32, loopback: Bool, address: String?)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
        }
        guard fd >= 0 else { return nil }
        setNonBlocking(fd)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return (fd, isLoopback(storage), addressText(storage))
    }

    /// The IP address of a peer as text (`127.0.0.1`, `::1`); `nil` for other families.
    static func addressText(_ storage: sockaddr_storage) -> String? {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(storage.ss_family)
        let offset: Int
        switch family {
        case AF_INET: offset = MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!
        case AF_INET6: offset = MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)!
        default: return nil
        }
        let converted = withUnsafeBytes(of: &copy) { raw in
            text.withUnsafeMutableBufferPointer { buffer in
                inet_ntop(family, raw.baseAddress! + offset, buffer.baseAddress, socklen_t(buffer.count))
            }
        }
        guard converted != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether a peer address is a loopback address: 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, or a
    /// local (Unix) socket.
    static func isLoopback(_ storage: sockaddr_storage) -> Bool {
        var copy = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &copy) { raw in
                let address = raw.load(fromByteOffset: MemoryLayout<sockaddr_in>.offset(of: \.sin_addr)!, as: in_addr.self)
                return RemoteAddress.loopback(family: AF_INET, withUnsafeBytes(of: address) { Array($0) })
            }
        case AF_INET6:
            return withUnsafeBytes(of: &copy) { raw in
                let address = raw.load(fromByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_addr)!, as: in6_addr.self)
                return RemoteAddress.loopback(family: AF_INET6, withUnsafeBytes(of: address) { Array($0) })
            }
        case AF_UNIX:
            return true
        default:
            return false
        }
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Sends bytes without raising `SIGPIPE` on a closed peer; the count sent or -1 (`errno`).
    static func send(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if os(Linux)
            return Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
        #else
            return Darwin.send(fd, pointer, count, 0)
        #endif
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var copy = storage
        let port: UInt16 = withUnsafeBytes(of: &copy) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET6: raw.load(fromByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_port)!, as: UInt16.self)
            default: raw.load(fromByteOffset: MemoryLayout<sockaddr_in>.offset(of: \.sin_port)!, as: UInt16.self)
            }
        }
        return Int(UInt16(bigEndian: port))
    }

    private static var streamType: Int32 {
        #if os(Linux)
            Int32(SOCK_STREAM.rawValue)
        #else
            SOCK_STREAM
        #endif
    }
}

/// Closes a descriptor (a free function, so that types with a `close` method can call it).
func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

/// Writes to a descriptor (a free function, so that types with a `write` method can call it).
func writeDescriptor(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
