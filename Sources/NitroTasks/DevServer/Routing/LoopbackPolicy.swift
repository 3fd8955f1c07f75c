/// Which requests a development server answers, beyond the peer being a loopback address:
/// the `Host` must name this machine, and a browser's `Origin`, when sent, must too.
///
/// This stops a web page in the developer's browser from running tasks, either directly
/// (a cross-site `POST`) or through DNS rebinding (a public name that resolves to 127.0.0.1).
package enum LoopbackPolicy {
    /// `nil` when the request may be served, else why not (for a 403).
    package static func refusal(for request: HTTPRequest) -> String? {
        if let host = request.headers["host"], !isLocalAuthority(host) {
            return "The development server only answers requests for this machine (Host `\(host)` is not localhost or a loopback address)"
        }
        if let origin = request.headers["origin"], origin != "null" {
            let lowered = origin.lowercased()
            let scheme = lowered.hasPrefix("http://") ? 7 : (lowered.hasPrefix("https://") ? 8 : 0)
            guard scheme > 0, isLocalAuthority(String(origin.dropFirst(scheme))) else {
                return "The development server does not answer requests from web pages of other sites (Origin `\(origin)`)"
            }
        }
        return nil
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
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCIIDigit) && Int(part)! <= 255 }
    }

    private static func isPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && !digits.isEmpty && digits.count <= 5 && digits.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
