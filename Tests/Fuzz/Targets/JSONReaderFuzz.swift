// libFuzzer target: the strict JSON reader (payloads of the development server, wrangler and
// Vercel files). Invariants: never crashes; what it accepts, the writer writes back in a form
// that reads to the same value; and compact output reads back identically again (idempotent).
@testable import NitroJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONReader.parse(bytes) else { return 0 }
    let compact = JSONWriter.compact(value)
    guard let again = try? JSONReader.parse(compact) else {
        fatalError("writer output does not read back: \(compact)")
    }
    precondition(again == value, "round trip changed the value: \(compact)")
    precondition(JSONWriter.compact(again) == compact, "writer is not deterministic")
    precondition((try? JSONReader.parse(JSONWriter.pretty(value))) == value, "pretty output does not read back")
    return 0
}
