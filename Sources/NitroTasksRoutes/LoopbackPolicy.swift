/// Which requests the task routes answer, beyond the peer being a loopback address (checked by
/// ``TaskRoutes/refusal(for:)`` with its ``TaskRoutes/RemoteAddressPolicy``).
///
/// - Every `Host` (and the authority of an absolute-form target) must name this machine: this
///   stops DNS rebinding (a public name that resolves to 127.0.0.1).
/// - No request may come from a web page of another origin, which a browser says in two ways:
///   every `Sec-Fetch-Site` header must be `same-origin` or `none` (a typed URL, a bookmark), and
///   every `Origin` header must be `http://` or `https://` with a loopback authority (never
///   `null`, which sandboxed iframes, `data:` URLs and some redirects send).
///
/// Plain clients (curl, `nitro task`) send neither header and are served. This stops a page open
/// in the developer's browser from running tasks with an `<img>`, a form, or a `fetch` that needs
/// no preflight. Every header of each name is checked, not only the first.
package enum LoopbackPolicy {
    /// What to tell the refused client to do instead.
    static let advice = "Run tasks with `nitro task run NAME`, curl, or a page served from this server's own origin."

    /// `nil` when the request may be served, else why not (for a 403).
    package static func refusal(for request: TaskRoutesRequest) -> String? {
        for host in request.values("host") where !isLocalAuthority(host) {
            return "The development server only answers requests for this machine, but the Host header is `\(host)` "
                + "(not localhost, *.localhost or a loopback address). Use http://127.0.0.1:PORT or http://localhost:PORT."
        }
        if let authority = request.authority, !isLocalAuthority(authority) {
            return "The development server only answers requests for this machine, but the request target "
                + "`\(request.target)` names `\(authority)`. Send the path alone (`\(request.path)`) or use "
                + "http://127.0.0.1:PORT or http://localhost:PORT."
        }
        for site in request.values("sec-fetch-site") {
            let value = site.lowercased()
            guard value == "same-origin" || value == "none" else {
                return "Refused: the browser says this request comes from a web page of another site "
                    + "(Sec-Fetch-Site: `\(site)`), and web pages may not run tasks. \(advice)"
            }
        }
        for origin in request.values("origin") {
            if origin.lowercased() == "null" {
                return "Refused: the request comes from a web page with an opaque origin (Origin: null, as a sandboxed "
                    + "iframe or a data: URL sends), and web pages may not run tasks. \(advice)"
            }
            guard isLocalOrigin(origin) else {
                return "Refused: the request comes from a web page of another site (Origin `\(origin)`), and web pages "
                    + "of other sites may not run tasks. \(advice)"
            }
        }
        return nil
    }

    /// Whether `origin` is `http://` or `https://` followed by a local authority and nothing else.
    static func isLocalOrigin(_ origin: String) -> Bool {
        guard let schemeLength = RequestTarget.absoluteSchemeLength(origin) else { return false }
        return isLocalAuthority(String(origin.dropFirst(schemeLength)))
    }

    /// Whether `host[:port]` is `localhost`, a `*.localhost` name, 127.0.0.0/8 or `[::1]`.
    package static func isLocalAuthority(_ authority: String) -> Bool {
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: close)...]
            guard rest.isEmpty || isPort(rest) else { return false }
            let inner = host[host.index(after: host.startIndex)..<close]
            return inner == "::1" || inner == "0:0:0:0:0:0:0:1" || inner.hasPrefix("::ffff:127.")
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[colon...]) else { return false }
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        if host == "localhost" || host.hasSuffix(".localhost") { return isHostName(host) }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255 }
    }

    /// Whether a name is made of letters, digits, `-` and `.` only (no `@`, `/` or spaces).
    private static func isHostName(_ host: Substring) -> Bool {
        host.utf8.allSatisfy { byte in
            (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 46
        }
    }

    private static func isPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && !digits.isEmpty && digits.count <= 5 && digits.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
