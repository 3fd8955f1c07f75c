/// `nitro cron`: Explain a cron expression: its next instants, per platform.
enum CronCommand: Command {
    static let name = "cron"
    static let summary = "Explain a cron expression: its next instants, per platform"
    static let usage = "nitro cron"
    static let details = ""

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try arguments.finish()
        context.console.err("error: 'nitro cron' is not implemented yet")
        return ExitCode.failure
    }
}
