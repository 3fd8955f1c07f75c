/// The bytes of a file the build generates, produced on demand in pieces: a registry of 100,000
/// tasks (22 MB) is compared with the disk and written a piece at a time, never held whole
/// (``RegistryRenderer/render(_:into:)``); small files are one piece.
package struct FileContent: Sendable {
    /// Calls `emit` with each piece, in order; the pieces joined are the file.
    private let produce: @Sendable (_ emit: (UnsafeRawBufferPointer) -> Void) -> Void

    /// Content produced by `produce`, which must give the same pieces on every call.
    package init(producing produce: @escaping @Sendable (_ emit: (UnsafeRawBufferPointer) -> Void) -> Void) {
        self.produce = produce
    }

    /// Content that is these bytes.
    package init(_ bytes: [UInt8]) {
        produce = { emit in bytes.withUnsafeBytes { emit($0) } }
    }

    /// Calls `body` with each piece, in order.
    package func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
        produce(body)
    }

    /// All of it in one array (for diffs, dry runs and tests; writing and comparing go piece by piece).
    package var bytes: [UInt8] {
        var bytes: [UInt8] = []
        produce { bytes.append(contentsOf: $0) }
        return bytes
    }
}
