/// One file of the project as the edge read it: root-relative path with `/` separators, raw bytes.
package struct SourceFile: Sendable, Hashable {
    package var path: String
    package var bytes: [UInt8]

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    package init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The text, with invalid UTF-8 repaired (diagnostics only; the readers work on bytes).
    package var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Turns byte offsets into 1-based line and column numbers (columns in UTF-8 bytes).
package struct LineIndex: Sendable {
    private let lineStarts: [Int]

    package init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 0x0A { starts.append(index + 1) }
        }
        lineStarts = starts
    }

    /// The line and column of `offset`.
    package func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    package func location(of offset: Int, in path: String) -> SourceLocation {
        let (line, column) = position(of: offset)
        return SourceLocation(path: path, line: line, column: column)
    }
}

/// Line and column of a few offsets of a file, counted on demand: for a file asked about once or
/// twice near its top (a task file's declaration), cheaper than a ``LineIndex`` of every line.
/// Offsets asked in increasing order cost one pass in all.
package struct LineCursor {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The line and column of `target` (as ``LineIndex/position(of:)``).
    package mutating func position(of target: Int) -> (line: Int, column: Int) {
        if target < offset { (offset, line, lineStart) = (0, 1, 0) }
        let end = min(target, bytes.count)
        bytes.withUnsafeBufferPointer { buffer in
            while offset < end {
                if buffer[offset] == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                offset += 1
            }
        }
        return (line, target - lineStart + 1)
    }

    package mutating func location(of target: Int, in path: String) -> SourceLocation {
        let (line, column) = position(of: target)
        return SourceLocation(path: path, line: line, column: column)
    }
}
