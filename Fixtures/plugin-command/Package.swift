// swift-tools-version: 6.0
// A fixture app with a committed registry, kept current with the command plugins:
//   swift package --allow-writing-to-package-directory nitro-build
//   swift package nitro-check
// Tests copy it and point the dependency at this checkout.
import PackageDescription

let package = Package(
    name: "plugin-command",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")]
        ),
    ]
)
