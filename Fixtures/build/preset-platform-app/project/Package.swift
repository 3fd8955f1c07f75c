// swift-tools-version: 6.0
// A fixture app for the platform entry points: `nitro build --preset cloudflare_module|vercel`,
// then the app answers as the Worker's `scheduled` handler or as the Vercel cron route would.
import PackageDescription

let package = Package(
    name: "platforms",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "nitro-tasks", path: "../../../.."),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")]
        ),
    ]
)
