// swift-tools-version: 6.0
// Issue 14: a manifest that computes its targets (nitro build cannot read it statically and
// falls back to the folder holding tasks/), with Nitro v3's `serverDir`.
import PackageDescription

let servers = [("Server", "server")]

let package = Package(
    name: "layout-computed-manifest",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: servers.map { name, path in
        .executableTarget(
            name: name, dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], path: path)
    }
)
