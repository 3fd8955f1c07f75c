/// `nitro dev`: builds the app, runs it in development mode and rebuilds it when the sources change.
enum DevCommand: Command {
    static let name = "dev"
    static let summary = "Build, run and watch the app in development mode"
    static let usage = "nitro dev [--root DIR] [--product NAME] [--port N] [-- APP-ARGUMENTS…]"
    static let introduction = """
        Generates the registry exactly as `nitro build` does (the config's preset; platform files are not
        touched; nothing at all when a target applies NitroBuildPlugin, which generates it during the
        build), builds the app's executable with `swift build`, and starts it with NITRO_DEV=1 so that it
        serves its tasks (NitroTasksApp.main or DevServer.serve) on a loopback port. Its output and the
        build's are streamed here; progress lines start with "nitro dev:" on stderr.

        It then watches Package.swift, the config, Sources/ and tasks/ (polling modification times): on a
        change it regenerates, rebuilds and restarts the app, so a new task file is runnable without a
        manual restart. A failed build keeps the previous app running. Ctrl-C or SIGTERM stops the app
        cleanly (its info file .nitro/dev.json is removed); a second Ctrl-C stops at once.
        """
    static let options: [CommandOption] = [
        .value("--root", "DIR", "The project root: the Swift package with the config (default: the current folder)"),
        .value("--product", "NAME", "The executable product to run (default: the package's only executable)"),
        .value("--port", "N", "The port to serve on (default: a free port, kept across restarts)"),
    ]
    static let epilogue = """
        The app receives NITRO_DEV=1, NITRO_ROOT (the project root), NITRO_DEV_PORT and
        NITRO_DEV_PARENT_PID (it stops when nitro dev goes away), plus the arguments after `--`.

        EXAMPLES:
          nitro dev
          nitro dev --root Fixtures/basic --port 3000
          nitro task run db:migrate        (in a second terminal)
        """

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        let rootOption = try arguments.option("--root")
        let product = try arguments.option("--product")
        let port = try arguments.intOption("--port", in: 0...65535)
        var appArguments: [String] = []
        while let argument = try arguments.positional() { appArguments.append(argument) }
        try arguments.finish()
        if let rootOption, rootOption.isEmpty { throw UsageError("Missing value for '--root'") }
        let root = FileSystem.absolute(rootOption ?? ".", from: context.currentDirectory)
        guard FileSystem.isDirectory(root) else {
            throw UsageError("The folder '\(rootOption ?? root)' given to '--root' does not exist")
        }
        guard FileSystem.status(root + "/Package.swift")?.kind == .file else {
            throw UsageError("'\(root)' has no Package.swift; nitro dev runs a Swift package (use --root)")
        }
        let options = DevSession.Options(root: root, product: product, port: port, appArguments: appArguments)
        return await DevSession(options: options, console: context.console, environment: context.environment).run()
    }
}
