// swift-tools-version: 6.0
// A fixture app whose generated registry must compile: tricky names, literals and handlers.
import PackageDescription

let package = Package(
    name: "edge",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .target(name: "VendorTasks", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")]),
        .executableTarget(
            name: "App",
            dependencies: ["VendorTasks", .product(name: "NitroTasks", package: "nitro-tasks")]
        ),
    ]
)
