import Dispatch
import Foundation

/// A `.swift` file under a task folder, reduced to what scanning needs as soon as it is read:
/// whether it is a generated file, and its inspection (its task declaration and diagnostics).
/// Its bytes are not kept, so a scan of 100,000 files holds no more than one file per thread.
package struct TaskSourceFile: Sendable {
    /// Root-relative path.
    package var path: String
    /// Whether it starts with the generated registry's header (then it is neither a task nor inspected).
    package var isGenerated: Bool
    /// ``TaskFileInspector/inspect(_:)`` of the file (empty for a generated file).
    package var inspection: TaskFileInspection

    /// Digests `file`: checks its header and inspects it.
    package init(_ file: SourceFile) {
        path = file.path
        isGenerated = GeneratedHeader.isGenerated(file.bytes)
        inspection = isGenerated ? TaskFileInspection(declaration: nil, diagnostics: []) : TaskFileInspector.inspect(file)
    }

    /// Reads and digests `count` files on every core, in order, leaving out those `read(index)`
    /// cannot read (`nil`); each file's bytes are released once digested, and the digests are
    /// written in place (no per-thread arrays to join, no second array: at 100,000 files each
    /// copy is 20 MB).
    package static func digest(count: Int, read: @Sendable (Int) -> SourceFile?) -> [TaskSourceFile] {
        // Below a few hundred files (about 15 µs each) starting worker threads costs more than it saves.
        guard count >= 512 else { return (0..<count).compactMap { read($0).map(TaskSourceFile.init) } }
        let chunks = min(ProcessInfo.processInfo.activeProcessorCount * 4, count / 16)
        var files = [TaskSourceFile](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = SharedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    (base.buffer.baseAddress! + index).initialize(to: read(index).map(TaskSourceFile.init) ?? .unread)
                }
            }
            initialized = count
        }
        // Files that could not be read (rare) leave a placeholder, removed in place.
        if files.contains(where: \.isUnread) { files.removeAll(where: \.isUnread) }
        return files
    }

    /// The placeholder of a file that could not be read (its path is empty, which no file has).
    private static let unread = TaskSourceFile(path: "", isGenerated: true, inspection: TaskFileInspection(declaration: nil, diagnostics: []))
    private var isUnread: Bool { path.isEmpty }

    private init(path: String, isGenerated: Bool, inspection: TaskFileInspection) {
        self.path = path
        self.isGenerated = isGenerated
        self.inspection = inspection
    }

    /// The result buffer, written at distinct indices by each chunk.
    private struct SharedBuffer: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<TaskSourceFile>
        init(_ buffer: UnsafeMutableBufferPointer<TaskSourceFile>) { self.buffer = buffer }
    }
}
