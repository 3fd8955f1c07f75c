// swift-tools-version: 6.0
// The example app of the README: a small server with a few tasks and two schedules.
import PackageDescription

let package = Package(
    name: "basic",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own app: .package(url: "https://github.com/<owner>/nitro-tasks", from: "0.1.0")
        .package(name: "nitro-tasks", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
                .product(name: "NitroTasks", package: "nitro-tasks"),
                .product(name: "NitroTasksApp", package: "nitro-tasks"),
            ]
        ),
    ]
)
