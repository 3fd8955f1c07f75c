// swift-tools-version: 6.0
// A fixture app whose task symbols are named like members of `TaskRegistry` (and whose handler
// module is named like its nested type `Schedule`): the generated registry must still compile.
import PackageDescription

let package = Package(
    name: "member-names",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .target(name: "Schedule", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")]),
        .executableTarget(
            name: "App",
            dependencies: ["Schedule", .product(name: "NitroTasks", package: "nitro-tasks")]
        ),
    ]
)
