import NitroSync

/// The progress line while a large tree of task files is read (`nitro build: reading task
/// files… 4200`): nothing during the first quarter second, so small projects never show it, then
/// at most ten updates a second; erased by ``finish()``. Shown only where the console shows
/// progress (a terminal, not CI).
package final class ScanProgress: Sendable {
    let console: Console
    /// How long a scan runs before the line appears.
    let delay: Duration
    private let started = ContinuousClock.now
    private let state = Locked<(files: Int, shownAt: ContinuousClock.Instant?)>((0, nil))

    package init(console: Console, delay: Duration = .milliseconds(250)) {
        self.console = console
        self.delay = delay
    }

    /// One more file read.
    package func file() {
        let now = ContinuousClock.now
        let files: Int? = state.withLock { state in
            state.files += 1
            guard now - started >= delay else { return nil }
            if let shownAt = state.shownAt, now - shownAt < .milliseconds(100) { return nil }
            state.shownAt = now
            return state.files
        }
        if let files { console.progress("nitro build: reading task files… \(files)") }
    }

    /// Erases the progress line.
    package func finish() {
        console.endProgress()
    }
}
