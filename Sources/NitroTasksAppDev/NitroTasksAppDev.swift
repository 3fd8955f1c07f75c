import Foundation
import NitroTasks
import NitroTasksApp
import NitroTasksDevServer

/// ``NitroTasksApp/NitroTasksApp`` with development mode: the same commands, and `dev` (or
/// `NITRO_DEV=1`, set by `nitro dev`) serves the task routes on the built-in development server
/// (`DevServer`) next to the schedules.
///
/// Link this product in development builds only, so that a production binary contains no
/// task-running HTTP endpoint. With the `NitroDev` trait of the app's package, which `nitro dev`
/// enables when the package declares it (`swift build --traits default,NitroDev`):
///
/// ```swift
/// #if NitroDev
///     import NitroTasksAppDev
///     await NitroTasksAppDev.main(registry: .generated)
/// #else
///     import NitroTasksApp
///     await NitroTasksApp.main(registry: .generated)
/// #endif
/// ```
public enum NitroTasksAppDev {
    /// ``NitroTasksApp/NitroTasksApp/main(registry:arguments:environment:developmentServer:server:)`` with
    /// ``NitroTasksApp/DevelopmentServer/builtIn``.
    public static func main(
        registry: TaskRegistry, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
        await NitroTasksApp.main(
            registry: registry, arguments: arguments, environment: environment, developmentServer: .builtIn)
    }
}

extension DevelopmentServer {
    /// The built-in development server (`DevServer.serve(runner:environment:)`): `/_nitro/tasks`
    /// on a loopback port, the info file `.nitro/dev.json`, stopping when `nitro dev` goes away.
    ///
    /// It serves only in debug builds: in a release build it fails at once, so that a binary that
    /// links this product by mistake still never serves tasks over HTTP.
    public static let builtIn = DevelopmentServer { runner, environment in
        #if DEBUG
            try await DevServer.serve(runner: runner, environment: environment)
        #else
            throw ReleaseBuild()
        #endif
    }

    /// The error of ``builtIn`` in a release build.
    struct ReleaseBuild: Error, CustomStringConvertible {
        var description: String {
            "the development server is only compiled into debug builds; this is a release build, which does not "
                + "serve tasks over HTTP. Use `serve`, or `swift build` (debug) for development."
        }
    }
}
