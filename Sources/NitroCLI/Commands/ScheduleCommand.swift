/// `nitro schedule`: Show every schedule, its tasks and its next instants.
enum ScheduleCommand: Command {
    static let name = "schedule"
    static let summary = "Show every schedule, its tasks and its next instants"
    static let usage = "nitro schedule"
    static let details = ""

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try arguments.finish()
        context.console.err("error: 'nitro schedule' is not implemented yet")
        return ExitCode.failure
    }
}
