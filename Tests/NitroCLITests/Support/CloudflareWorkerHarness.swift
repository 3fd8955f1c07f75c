import Foundation

/// What runs the generated Cloudflare Worker module under Node.js in the tests, without
/// Cloudflare: the Worker (`.output/server/index.mjs`) is imported as it is; only the platform
/// around it is a stand-in.
///
/// - `@cloudflare/containers` is a package in the app's `node_modules` (where wrangler would find
///   the real one): `Container.fetch` forwards the request to the Swift app already listening on
///   `127.0.0.1:$NITRO_TEST_APP_PORT`; `getContainer(binding, name)` is
///   `binding.get(binding.idFromName(name))`, as in the real package.
/// - `harness.mjs` builds `env` (the Durable Object namespace, whose `get` constructs the Worker's
///   container class once per id, and the Worker secret from `$WORKER_SECRET` when set) and `ctx`
///   (`waitUntil` collects its promises), then calls `scheduled(controller, env, ctx)` or
///   `fetch(request, env, ctx)` and prints what happened, one fact a line.
enum CloudflareWorkerHarness {
    /// Writes the stand-in package and the harness into `root`.
    static func install(in root: String, className: String, binding: String, secretBinding: String) throws {
        let package = root + "/node_modules/@cloudflare/containers"
        try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
        try write(package + "/package.json", #"{"name": "@cloudflare/containers", "type": "module", "exports": "./index.js"}"#)
        try write(package + "/index.js", containersStandIn)
        try write(root + "/harness.mjs", harness(className: className, binding: binding, secretBinding: secretBinding))
    }

    /// Node.js 20 or later on `PATH` (or `/usr/bin/node`), or `nil`.
    static let node: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(folder)/node"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    private static func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static let containersStandIn = """
        // Test stand-in for @cloudflare/containers: the "container" is the Swift app on loopback.
        export class Container {
          constructor(ctx, env) {
            this.ctx = ctx;
            this.env = env;
          }

          async fetch(request) {
            const url = new URL(request.url);
            const target = `http://127.0.0.1:${process.env.NITRO_TEST_APP_PORT}${url.pathname}${url.search}`;
            const init = { method: request.method, headers: request.headers };
            if (request.method !== "GET" && request.method !== "HEAD") init.body = await request.arrayBuffer();
            return fetch(target, { ...init, signal: AbortSignal.timeout(20000) });
          }
        }

        export function getContainer(binding, name = "cf-singleton-container") {
          return binding.get(binding.idFromName(name));
        }

        """

    static func harness(className: String, binding: String, secretBinding: String) -> String {
        """
        // Runs the generated Worker: node harness.mjs scheduled CRON SCHEDULED_TIME | fetch PATH
        import * as worker from "./.output/server/index.mjs";

        const [mode, ...args] = process.argv.slice(2);
        const instances = new Map();
        const env = {
          \(binding): {
            idFromName: (name) => `id:${name}`,
            get: (id) => {
              if (!instances.has(id)) instances.set(id, new worker.\(className)({ id }, env));
              return instances.get(id);
            },
          },
        };
        if (process.env.WORKER_SECRET !== undefined) env.\(secretBinding) = process.env.WORKER_SECRET;
        const waits = [];
        const ctx = { waitUntil: (promise) => waits.push(promise) };

        if (mode === "scheduled") {
          try {
            await worker.default.scheduled({ cron: args[0], scheduledTime: Number(args[1]) }, env, ctx);
            console.log("scheduled: ok");
          } catch (error) {
            console.log(`scheduled: threw ${error.message}`);
          }
          console.log(`waitUntil: ${waits.length}`);
        } else if (mode === "fetch") {
          const response = await worker.default.fetch(new Request(`https://app.example.com${args[0]}`), env, ctx);
          console.log(`fetch: ${response.status} ${await response.text()}`);
        }
        for (const instance of instances.values()) {
          console.log(`container: defaultPort=${instance.defaultPort} sleepAfter=${instance.sleepAfter} envVars=${JSON.stringify(instance.envVars)}`);
        }

        """
    }
}
