// swift-tools-version: 6.1
// The example app of the README: a small server with a few tasks and two schedules.
import PackageDescription

let package = Package(
    name: "basic",
    platforms: [.macOS(.v15)],
    // `nitro dev` builds with this trait (`swift build --traits default,NitroDev`): development mode
    // and its HTTP server are linked into that build only, never into `swift build -c release`.
    traits: [
        .trait(name: "NitroDev", description: "Development mode: the /_nitro/tasks server that `nitro dev` starts"),
        // `swift build -c release --traits NitroCloudflare`: the app in a Cloudflare Container, answering the
        // Worker that `nitro build --preset cloudflare_module` writes with `cloudflare.container` (Docs/Presets.md).
        .trait(name: "NitroCloudflare", description: "serve also answers the generated Cloudflare Worker's scheduled route"),
    ],
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
                .product(name: "NitroTasksAppDev", package: "nitro-tasks", condition: .when(traits: ["NitroDev"])),
                .product(name: "NitroTasksAppCloudflare", package: "nitro-tasks", condition: .when(traits: ["NitroCloudflare"])),
            ]
        ),
    ]
)
