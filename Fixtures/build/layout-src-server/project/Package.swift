// swift-tools-version: 6.0
// Issue 14: `srcDir: 'src/server'` with a target at `path: "src/server"` that depends on a
// library at `path: "src/shared"`.
import PackageDescription

let package = Package(
    name: "layout-src-server",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .target(name: "Shared", path: "src/shared"),
        .executableTarget(
            name: "Server",
            dependencies: ["Shared", .product(name: "NitroTasks", package: "nitro-tasks")],
            path: "src/server"
        ),
    ]
)
