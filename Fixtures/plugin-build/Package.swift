// swift-tools-version: 6.0
// A fixture app that generates its task registry at build time with NitroBuildPlugin
// (no committed registry). Tests copy it and point the dependency at this checkout.
import PackageDescription

let package = Package(
    name: "plugin-build",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")],
            plugins: [.plugin(name: "NitroBuildPlugin", package: "nitro-tasks")]
        ),
    ]
)
