// swift-tools-version: 6.0
// Issue 14: Nitro's default `./tasks` at the root, in a target whose folder is the package root.
import PackageDescription

let package = Package(
    name: "layout-root-tasks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")],
            path: ".",
            sources: ["main.swift", "tasks", "NitroTasks.generated.swift"]
        ),
    ]
)
