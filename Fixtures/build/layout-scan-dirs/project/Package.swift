// swift-tools-version: 6.0
// Issue 14: `scanDirs: ['server']` with a target at `path: "server"`.
import PackageDescription

let package = Package(
    name: "layout-scan-dirs",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .executableTarget(
            name: "Api", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], path: "server"),
    ]
)
