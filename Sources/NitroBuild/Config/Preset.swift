/// A deployment target (Nitro's preset). It decides which files `nitro build` writes besides
/// the Swift registry and which cron dialect schedules are checked against.
package enum Preset: String, CaseIterable, Sendable, Hashable {
    case dev
    case nodeServer = "node_server"
    case nodeCluster = "node_cluster"
    case nodeMiddleware = "node_middleware"
    case bun
    case denoServer = "deno_server"
    case cloudflareModule = "cloudflare_module"
    case cloudflareDurable = "cloudflare_durable"
    case cloudflarePages = "cloudflare_pages"
    case vercel

    /// The preset when neither `--preset`, `NITRO_PRESET` nor the config names one (as Nitro's build).
    package static let `default` = Preset.nodeServer

    /// Reads a preset name; `-` and `_` are interchangeable and case does not matter
    /// (`node-server`, `node_server`, `Node_Server`).
    package init?(name: String) {
        let normalized = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        self.init(rawValue: normalized)
    }

    /// Every preset name, the closest to `name` first: for "unknown preset" messages.
    package static func namesClosest(to name: String) -> [String] {
        let normalized = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        return Suggestions.ranked(normalized, allCases.map(\.rawValue))
    }

    /// The message for an unknown preset name.
    package static func unknownMessage(_ name: String) -> String {
        "unknown preset `\(name)`; the known presets are, closest first: "
            + namesClosest(to: name).joined(separator: ", ") + " (`-` or `_` both work)"
    }

    /// Schedules run on the platform's own cron triggers rather than in-process.
    package var usesPlatformCron: Bool {
        switch self {
        case .cloudflareModule, .cloudflareDurable, .cloudflarePages, .vercel: true
        default: false
        }
    }
}
