/// Where a server listens: `http://HOST:PORT` plus an optional base path.
package struct HTTPEndpoint: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int
    /// A path prefix without a trailing slash (`""` for none).
    package var basePath: String

    package init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Reads `http://host[:port][/base]` (IPv6 hosts in brackets; port 80 by default). A URL that
    /// already ends in `/_nitro/tasks` is accepted too. `nil` for anything else.
    package init?(url: String) {
        guard url.lowercased().hasPrefix("http://") else { return nil }
        var rest = Substring(url.dropFirst(7))
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        rest = rest[slash...]
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        var port = 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        var base = String(rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/_nitro/tasks") { base.removeLast("/_nitro/tasks".count) }
        self.init(host: String(host), port: port, basePath: base)
    }

    /// The value of the `Host` header.
    package var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    package var description: String { "http://\(hostHeader)\(basePath)" }
}
