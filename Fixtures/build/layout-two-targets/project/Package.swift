// swift-tools-version: 6.0
// Issue 14: two targets, each with its own tasks/ (scanDirs: ['server', 'worker']): one registry
// each, and one Vercel config for the schedules of both.
import PackageDescription

let package = Package(
    name: "layout-two-targets",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .executableTarget(
            name: "Server", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], path: "server"),
        .executableTarget(
            name: "Worker", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], path: "worker"),
    ]
)
