// swift-tools-version: 6.0
// A Vapor app with NitroTasks: the scheduler runs with the app's lifecycle, the task routes are
// mounted in development, the Vercel cron route always (README.md, Docs/Frameworks.md).
import PackageDescription

let package = Package(
    name: "vapor-app",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own app: .package(url: "https://github.com/<owner>/nitro-tasks", from: "0.1.0")
        .package(name: "nitro-tasks", path: "../.."),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
                .product(name: "NitroTasks", package: "nitro-tasks"),
                .product(name: "NitroTasksRoutes", package: "nitro-tasks"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
    ]
)
