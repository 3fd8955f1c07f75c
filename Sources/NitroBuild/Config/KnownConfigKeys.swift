/// The config keys `nitro build` knows. Keys it reads are typed in ``NitroConfig``; the other
/// Nitro keys are skipped silently (so a real Nitro config works unchanged); anything else gets
/// a warning naming the closest known key.
package enum KnownConfigKeys {
    /// Top-level keys this tool reads.
    package static let read: Set<String> = [
        "experimental", "tasks", "scheduledTasks", "preset", "srcDir", "serverDir", "scanDirs", "ignore", "output",
        "cloudflare", "vercel", "scheduler",
    ]

    /// Top-level keys of Nitro (v2 and v3) and c12 that this tool does not use.
    package static let skipped: Set<String> = [
        "alias", "analyze", "apiBaseURL", "apiDir", "appConfig", "appConfigFiles", "awsAmplify", "azure",
        "baseURL", "buildDir", "builder", "builderless", "bun", "commands", "commonJS", "compatibilityDate",
        "compressPublicAssets", "database", "debug", "deno", "dev", "devDatabase", "devErrorHandler",
        "devHandlers", "devProxy", "devServer", "devStorage", "entry", "errorHandler", "esbuild",
        "exportConditions", "extends", "externals", "features", "firebase", "framework", "future", "handlers",
        "hooks", "iis", "imports", "inlineDynamicImports", "legacyExternals", "logLevel", "logging", "manifest",
        "minify", "moduleSideEffects", "modules", "netlify", "node", "nodeModulesDirs", "noExternals",
        "noPublicDir", "oxc", "openAPI", "plugins", "prerender", "publicAssets", "renderer", "replace",
        "rolldownConfig", "rollupConfig", "rootDir", "routeRules", "routes", "routesDir", "runtimeConfig",
        "serveStatic", "serverAssets", "serverEntry", "sourceMap", "sourcemap", "ssrRoutes",
        "static", "storage", "stormkit", "timing", "traceDeps", "typescript", "unenv", "virtual", "wasm",
        "watchOptions", "workspaceDir", "zeabur", "name", "$development", "$production", "$test", "$env", "$meta",
    ]

    /// Keys of `experimental` in Nitro; only `tasks` is read.
    package static let experimental: Set<String> = [
        "tasks", "openAPI", "typescriptBundlerResolution", "asyncContext", "sourcemapMinify", "envExpansion",
        "websocket", "database", "tsconfigPaths", "legacyExternals", "wasm", "vite",
    ]

    package static let output: Set<String> = ["dir", "serverDir", "publicDir", "registry"]
    package static let task: Set<String> = ["handler", "description"]
    package static let scheduler: Set<String> = ["timezone", "enabled"]
    package static let vercelCron: Set<String> = ["path", "schedule"]

    /// c12 environment overrides: not read, so read keys inside them get a warning.
    package static let environmentOverrides: Set<String> = ["$development", "$production", "$test", "$env"]
}
