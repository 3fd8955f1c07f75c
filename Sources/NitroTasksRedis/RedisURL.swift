/// Where a Redis server is and how to log in: `redis://[[user]:password@]host[:port][/db]`.
///
/// The user name and password may be percent-encoded (`%40` for `@`). IPv6 hosts go in
/// brackets (`redis://[::1]:6379`). `rediss://` (TLS) is refused: put a TLS proxy such as
/// stunnel in front and point the URL at it (Docs/Scheduler.md).
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address.
    public var host: String
    /// The TCP port (6379 by default).
    public var port: Int
    /// The ACL user, or `nil` for the default user.
    public var user: String?
    /// The password, or `nil` for none.
    public var password: String?
    /// The database number selected after connecting (0 by default).
    public var database: Int

    /// Creates a URL from its parts.
    public init(host: String = "127.0.0.1", port: Int = 6379, user: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// Reads `redis://…`.
    /// - Throws: ``RedisError/invalidURL(_:_:)`` saying what is wrong.
    public init(_ text: String) throws(RedisError) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("rediss://") {
            throw .invalidURL(
                text, "TLS (rediss://) is not supported; run a TLS proxy such as stunnel on this machine and use redis://127.0.0.1:PORT")
        }
        guard lowered.hasPrefix("redis://") else { throw .invalidURL(text, "it must start with redis://") }
        var rest = Substring(text.dropFirst("redis://".count))
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        self.init()
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                let name = credentials[..<colon]
                user = name.isEmpty ? nil : try Self.decode(name, in: text)
                password = try Self.decode(credentials[credentials.index(after: colon)...], in: text)
            } else if !credentials.isEmpty {
                // `redis://secret@host`: a lone credential is the password, as redis-cli reads it.
                password = try Self.decode(credentials, in: text)
            }
        }
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(text, "an IPv6 host needs its closing ]") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw .invalidURL(text, "unexpected '\(after)' after the host")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        } else {
            host = String(rest)
        }
        guard !host.isEmpty else { throw .invalidURL(text, "the host is missing") }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw .invalidURL(text, "the port '\(portText)' is not a number from 1 to 65535")
            }
            port = value
        }
        if !path.isEmpty {
            guard let value = Int(path), value >= 0 else { throw .invalidURL(text, "the database '\(path)' is not a number") }
            database = value
        }
    }

    /// The URL in `REDIS_URL`, if set.
    /// - Throws: ``RedisError/invalidURL(_:_:)`` when it is set but wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(RedisError) -> RedisURL? {
        guard let text = environment["REDIS_URL"], !text.isEmpty else { return nil }
        return try RedisURL(text)
    }

    /// The URL with the password hidden, for messages.
    public var description: String {
        let name = host.contains(":") ? "[\(host)]" : host
        let login = (user ?? "") + (password == nil ? "" : ":***")
        return "redis://\(login.isEmpty ? "" : login + "@")\(name):\(port)/\(database)"
    }

    private static func decode(_ text: Substring, in url: String) throws(RedisError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else { throw .invalidURL(url, "a % in the user or password is not followed by two hex digits") }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
