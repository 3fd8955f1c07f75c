// swift-tools-version: 6.0
// A fixture app that calls its tasks by the `TaskName` constants of the generated registry
// (names that are Swift keywords, start with a digit, or collide), and passes plain values
// in payloads and results.
import PackageDescription

let package = Package(
    name: "typed-names",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .executableTarget(name: "App", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")]),
    ]
)
