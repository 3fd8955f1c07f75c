import NitroJSON

/// `vercel.origin`: the Swift app runs elsewhere (a server, a container), and the Vercel
/// deployment only holds the cron jobs. Vercel calls each cron job's `path` on the deployment;
/// a route of the Build Output API's `config.json` (`{"src": "^/_vercel/cron$", "dest":
/// "https://app.example.com/_vercel/cron"}`, a full URL as `dest`: an external rewrite) passes
/// that request on to the app, which answers it with `VercelCronHandler`.
///
/// Our route comes first in `routes`, so that no catch-all route of another tool takes the
/// request; the other routes stay, in their order. A route whose `src` is the cron route's (the
/// current or the default one) is ours and is rebuilt every build, so removing `vercel.origin`
/// removes it.
package enum VercelOriginRoute {
    /// Vercel's limit for a route's `src` and `dest` (routing-utils `routesSchema`).
    package static let maxLength = 4096

    /// The route's `src`: the path as an anchored PCRE pattern, its metacharacters escaped.
    package static func source(for path: String) -> String {
        var pattern = "^"
        for character in path {
            if "\\.^$|?*+()[]{}".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "$"
    }

    /// `routes` with our route for `origin` (or without any, when `origin` is `nil`), or why the
    /// existing `routes` cannot be read. `nil` routes: leave the key out.
    package static func routes(origin: String?, route: String, existing: JSONValue?) -> (routes: JSONValue?, problem: String?) {
        var items: [JSONValue] = []
        if let existing {
            guard case .array(let array) = existing else {
                return (nil, "`routes` must be an array of routes; fix or delete this file")
            }
            items = array
        }
        let own = Set([source(for: route), source(for: VercelConfigOutput.defaultRoute)])
        items.removeAll { item in
            item["src"]?.stringValue.map(own.contains) == true && item["dest"]?.stringValue?.hasPrefix("https://") == true
        }
        if let origin {
            items.insert(["src": .string(source(for: route)), "dest": .string(origin + route)], at: 0)
        }
        if existing == nil && items.isEmpty { return (nil, nil) }
        return (.array(items), nil)
    }
}
