// A data race that ThreadSanitizer must report: Tests/Scripts/sanitizers.sh runs it before the
// suite, so that "no report" from the suite means the reports would have been seen. Two threads
// write one variable with nothing ordering the writes, so the race is found however they are
// scheduled.
#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

final class Counter: @unchecked Sendable {
    var value = 0
}

let counter = Counter()
var threads: [pthread_t] = []
for _ in 0..<2 {
    var thread = pthread_t()
    pthread_create(
        &thread, nil,
        { _ in
            counter.value += 1
            return nil
        }, nil)
    threads.append(thread)
}
for thread in threads { pthread_join(thread, nil) }
print(counter.value)
