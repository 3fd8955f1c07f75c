// swift-tools-version: 6.0
// A fixture app whose generated registry must compile: tricky names, literals and handlers, under
// the upcoming rules strict projects enable (the registry must spell `any` and import what it uses).
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "edge",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .target(
            name: "VendorTasks", dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")], swiftSettings: strict),
        .executableTarget(
            name: "App",
            dependencies: ["VendorTasks", .product(name: "NitroTasks", package: "nitro-tasks")],
            swiftSettings: strict
        ),
    ]
)
