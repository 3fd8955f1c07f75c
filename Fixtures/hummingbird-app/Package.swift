// swift-tools-version: 6.0
// A Hummingbird 2 app with NitroTasks: the scheduler is a Service of the app's ServiceGroup, the
// task routes are mounted in development (`nitro dev`), the Vercel cron route always
// (README.md, Docs/Frameworks.md).
import PackageDescription

let package = Package(
    name: "hummingbird-app",
    platforms: [.macOS(.v15)],
    dependencies: [
        // In your own app: .package(url: "https://github.com/<owner>/nitro-tasks", from: "0.1.0")
        .package(name: "nitro-tasks", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
                .product(name: "NitroTasks", package: "nitro-tasks"),
                .product(name: "NitroTasksRoutes", package: "nitro-tasks"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
