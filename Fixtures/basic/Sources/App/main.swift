// The app's entry point (Docs/Runtime.md#the-app-entry-point):
//   App [serve]                      production: run the schedules until SIGTERM
//   App run NAME [--payload JSON]    run one task and print its result as JSON
//   App list [--json]                the tasks and the schedules
//   App dev                          development mode (`nitro dev` starts the app with NITRO_DEV=1)
// Set NITRO_SCHEDULER=off to keep the schedules from running (tests do).
//
// Development mode and its HTTP server come with the NitroDev trait, which `nitro dev` enables;
// a plain `swift build` (and any release build) links neither. The NitroCloudflare trait builds the
// app for a Cloudflare Container: `serve` also answers the generated Worker's scheduled route on PORT.
#if NitroDev
    import NitroTasksAppDev
    await NitroTasksAppDev.main(registry: .generated)
#elseif NitroCloudflare
    import NitroTasksAppCloudflare
    await NitroTasksAppCloudflare.main(registry: .generated)
#else
    import NitroTasksApp
    await NitroTasksApp.main(registry: .generated)
#endif
