import NitroTasks
import NitroTasksRoutes
/// Why bytes are not an acceptable HTTP/1.x request; answered with `status` and the connection closed.
package struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to answer with: 400, 413, 414, 431, 501 or 505.
    package let status: Int
    /// What was wrong, for the JSON error body.
    package let message: String

    package init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    package var description: String { "\(status): \(message)" }
}
