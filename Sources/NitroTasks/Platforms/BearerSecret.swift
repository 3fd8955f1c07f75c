/// The shared secret a platform route requires in `Authorization: Bearer <secret>`: read from
/// the environment (blank counts as unset) and compared in constant time.
struct BearerSecret: Sendable {
    /// The secret, or `nil` when unset or blank.
    let value: String?

    init(_ configured: String?) {
        let isBlank = configured.map { $0.allSatisfy(\.isWhitespace) } ?? true
        value = isBlank ? nil : configured
    }

    /// Whether `authorization` is exactly `Bearer <secret>` (false when there is no secret).
    func admits(_ authorization: String) -> Bool {
        guard let value else { return false }
        return Self.constantTimeEquals(authorization, "Bearer " + value)
    }

    /// Compares two strings in time that depends only on their lengths, not on where they differ.
    static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}
