/// Writes ``JSONValue``s as byte-deterministic text.
///
/// Object keys are sorted by their Unicode scalar values (plain string order, independent of
/// locale); `/` is not escaped; integral numbers have no fraction; the pretty form indents with
/// two spaces, writes `"key": value`, and prints empty arrays and objects as `[]` and `{}`.
public enum JSONWriter {
    /// The value on one line, with no spaces: `{"a":1,"b":[true,null]}`.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: nil, level: 0)
        return output
    }

    /// The value over several lines, indented by two spaces, followed by one newline.
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: "  ", level: 0)
        output.append("\n")
        return output
    }

    /// Sorted keys in the writer's order (Unicode scalar order), for callers that emit objects.
    public static func sortedKeys<V>(_ members: [String: V]) -> [String] {
        members.keys.sorted(by: scalarOrder)
    }

    /// The writer's total order of strings: by Unicode scalar value, never by locale.
    public static func scalarOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    static func write(_ value: JSONValue, into output: inout String, indent: String?, level: Int) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .number(let number): output.append(formatNumber(number))
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output.append("[]")
                return
            }
            output.append("[")
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(",") }
                newline(into: &output, indent: indent, level: level + 1)
                write(element, into: &output, indent: indent, level: level + 1)
            }
            newline(into: &output, indent: indent, level: level)
            output.append("]")
        case .object(let members):
            if members.isEmpty {
                output.append("{}")
                return
            }
            output.append("{")
            for (offset, key) in sortedKeys(members).enumerated() {
                if offset > 0 { output.append(",") }
                newline(into: &output, indent: indent, level: level + 1)
                writeString(key, into: &output)
                output.append(indent == nil ? ":" : ": ")
                write(members[key]!, into: &output, indent: indent, level: level + 1)
            }
            newline(into: &output, indent: indent, level: level)
            output.append("}")
        }
    }

    static func newline(into output: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        output.append("\n")
        for _ in 0..<level { output.append(indent) }
    }

    /// A number exactly as JavaScript's `JSON.stringify` prints it (ECMAScript's Number::toString):
    /// the shortest digits that read back to the same value, written out in full from 1e-6 up to
    /// 1e21 (`100000000000000000000`, `0.000001`) and with an exponent outside (`1e+21`, `1.5e-7`);
    /// `-0` as `0`; infinities and NaN as `null`.
    public static func formatNumber(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), number.magnitude <= 0x1p53 {
            return String(Int64(number))  // the common case (and -0 as 0), with no text to take apart
        }
        // Swift's description has the same shortest round-trip digits, in another layout.
        let text = number.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1)
        var digits = Array(mantissa[0].utf8) + (mantissa.count == 2 ? Array(mantissa[1].utf8) : [])
        var n = mantissa[0].utf8.count + exponent  // value = 0.DIGITS × 10^n (ECMAScript's n)
        while digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            n -= 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count
        var result = number < 0 ? "-" : ""
        let digitText = String(decoding: digits, as: UTF8.self)
        if k <= n && n <= 21 {
            result += digitText + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            result += String(digitText.prefix(n)) + "." + String(digitText.dropFirst(n))
        } else if -6 < n && n <= 0 {
            result += "0." + String(repeating: "0", count: -n) + digitText
        } else {
            let power = n - 1
            result += String(digitText.prefix(1)) + (k > 1 ? "." + String(digitText.dropFirst()) : "")
            result += "e" + (power < 0 ? "-" : "+") + String(power.magnitude)
        }
        return result
    }

    /// A string literal with the escapes JSON requires and nothing more.
    public static func writeString(_ string: String, into output: inout String) {
        output.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{08}": output.append("\\b")
            case "\u{0C}": output.append("\\f")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
