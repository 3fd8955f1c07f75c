// swift-tools-version: 6.0
import PackageDescription

/// NitroTasks for Swift: the `nitro` build tool and the `NitroTasks` runtime.
///
/// Modules, in dependency order (see Docs/Architecture.md):
/// - `NitroJSON`: the JSON value, reader and deterministic writer shared by everything.
/// - `NitroSync`: `Locked`, shared mutable state behind a mutex that ThreadSanitizer can follow.
/// - `NitroCron`: croner-compatible cron expressions and platform dialects (pure).
/// - `NitroTasks`: the runtime apps import (define, run and schedule tasks, platform entry points).
///   No HTTP server and no C code: a production binary that links only it cannot serve tasks.
/// - `NitroTasksRoutes`: the task routes (`GET /_nitro/tasks`, `GET|POST /_nitro/tasks/NAME`) as a
///   framework-neutral handler with the loopback and cross-site policy, for Vapor, Hummingbird…
/// - `NitroTasksDevServer`: the development HTTP server (`DevServer`) serving those routes.
/// - `NitroTasksApp`: the app entry point (`serve`, `run NAME`, `list`), with no HTTP server.
/// - `NitroTasksAppDev`: the entry point with development mode on `NitroTasksDevServer`.
/// - `NitroTasksAppCloudflare`: the entry point for a Cloudflare Container (the Worker's scheduled route).
/// - `NitroTasksRedis`: tick claims on Redis (its own small RESP client).
/// - `NitroBuild`: the pure core of the build tool (scan, config, merge, render).
/// - `NitroCLI`: the edges of the tool (arguments, file system, processes, HTTP client).
/// - `nitro`, `nitro-bench`: thin executables.
let package = Package(
    name: "nitro-tasks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nitro", targets: ["nitro"]),
        .library(name: "NitroTasks", targets: ["NitroTasks"]),
        // The task routes as a handler any server framework can mount (in development).
        .library(name: "NitroTasksRoutes", targets: ["NitroTasksRoutes"]),
        // The development HTTP server, kept out of `NitroTasks` so that production binaries need not link it.
        .library(name: "NitroTasksDevServer", targets: ["NitroTasksDevServer"]),
        // `NitroTasksApp.main(registry:)`: serve / run NAME / list, with no HTTP server.
        .library(name: "NitroTasksApp", targets: ["NitroTasksApp"]),
        // `NitroTasksAppDev.main(registry:)`: the same plus development mode on the built-in server;
        // linked in development builds only (an app's `NitroDev` trait, which `nitro dev` enables).
        .library(name: "NitroTasksAppDev", targets: ["NitroTasksAppDev"]),
        // `NitroTasksAppCloudflare.main(registry:)`: `serve` plus the route the generated Cloudflare Worker calls
        // (`POST /_nitro/cloudflare/scheduled`), for an app in a Cloudflare Container.
        .library(name: "NitroTasksAppCloudflare", targets: ["NitroTasksAppCloudflare"]),
        .library(name: "NitroCron", targets: ["NitroCron"]),
        // Tick claims on Redis, so that replicas on several machines run each tick once.
        .library(name: "NitroTasksRedis", targets: ["NitroTasksRedis"]),
        // SwiftPM plugins (Docs/Plugins.md): generate the registry at build time, or write / check it.
        .plugin(name: "NitroBuildPlugin", targets: ["NitroBuildPlugin"]),
        .plugin(name: "NitroGeneratePlugin", targets: ["NitroGeneratePlugin"]),
        .plugin(name: "NitroCheckPlugin", targets: ["NitroCheckPlugin"]),
    ],
    targets: [
        .target(name: "NitroJSON"),
        // `Locked`: shared state behind a POSIX mutex, which ThreadSanitizer can follow.
        .target(name: "NitroSync"),
        .target(name: "NitroCron", dependencies: ["NitroSync"]),
        .target(name: "NitroTasks", dependencies: ["NitroJSON", "NitroSync", "NitroCron"]),
        .target(name: "NitroTasksRoutes", dependencies: ["NitroJSON", "NitroSync", "NitroCron", "NitroTasks"]),
        // C facilities Glibc does not export (epoll, eventfd, line-buffered stdout), for the development server.
        .target(name: "CNitroDevServer"),
        .target(name: "NitroTasksDevServer", dependencies: ["NitroSync", "NitroTasks", "NitroTasksRoutes", "CNitroDevServer"]),
        .target(name: "NitroTasksApp", dependencies: ["NitroJSON", "NitroTasks", "NitroTasksRoutes"]),
        .target(name: "NitroTasksAppDev", dependencies: ["NitroTasks", "NitroTasksApp", "NitroTasksDevServer"]),
        .target(name: "NitroTasksAppCloudflare", dependencies: ["NitroTasks", "NitroTasksApp", "NitroTasksDevServer"]),
        // Spawning a process in its own group and folder (`nitro dev`): the CLI's only C code.
        .target(name: "CNitroSystem"),
        // A small RESP client of its own (no dependencies) and `RedisTickClaim`.
        .target(name: "NitroTasksRedis", dependencies: ["NitroTasks", "NitroSync"]),
        .target(name: "NitroBuild", dependencies: ["NitroJSON", "NitroSync", "NitroCron"]),
        .target(
            name: "NitroCLI",
            dependencies: [
                "NitroJSON", "NitroSync", "NitroCron", "NitroBuild", "NitroTasks", "NitroTasksRoutes", "NitroTasksDevServer",
                "CNitroSystem",
            ]),
        .executableTarget(name: "nitro", dependencies: ["NitroCLI"]),
        .plugin(
            name: "NitroBuildPlugin", capability: .buildTool(), dependencies: ["nitro"],
            path: "Sources/NitroBuildPlugin"),
        .plugin(
            name: "NitroGeneratePlugin",
            capability: .command(
                intent: .custom(verb: "nitro-build", description: "Generate the task registry and platform files"),
                permissions: [.writeToPackageDirectory(reason: "nitro build writes the generated registry and platform files")]
            ),
            dependencies: ["nitro"], path: "Sources/NitroGeneratePlugin"),
        .plugin(
            name: "NitroCheckPlugin",
            capability: .command(
                intent: .custom(verb: "nitro-check", description: "Check that the generated files are current")),
            dependencies: ["nitro"], path: "Sources/NitroCheckPlugin"),
        .executableTarget(
            name: "nitro-bench",
            dependencies: [
                "NitroJSON", "NitroSync", "NitroCron", "NitroTasks", "NitroTasksRoutes", "NitroTasksDevServer", "NitroTasksRedis",
                "NitroBuild", "NitroCLI", "CNitroSystem",
            ]
        ),
        // A helper app for the run-once-across-processes test of the scheduler.
        .executableTarget(
            name: "SchedulerClusterProbe", dependencies: ["NitroTasks", "NitroTasksRedis"],
            path: "Tests/SchedulerClusterProbe"),
        // What the test targets share: `Gate`, the bounded waits `waitUntil` and `eventually`, `offThread`,
        // `ProcessRunner`.
        .target(name: "NitroTestSupport", dependencies: ["NitroSync"], path: "Tests/NitroTestSupport"),
        .testTarget(name: "NitroJSONTests", dependencies: ["NitroJSON"]),
        .testTarget(name: "NitroCronTests", dependencies: ["NitroCron", "NitroSync"]),
        .testTarget(
            name: "NitroTasksTests",
            dependencies: [
                "NitroTasks", "NitroTasksRoutes", "NitroTasksDevServer", "NitroTasksApp", "NitroTasksAppDev",
                "NitroTasksAppCloudflare", "NitroSync", "NitroTestSupport",
            ]),
        .testTarget(
            name: "NitroTasksRedisTests", dependencies: ["NitroTasksRedis", "NitroTasks", "NitroSync", "NitroTestSupport"]),
        .testTarget(name: "NitroBuildTests", dependencies: ["NitroBuild", "NitroJSON", "NitroTasks", "NitroSync", "NitroTestSupport"]),
        .testTarget(
            name: "NitroCLITests",
            dependencies: ["NitroCLI", "NitroTasks", "NitroTasksRoutes", "NitroTasksDevServer", "NitroTestSupport"]),
    ]
)

// Swift's upcoming rules, as swift-openapi-generator enables them: every existential spelled `any`, and a
// module's members visible only in files that import it. (The C targets take no Swift settings.)
for target in package.targets where target.type != .plugin && !target.name.hasPrefix("CNitro") {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
