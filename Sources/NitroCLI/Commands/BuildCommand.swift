/// `nitro build`: Scan tasks, merge the config and generate the registry and platform files.
enum BuildCommand: Command {
    static let name = "build"
    static let summary = "Scan tasks, merge the config and generate the registry and platform files"
    static let usage = "nitro build"
    static let details = ""

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try arguments.finish()
        context.console.err("error: 'nitro build' is not implemented yet")
        return ExitCode.failure
    }
}
