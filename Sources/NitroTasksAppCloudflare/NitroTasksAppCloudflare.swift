import Foundation
import NitroTasks
import NitroTasksApp
import NitroTasksDevServer

/// ``NitroTasksApp/NitroTasksApp`` for an app that runs in a Cloudflare Container behind the
/// Worker `nitro build --preset cloudflare_module` writes (`cloudflare.container`): `serve`
/// also serves ``NitroTasks/CloudflareScheduledRoute`` (`POST /_nitro/cloudflare/scheduled`) on
/// `PORT` (default 8080), which the Worker calls when a Cron Trigger fires.
///
/// ```swift
/// import NitroTasksAppCloudflare
///
/// await NitroTasksAppCloudflare.main(registry: .generated)
/// ```
///
/// The generated Worker starts the container with `NITRO_SCHEDULER=off` (Cloudflare's Cron
/// Triggers run the schedules, not the in-process scheduler) and the shared secret
/// `NITRO_SCHEDULED_SECRET`.
public enum NitroTasksAppCloudflare {
    /// ``NitroTasksApp/NitroTasksApp/main(registry:arguments:environment:developmentServer:server:)``
    /// with ``NitroTasksApp/AppServer/cloudflareContainer``.
    public static func main(
        registry: TaskRegistry, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
        await NitroTasksApp.main(registry: registry, arguments: arguments, environment: environment, server: .cloudflareContainer)
    }
}

extension AppServer {
    /// The Cloudflare Container server (`DevServer.serveCloudflareContainer(runner:environment:)`):
    /// the scheduled route on `PORT` (default 8080) and `HOST` (default `0.0.0.0`).
    public static let cloudflareContainer = AppServer { runner, environment in
        try await DevServer.serveCloudflareContainer(runner: runner, environment: environment)
    }
}
