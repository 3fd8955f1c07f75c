import Foundation
import NitroBuild
import Testing

@testable import NitroCLI

/// Generated files are compared with the disk and written piece by piece as they are produced
/// (`FileContent`): the answer and the bytes on disk must be those of the whole content, whatever
/// the pieces, and a file that differs anywhere (first byte, last byte, one byte more or less)
/// is not "unchanged".
@Suite("Files compared and written in pieces")
struct PieceWiseFileTests {
    /// `bytes` as content handed over in pieces of `size` bytes.
    static func content(_ bytes: [UInt8], pieces size: Int) -> FileContent {
        FileContent { emit in
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                bytes[start..<end].withUnsafeBytes { emit($0) }
                start = end
            }
        }
    }

    @Test("hasContents is true exactly for the same bytes, across piece and read boundaries")
    func comparison() throws {
        let folder = try TemporaryDirectory("nitro-pieces")
        let path = folder.path + "/file"
        // Longer than the 64 KiB read buffer, and not a multiple of it or of the pieces.
        let bytes = (0..<150_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for size in [1, 7, 4_096, 65_536, 70_000, 200_000] {
            #expect(FileSystem.hasContents(path, Self.content(bytes, pieces: size)), "pieces of \(size)")
            var first = bytes
            first[0] ^= 1
            var last = bytes
            last[last.count - 1] ^= 1
            var middle = bytes
            middle[65_536] ^= 0x80
            for (different, what) in [
                (first, "first byte"), (last, "last byte"), (middle, "byte 65,536"), (Array(bytes.dropLast()), "one byte less"),
                (bytes + [0], "one byte more"), ([], "empty"),
            ] {
                #expect(!FileSystem.hasContents(path, Self.content(different, pieces: size)), "\(what), pieces of \(size)")
            }
        }
        #expect(!FileSystem.hasContents(folder.path + "/missing", Self.content(bytes, pieces: 10)))
        #expect(!FileSystem.hasContents(folder.path, Self.content([], pieces: 10)), "a folder is not a file")
    }

    @Test("writeAtomically writes every piece, in order")
    func writing() throws {
        let folder = try TemporaryDirectory("nitro-pieces")
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for size in [1, 1_000, 65_536, 100_000] {
            let path = folder.path + "/out-\(size)"
            try FileSystem.writeAtomically(Self.content(bytes, pieces: size), to: path, confinedTo: FileSystem.realPath(folder.path)!)
            #expect(FileSystem.read(path) == bytes, "pieces of \(size)")
        }
    }
}
