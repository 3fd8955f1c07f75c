import Foundation
import Testing

@testable import NitroCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `FileSystem.writeAtomically(_:to:confinedTo:)`, the last line of defence behind the path
/// checks of `nitro build`: it resolves the target again and walks to it from the root with
/// `openat(O_NOFOLLOW)`, so a link that leads outside makes it fail, and nothing is created there
/// (not even the temporary file).
@Suite("Confined atomic writes")
struct ConfinedWriteTests {
    struct Place {
        let folder: TemporaryDirectory
        var root: String { folder.path + "/project" }
        var outside: String { folder.path + "/outside" }

        init() throws {
            folder = try TemporaryDirectory("nitro-confined")
            try FileManager.default.createDirectory(atPath: folder.path + "/project", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder.path + "/outside", withIntermediateDirectories: true)
        }
    }

    @Test("writes inside the root, making the missing folders, through links that stay inside")
    func inside() async throws {
        let place = try Place()
        try FileManager.default.createDirectory(atPath: place.root + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: place.root + "/link", withDestinationPath: "real")
        try FileSystem.writeAtomically(Array("one\n".utf8), to: place.root + "/a/b/c.txt", confinedTo: place.root)
        try FileSystem.writeAtomically(Array("two\n".utf8), to: place.root + "/link/d/e.txt", confinedTo: place.root)
        #expect(place.folder.read("project/a/b/c.txt") == "one\n")
        #expect(place.folder.read("project/real/d/e.txt") == "two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.root + "/a/b") == ["c.txt"])
    }

    @Test("a folder or a dangling link leading outside: an error, nothing created outside")
    func outside() async throws {
        let place = try Place()
        try FileManager.default.createSymbolicLink(atPath: place.root + "/out", withDestinationPath: place.outside)
        try FileManager.default.createSymbolicLink(atPath: place.root + "/gone", withDestinationPath: place.outside + "/new")
        let before = TreeSnapshot(place.outside)
        for target in [place.root + "/out/x.txt", place.root + "/out/deeper/x.txt", place.root + "/gone/x.txt"] {
            #expect(throws: FileSystemError.self) {
                try FileSystem.writeAtomically(Array("no\n".utf8), to: target, confinedTo: place.root)
            }
        }
        #expect(TreeSnapshot(place.outside) == before)
    }

    @Test("paths are compared as bytes: a root with non-ASCII names, and a canonically equivalent sibling outside")
    func bytesNotCharacters() async throws {
        let folder = try TemporaryDirectory("nitro-confined")
        let root = folder.path + "/ü n/caf\u{E9}"  // é composed
        let sibling = folder.path + "/ü n/cafe\u{301}"  // e + combining acute: another folder on disk
        for path in [root, sibling] { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/ü n").map { Array($0.utf8) }).count == 2)
        try FileSystem.writeAtomically(Array("in\n".utf8), to: root + "/日本 語/x.txt", confinedTo: root)
        #expect(FileManager.default.contents(atPath: root + "/日本 語/x.txt") == Data("in\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: root + "/twin", withDestinationPath: sibling)
        let project = ProjectRoot(root)
        #expect(project.escape("twin/y.txt") == sibling + "/y.txt")
        #expect(project.escape("日本 語/x.txt") == nil)
        #expect(throws: FileSystemError.self) {
            try FileSystem.writeAtomically(Array("no\n".utf8), to: root + "/twin/y.txt", confinedTo: root)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: sibling).isEmpty)
    }

    @Test("a link planted at the temporary file's name is replaced, not followed")
    func plantedTemporary() async throws {
        let place = try Place()
        try FileManager.default.createDirectory(atPath: place.root + "/gen", withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: place.outside + "/victim"))
        try FileManager.default.createSymbolicLink(
            atPath: place.root + "/gen/.out.txt.nitro-\(getpid()).tmp", withDestinationPath: place.outside + "/victim")
        for confined in [true, false] {
            if confined {
                try FileSystem.writeAtomically(Array("new\n".utf8), to: place.root + "/gen/out.txt", confinedTo: place.root)
            } else {
                try FileManager.default.createSymbolicLink(
                    atPath: place.root + "/gen/.out.txt.nitro-\(getpid()).tmp", withDestinationPath: place.outside + "/victim")
                try FileSystem.writeAtomically(Array("new\n".utf8), to: place.root + "/gen/out.txt")
            }
            #expect(place.folder.read("outside/victim") == "keep\n")
            #expect(place.folder.read("project/gen/out.txt") == "new\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: place.root + "/gen") == ["out.txt"])
        }
    }
}
