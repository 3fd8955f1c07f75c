// A heap buffer overflow that AddressSanitizer must report: Tests/Scripts/sanitizers.sh runs it
// before the suite, so that "no report" from the suite means the reports would have been seen.
let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
buffer.initialize(repeating: 0, count: 8)
let index = Int(CommandLine.arguments.count) + 7  // 8: one past the end, unknown to the optimizer
buffer[index] = 1
print(buffer[0])
buffer.deallocate()
