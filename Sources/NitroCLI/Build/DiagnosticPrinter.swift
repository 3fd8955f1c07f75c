import NitroBuild

/// Prints diagnostics on stderr as `path:line:column: error: message` (paths relative to the
/// root), with the severity coloured when the console allows it. The one place diagnostics are
/// rendered: the place and the message are escaped (``PrintableText``), so that a file name
/// cannot break the line or forge another diagnostic.
struct DiagnosticPrinter {
    let console: Console

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { console.err(line(diagnostic)) }
    }

    func line(_ diagnostic: Diagnostic) -> String {
        let severity: String
        switch diagnostic.severity {
        case .error: severity = console.style("error:", "1;31")
        case .warning: severity = console.style("warning:", "1;33")
        }
        let message = PrintableText.escape(diagnostic.message)
        guard let location = diagnostic.location else { return "\(severity) \(message)" }
        return "\(console.style("\(PrintableText.escape(location.description)):", "1")) \(severity) \(message)"
    }

    /// `2 errors, 1 warning`.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter(\.isError).count
        let warnings = diagnostics.count - errors
        var parts: [String] = []
        if errors > 0 { parts.append(count(errors, "error")) }
        if warnings > 0 { parts.append(count(warnings, "warning")) }
        return parts.joined(separator: ", ")
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
