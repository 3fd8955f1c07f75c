/// `cloudflare.container`: run the Swift app as a Cloudflare Container behind a Worker that
/// `nitro build` writes (`cloudflare_module` / `cloudflare_durable`). Every key is optional;
/// `container: true` takes all the defaults. The names follow wrangler's `containers` entries
/// and `@cloudflare/containers`' `Container` class (Docs/Presets.md cites both).
package struct CloudflareContainerConfig: Sendable {
    /// Where `cloudflare.container` is written.
    package var location: SourceLocation
    /// `image`: a Dockerfile path (root-relative) or a registry image; default `./Dockerfile`.
    package var image: Located<String>?
    /// `port`: the port the app listens on in the container (the Worker's `defaultPort`); default 8080.
    package var port: Located<Int>?
    /// `className`: the Durable Object class the container belongs to; default `NitroApp`.
    package var className: Located<String>?
    /// `binding`: the Worker's Durable Object binding name; default `NITRO_CONTAINER`.
    package var binding: Located<String>?
    /// `maxInstances`: wrangler's `max_instances`; default 1 (more: requests go to a random one).
    package var maxInstances: Located<Int>?
    /// `instanceType`: wrangler's `instance_type` (a named type); unset leaves wrangler's default.
    package var instanceType: Located<String>?
    /// `sleepAfter`: the `Container` class's idle time before the container sleeps; default `10m`.
    package var sleepAfter: Located<String>?
    /// `secretBinding`: the Worker secret shared with the container; default `NITRO_SCHEDULED_SECRET`.
    package var secretBinding: Located<String>?

    package init(location: SourceLocation) {
        self.location = location
    }

    package static let keys: Set<String> = [
        "image", "port", "className", "binding", "maxInstances", "instanceType", "sleepAfter", "secretBinding",
    ]
    /// wrangler's named instance types (workers-utils `ContainerApp.instance_type`).
    package static let instanceTypes = ["lite", "basic", "standard-1", "standard-2", "standard-3", "standard-4", "dev", "standard"]

    package var imageValue: String { image?.value ?? "./Dockerfile" }
    package var portValue: Int { port?.value ?? 8080 }
    package var classNameValue: String { className?.value ?? "NitroApp" }
    package var bindingValue: String { binding?.value ?? "NITRO_CONTAINER" }
    package var maxInstancesValue: Int { maxInstances?.value ?? 1 }
    package var sleepAfterValue: String { sleepAfter?.value ?? "10m" }
    package var secretBindingValue: String { secretBinding?.value ?? "NITRO_SCHEDULED_SECRET" }
}
