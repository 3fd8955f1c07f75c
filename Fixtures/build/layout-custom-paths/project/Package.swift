// swift-tools-version: 6.0
// Issue 14: targets at custom `path:`s, tasks in `server/tasks` (srcDir: 'server'), a handler in
// another module (`Jobs`, at Libraries/Jobs).
import PackageDescription

let package = Package(
    name: "layout-custom-paths",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .target(
            name: "Jobs", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], path: "Libraries/Jobs"),
        .executableTarget(
            name: "Server",
            dependencies: ["Jobs", .product(name: "NitroTasks", package: "nitro-tasks")],
            path: "server",
            exclude: ["README.md"]
        ),
    ]
)
