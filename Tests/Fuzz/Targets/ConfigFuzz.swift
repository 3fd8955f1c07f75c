// libFuzzer target: the config reader, `nitro.config.json` and the static subset of
// `nitro.config.ts`. Invariants:
// - reading never crashes, and reading the same bytes twice gives the same findings;
// - every finding names the config file and a line and column inside it;
// - what the strict JSON reader accepts as an object, the config reader reads as the same value,
//   both as `nitro.config.json` and as `export default <it>` in `nitro.config.ts` (JSON is a
//   subset of the script syntax);
// - the script reader also reads it wrapped in `defineNitroConfig(…)` with a comment in front.
@testable import NitroBuild
import NitroJSON

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// Lines and their lengths, to check that a location is inside the file.
func checkInside(_ diagnostics: [Diagnostic], _ file: SourceFile) {
    var lengths = [0]
    for byte in file.bytes {
        if byte == 0x0A { lengths.append(0) } else { lengths[lengths.count - 1] += 1 }
    }
    for diagnostic in diagnostics {
        check(!diagnostic.message.isEmpty, "empty message")
        guard let location = diagnostic.location else { continue }
        check(location.path == file.path, "\(diagnostic) names another file than \(file.path)")
        check(location.line >= 1 && location.line <= lengths.count, "\(diagnostic): line outside the file")
        check(
            location.column >= 1 && location.column <= lengths[location.line - 1] + 1,
            "\(diagnostic): column outside line \(location.line) (\(lengths[location.line - 1]) bytes)")
    }
}

func read(_ path: String, _ bytes: [UInt8]) -> ConfigReading {
    let file = SourceFile(path: path, bytes: bytes)
    let reading = ConfigReader.read([file])
    checkInside(reading.diagnostics, file)
    let again = ConfigReader.read([file])
    check(again.diagnostics == reading.diagnostics, "\(path): two reads disagree")
    return reading
}

func value(_ path: String, _ bytes: [UInt8]) -> JSONValue? {
    guard let parsed = try? ConfigReader.parse(SourceFile(path: path, bytes: bytes)) else { return nil }
    return ConfigDecoder.json(parsed)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = read("nitro.config.json", bytes)
    _ = read("nitro.config.ts", bytes)
    let exported = Array("export default ".utf8) + bytes
    _ = read("nitro.config.mjs", exported)

    guard let json = try? JSONReader.parse(bytes), case .object = json else { return 0 }
    let shown = String(decoding: bytes, as: UTF8.self)
    check(value("nitro.config.json", bytes) == json, "the JSON config reader reads \(shown) differently")
    check(value("nitro.config.ts", exported) == json, "the script config reader reads \(shown) differently")
    let wrapped = Array("/* c */ export default defineNitroConfig(".utf8) + bytes + Array(");\n".utf8)
    check(value("nitro.config.ts", wrapped) == json, "defineNitroConfig(\(shown)) reads differently")
    return 0
}
