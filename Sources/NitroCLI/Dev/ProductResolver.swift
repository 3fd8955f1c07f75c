import NitroJSON

/// Which executable product of the app's package `nitro dev` builds and runs.
enum ProductResolver {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The executables of a `swift package dump-package` description: the declared executable
    /// products, else the executable targets (SwiftPM makes a product of each).
    static func executables(inPackageDescription json: JSONValue) -> [String] {
        let products = (json["products"]?.arrayValue ?? []).compactMap { product -> String? in
            guard product["type"]?["executable"] != nil else { return nil }
            return product["name"]?.stringValue
        }
        if !products.isEmpty { return products.sorted() }
        return (json["targets"]?.arrayValue ?? []).compactMap { target -> String? in
            target["type"]?.stringValue == "executable" ? target["name"]?.stringValue : nil
        }.sorted()
    }

    /// The product to run: `requested` when it is an executable, else the only executable.
    static func choose(_ requested: String?, among executables: [String]) throws(Failure) -> String {
        if let requested {
            guard executables.contains(requested) else {
                let known = executables.isEmpty ? "the package has none" : "they are \(executables.joined(separator: ", "))"
                throw Failure(description: "'\(requested)' is not an executable product of the package; \(known)")
            }
            return requested
        }
        switch executables.count {
        case 0: throw Failure(description: "the package has no executable product to run; add an executableTarget")
        case 1: return executables[0]
        default:
            throw Failure(
                description:
                    "the package has several executable products (\(executables.joined(separator: ", "))); choose one with --product")
        }
    }
}
