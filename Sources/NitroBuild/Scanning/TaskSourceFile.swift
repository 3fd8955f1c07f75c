import Dispatch
import Foundation

/// A `.swift` file under a task folder, reduced to what scanning needs as soon as it is read:
/// whether it is a generated file, and its inspection (its task declaration and diagnostics).
/// Its bytes are not kept, so a scan of 100,000 files holds no more than one file per thread.
///
/// The digest is also what the build model reads its scanned tasks from (``PlannedTasks``), so
/// it is kept small: its path, symbol, meta name and description are bytes in a ``TextArena``
/// shared with the files digested next to it, and the declaration's places are lines and
/// columns in this file, not more copies of its path.
package struct TaskSourceFile: Sendable {
    private let text: TextArena
    private let pathRange: TextRange
    /// The task declaration, its strings in `text` and its places in this file.
    private var declaration: CompactDeclaration?
    private var diagnostics: [Diagnostic]
    /// Whether it starts with the generated registry's header (then it is neither a task nor inspected).
    package var isGenerated: Bool

    /// Root-relative path.
    package var path: String { text.string(pathRange) }

    /// ``TaskFileInspector/inspect(_:)`` of the file (empty for a generated file).
    package var inspection: TaskFileInspection {
        TaskFileInspection(declaration: declaration?.expanded(text, in: path), diagnostics: diagnostics)
    }

    /// Whether the inspection found a task declaration (without making its strings).
    var hasDeclaration: Bool { declaration != nil }

    /// The inspection's diagnostics (without making the declaration's strings).
    var inspectionDiagnostics: [Diagnostic] { diagnostics }

    /// The declared symbol without backticks (``TaskDeclaration/plainSymbol``); nil without a declaration.
    var plainSymbol: String? {
        guard let declaration else { return nil }
        let symbol = text.string(declaration.symbol)
        return symbol.hasPrefix("`") ? String(symbol.dropFirst().dropLast()) : symbol
    }

    /// Whether this file's path is before `other`'s in plain UTF-8 byte order (``utf8Less(_:_:)``).
    func pathPrecedes(_ other: TaskSourceFile) -> Bool {
        text.precedes(pathRange, other.text, other.pathRange)
    }

    /// Digests `file`: checks its header and inspects it.
    package init(_ file: SourceFile) {
        let pending = Pending(file)
        var builder = TextArena.Builder()
        let ranges = pending.add(to: &builder)
        self.init(pending, ranges, builder.build())
    }

    /// A file inspected, before its strings go into an arena.
    private struct Pending {
        var path: String
        var isGenerated: Bool
        var inspection: TaskFileInspection

        init(_ file: SourceFile) {
            path = file.path
            isGenerated = GeneratedHeader.isGenerated(file.bytes)
            inspection = isGenerated ? TaskFileInspection(declaration: nil, diagnostics: []) : TaskFileInspector.inspect(file)
        }

        /// Puts the strings into `builder`: the path's range and the declaration's.
        func add(to builder: inout TextArena.Builder) -> (path: TextRange, declaration: CompactDeclaration?) {
            let path = builder.add(path)
            return (path, inspection.declaration.map { CompactDeclaration($0, in: self.path, into: &builder) })
        }
    }

    private init(_ pending: Pending, _ ranges: (path: TextRange, declaration: CompactDeclaration?), _ text: TextArena) {
        self.text = text
        pathRange = ranges.path
        declaration = ranges.declaration
        diagnostics = pending.inspection.diagnostics
        isGenerated = pending.isGenerated
    }

    /// The placeholder of a file that could not be read.
    private init(unread: ()) {
        text = .empty
        pathRange = TextRange(start: 0, count: 0)
        declaration = nil
        diagnostics = []
        isGenerated = true
    }

    /// A ``TaskDeclaration`` whose strings are in the digest's arena and whose places are in its own file.
    private struct CompactDeclaration: Sendable {
        /// A line and column (a file of more than 2^31 lines is not read).
        struct Place: Sendable {
            var line: Int32
            var column: Int32

            init(_ location: SourceLocation) {
                line = Int32(clamping: location.line)
                column = Int32(clamping: location.column)
            }

            func location(in path: String) -> SourceLocation {
                SourceLocation(path: path, line: Int(line), column: Int(column))
            }
        }

        var symbol: TextRange
        var metaName: TextRange?
        var description: TextRange?
        var place: Place
        var metaNamePlace: Place
        var descriptionPlace: Place

        init(_ declaration: TaskDeclaration, in path: String, into builder: inout TextArena.Builder) {
            assert(declaration.location.path == path, "a declaration's places are in its own file")
            symbol = builder.add(declaration.symbol)
            metaName = declaration.metaName.map { builder.add($0.value) }
            description = declaration.description.map { builder.add($0.value) }
            place = Place(declaration.location)
            metaNamePlace = Place(declaration.metaName?.location ?? declaration.location)
            descriptionPlace = Place(declaration.description?.location ?? declaration.location)
        }

        func expanded(_ text: TextArena, in path: String) -> TaskDeclaration {
            TaskDeclaration(
                symbol: text.string(symbol), location: place.location(in: path),
                metaName: metaName.map { Located(text.string($0), at: metaNamePlace.location(in: path)) },
                description: description.map { Located(text.string($0), at: descriptionPlace.location(in: path)) })
        }
    }

    /// Files digested into one arena: enough that the arena's bookkeeping is negligible, few
    /// enough that the inspections waiting for it are.
    static let arenaGroup = 256

    /// Reads and digests `count` files on every core, in order, leaving out those `read(index)`
    /// cannot read (`nil`); each file's bytes are released once digested, and the digests are
    /// written in place (no per-thread arrays to join, no second array).
    package static func digest(count: Int, read: @Sendable (Int) -> SourceFile?) -> [TaskSourceFile] {
        var files = [TaskSourceFile](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = SharedBuffer(buffer)
            // Below a few hundred files (about 15 µs each) starting worker threads costs more than it saves.
            if count < 512 {
                digest(0..<count, into: base, read: read)
            } else {
                let chunks = min(ProcessInfo.processInfo.activeProcessorCount * 4, count / 16)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    digest((count * chunk / chunks)..<(count * (chunk + 1) / chunks), into: base, read: read)
                }
            }
            initialized = count
        }
        // Files that could not be read (rare) leave a placeholder, removed in place.
        if files.contains(where: \.isUnread) { files.removeAll(where: \.isUnread) }
        return files
    }

    /// Digests the files at `indices` into `base`, a group of ``arenaGroup`` files at a time.
    private static func digest(_ indices: Range<Int>, into base: SharedBuffer, read: (Int) -> SourceFile?) {
        var start = indices.lowerBound
        var pending: [Pending?] = []
        pending.reserveCapacity(arenaGroup)
        while start < indices.upperBound {
            let group = start..<min(start + arenaGroup, indices.upperBound)
            pending.removeAll(keepingCapacity: true)
            for index in group { pending.append(read(index).map(Pending.init)) }
            var builder = TextArena.Builder()
            let ranges = pending.map { $0?.add(to: &builder) }
            let text = builder.build()
            for (offset, index) in group.enumerated() {
                let digest = pending[offset].map { TaskSourceFile($0, ranges[offset]!, text) } ?? TaskSourceFile(unread: ())
                (base.buffer.baseAddress! + index).initialize(to: digest)
            }
            start = group.upperBound
        }
    }

    private var isUnread: Bool { pathRange.count == 0 }

    /// The result buffer, written at distinct indices by each chunk.
    private struct SharedBuffer: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<TaskSourceFile>
        init(_ buffer: UnsafeMutableBufferPointer<TaskSourceFile>) { self.buffer = buffer }
    }
}
