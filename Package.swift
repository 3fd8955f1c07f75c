// swift-tools-version: 6.0
import PackageDescription

/// NitroTasks for Swift: the `nitro` build tool and the `NitroTasks` runtime.
///
/// Modules, in dependency order (see Docs/Architecture.md):
/// - `NitroJSON`: the JSON value, reader and deterministic writer shared by everything.
/// - `NitroCron`: croner-compatible cron expressions and platform dialects (pure).
/// - `NitroTasks`: the runtime apps import (define, run, schedule and serve tasks).
/// - `NitroBuild`: the pure core of the build tool (scan, config, merge, render).
/// - `NitroCLI`: the edges of the tool (arguments, file system, processes, HTTP client).
/// - `nitro`, `nitro-bench`: thin executables.
let package = Package(
    name: "nitro-tasks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nitro", targets: ["nitro"]),
        .library(name: "NitroTasks", targets: ["NitroTasks"]),
        .library(name: "NitroCron", targets: ["NitroCron"]),
    ],
    targets: [
        .target(name: "NitroJSON"),
        .target(name: "NitroCron"),
        // C facilities Glibc does not export (epoll, eventfd), for the development server.
        .target(name: "CNitroSystem"),
        .target(name: "NitroTasks", dependencies: ["NitroJSON", "NitroCron", "CNitroSystem"]),
        .target(name: "NitroBuild", dependencies: ["NitroJSON", "NitroCron"]),
        .target(name: "NitroCLI", dependencies: ["NitroJSON", "NitroCron", "NitroBuild", "NitroTasks"]),
        .executableTarget(name: "nitro", dependencies: ["NitroCLI"]),
        .executableTarget(
            name: "nitro-bench",
            dependencies: ["NitroJSON", "NitroCron", "NitroTasks", "NitroBuild", "NitroCLI"]
        ),
        // A helper app for the run-once-across-processes test of the scheduler.
        .executableTarget(
            name: "SchedulerClusterProbe", dependencies: ["NitroTasks"], path: "Tests/SchedulerClusterProbe"),
        .testTarget(name: "NitroJSONTests", dependencies: ["NitroJSON"]),
        .testTarget(name: "NitroCronTests", dependencies: ["NitroCron"]),
        .testTarget(name: "NitroTasksTests", dependencies: ["NitroTasks"]),
        .testTarget(name: "NitroBuildTests", dependencies: ["NitroBuild"]),
        .testTarget(name: "NitroCLITests", dependencies: ["NitroCLI", "NitroTasks"]),
    ]
)
