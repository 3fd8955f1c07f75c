import Foundation
import NitroCLI
import Testing

/// `build`, `cron` and `schedule` run on the thread that calls `nitro` (no hop onto a thread of
/// the concurrency runtime, which costs a short `nitro build --check` about 2 ms); `dev` and
/// `task` are left to the async entry point, having printed nothing.
@Suite("Commands that run on the calling thread")
struct CommandThreadTests {
    @Test("synchronous commands finish in mainSynchronously; dev and task are left to main")
    func routing() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(NitroCLI.mainSynchronously(["cron", "0 9 * * *", "--next", "0"], currentDirectory: folder) == 64)
        #expect(NitroCLI.mainSynchronously(["build", "--root", folder + "/nitro-no-such-folder"], currentDirectory: folder) == 64)
        #expect(NitroCLI.mainSynchronously(["schedule", "--next", "0"], currentDirectory: folder) == 64)
        #expect(NitroCLI.mainSynchronously(["task", "list"], currentDirectory: folder) == nil)
        #expect(NitroCLI.mainSynchronously(["dev"], currentDirectory: folder) == nil)
        #expect(NitroCLI.mainSynchronously(["no-such-command"], currentDirectory: folder) == 64)
    }
}
