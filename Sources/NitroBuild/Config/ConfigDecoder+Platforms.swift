import Foundation

extension ConfigDecoder {
    /// `cloudflare.container`: `true` (the defaults) or an object of ``CloudflareContainerConfig/keys``.
    /// Its keys are this tool's own, so an unknown one is an error (a typo would deploy a
    /// different container than the one meant).
    mutating func cloudflareContainer(_ value: ConfigValue) -> CloudflareContainerConfig? {
        let keyPath = "cloudflare.container"
        if case .bool(true) = value.kind { return CloudflareContainerConfig(location: value.location) }
        if case .bool(false) = value.kind { return nil }
        if case .object = value.kind {
        } else {
            if case .undefined = value.kind { return nil }
            typeError(keyPath, "an object or true", value)
            return nil
        }
        var container = CloudflareContainerConfig(location: value.location)
        for member in object(value, keyPath) ?? [] {
            guard let key = member.key else { continue }
            let path = "\(keyPath).\(key)"
            switch key {
            case "image":
                container.image = nonEmpty(member.value, path)
            case "port":
                container.port = integer(member.value, path, in: 1...65535)
            case "maxInstances":
                container.maxInstances = integer(member.value, path, in: 1...100_000)
            case "className", "binding", "secretBinding":
                guard let name = string(member.value, path) else { continue }
                guard Self.isIdentifier(name.value) else {
                    diagnostics.append(
                        .error(
                            name.location,
                            "`\(path)` must be a JavaScript identifier (letters, digits, `_`, `$`, not starting with a digit), as the Worker uses it by name; found `\(name.value)`"
                        ))
                    continue
                }
                switch key {
                case "className": container.className = name
                case "binding": container.binding = name
                default: container.secretBinding = name
                }
            case "instanceType":
                guard let type = string(member.value, path) else { continue }
                guard CloudflareContainerConfig.instanceTypes.contains(type.value) else {
                    let names = CloudflareContainerConfig.instanceTypes.map { "`\($0)`" }.joined(separator: ", ")
                    diagnostics.append(
                        .error(type.location, "`\(path)` must be one of wrangler's instance types \(names); found `\(type.value)`"))
                    continue
                }
                container.instanceType = type
            case "sleepAfter":
                guard let time = string(member.value, path) else { continue }
                guard Self.isDuration(time.value) else {
                    diagnostics.append(
                        .error(
                            time.location,
                            "`\(path)` must be a number of seconds, minutes or hours such as `30s`, `10m` or `1h`; found `\(time.value)`"))
                    continue
                }
                container.sleepAfter = time
            default:
                var message = "unknown config key `\(path)`"
                if let near = Suggestions.closest(to: key, in: CloudflareContainerConfig.keys.sorted(by: utf8Less)) {
                    message += "; did you mean `\(keyPath).\(near)`?"
                } else {
                    message +=
                        "; the keys are " + CloudflareContainerConfig.keys.sorted(by: utf8Less).map { "`\($0)`" }.joined(separator: ", ")
                }
                diagnostics.append(.error(member.keyLocation, message))
            }
        }
        return container
    }

    /// `vercel.origin`: an `https://` URL with a host and no path, query or fragment.
    mutating func origin(_ value: ConfigValue) -> Located<String>? {
        guard let origin = string(value, "vercel.origin") else { return nil }
        let text = origin.value
        let rest = text.hasPrefix("https://") ? text.dropFirst("https://".count) : nil
        guard let rest, !rest.isEmpty, !rest.contains(where: { "/?#@ \\".contains($0) || $0.isWhitespace }) else {
            diagnostics.append(
                .error(
                    origin.location,
                    "`vercel.origin` must be the https URL where the app runs, such as `https://app.example.com` (no path); found `\(text)`"
                ))
            return nil
        }
        return origin
    }

    mutating func nonEmpty(_ value: ConfigValue, _ keyPath: String) -> Located<String>? {
        guard let text = string(value, keyPath) else { return nil }
        guard !text.value.isEmpty else {
            diagnostics.append(.error(text.location, "`\(keyPath)` must not be empty"))
            return nil
        }
        return text
    }

    /// An ASCII JavaScript identifier: letters, digits, `_` and `$`, not starting with a digit.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
        }
    }

    /// `@cloudflare/containers`' `sleepAfter` strings: a whole number and `s`, `m` or `h`.
    static func isDuration(_ text: String) -> Bool {
        guard let unit = text.last, "smh".contains(unit) else { return false }
        let digits = text.dropLast()
        return !digits.isEmpty && digits.count <= 6 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
