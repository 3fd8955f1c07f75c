/// `nitro task`: List or run the tasks of the running development server.
enum TaskCommand: Command {
    static let name = "task"
    static let summary = "List or run the tasks of the running development server"
    static let usage = "nitro task"
    static let details = ""

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try arguments.finish()
        context.console.err("error: 'nitro task' is not implemented yet")
        return ExitCode.failure
    }
}
