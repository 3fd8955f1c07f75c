#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of the raw-socket test clients (``TestHTTPConnection``, ``PipeliningFlooder``).
struct TestSocketFailure: Error, CustomStringConvertible {
    let description: String
}

/// A blocking TCP socket connected to 127.0.0.1:`port`, for the raw-socket test clients.
/// `receiveBuffer` (bytes), when given, is set before connecting, so that the window the client
/// advertises is small from the start.
func connectedLoopbackSocket(port: Int, receiveBuffer: Int32? = nil) throws -> Int32 {
    #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw TestSocketFailure(description: "socket failed: errno \(errno)") }
    if var size = receiveBuffer {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let connected = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        let code = errno
        close(fd)
        throw TestSocketFailure(description: "connect to port \(port) failed: errno \(code)")
    }
    return fd
}
