/// `nitro dev`: Build, run and watch the app in development mode.
enum DevCommand: Command {
    static let name = "dev"
    static let summary = "Build, run and watch the app in development mode"
    static let usage = "nitro dev"
    static let details = ""

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try arguments.finish()
        context.console.err("error: 'nitro dev' is not implemented yet")
        return ExitCode.failure
    }
}
