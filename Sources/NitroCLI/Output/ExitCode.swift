/// The tool's exit codes, as swift-argument-parser tools use them.
package enum ExitCode {
    /// Success; warnings allowed.
    package static let success: Int32 = 0
    /// Errors, drift under `--check`, or a failed task.
    package static let failure: Int32 = 1
    /// Bad usage (sysexits' EX_USAGE).
    package static let usage: Int32 = 64
}
