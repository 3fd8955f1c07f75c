#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading a peer address given as text.
package enum RemoteAddress {
    /// Whether `text` is a loopback IP address: 127.0.0.0/8, `::1` or `::ffff:127.0.0.0/104`, with
    /// or without brackets, a port (`127.0.0.1:5000`, `[::1]:5000`) or an IPv6 zone (`::1%lo`).
    /// Anything that is not an IP literal (a host name, `unix:…`, empty text) is not.
    package static func isLoopback(_ text: String) -> Bool {
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = host[..<colon]  // IPv4 with a port
        }
        if let zone = host.firstIndex(of: "%") { host = host[..<zone] }
        if let bytes = parse(String(host), family: AF_INET, size: 4) {
            return loopback(family: AF_INET, bytes)
        }
        if let bytes = parse(String(host), family: AF_INET6, size: 16) {
            return loopback(family: AF_INET6, bytes)
        }
        return false
    }

    /// Whether an address, as its network-order bytes, is a loopback address.
    package static func loopback(family: Int32, _ address: [UInt8]) -> Bool {
        switch family {
        case AF_INET:
            return address.count == 4 && address[0] == 127
        case AF_INET6:
            guard address.count == 16 else { return false }
            if address[0..<15].allSatisfy({ $0 == 0 }) && address[15] == 1 { return true }
            let mapped = address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xFF && address[11] == 0xFF
            return mapped && address[12] == 127
        default:
            return false
        }
    }

    private static func parse(_ text: String, family: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let parsed = bytes.withUnsafeMutableBytes { raw in inet_pton(family, text, raw.baseAddress) }
        return parsed == 1 ? Array(bytes.prefix(size)) : nil
    }
}
