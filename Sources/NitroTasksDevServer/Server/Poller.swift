import NitroTasks
import NitroTasksRoutes
#if canImport(Glibc)
    import CNitroDevServer
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Readiness of many descriptors at once: `epoll` on Linux, `poll` elsewhere.
///
/// Used only by the event loop's thread. Each descriptor is registered with a caller-chosen
/// identifier, which readiness events report back.
final class Poller {
    /// What a descriptor is watched for.
    struct Interest: OptionSet {
        let rawValue: UInt8
        static let read = Interest(rawValue: 1)
        static let write = Interest(rawValue: 2)
    }

    /// One ready descriptor.
    struct Event {
        let id: UInt64
        let readable: Bool
        let writable: Bool
        /// The peer hung up or the socket failed; reading reports the details.
        let failed: Bool
    }

    private let backend: any Backend

    init(usePoll: Bool = false) throws(DevServerError) {
        #if os(Linux)
            backend = usePoll ? PollBackend() : try EpollBackend()
        #else
            backend = PollBackend()
        #endif
    }

    func add(_ fd: Int32, id: UInt64, _ interest: Interest) { backend.add(fd, id: id, interest) }
    func modify(_ fd: Int32, id: UInt64, _ interest: Interest) { backend.modify(fd, id: id, interest) }
    func remove(_ fd: Int32) { backend.remove(fd) }

    /// Waits up to `milliseconds` (-1: forever) and returns the ready descriptors.
    func wait(milliseconds: Int32) -> [Event] { backend.wait(milliseconds: milliseconds) }

    deinit { backend.close() }
}

private protocol Backend {
    func add(_ fd: Int32, id: UInt64, _ interest: Poller.Interest)
    func modify(_ fd: Int32, id: UInt64, _ interest: Poller.Interest)
    func remove(_ fd: Int32)
    func wait(milliseconds: Int32) -> [Poller.Event]
    func close()
}

#if os(Linux)
    private final class EpollBackend: Backend {
        private let epoll: Int32
        private var events = [epoll_event](repeating: epoll_event(), count: 256)

        init() throws(DevServerError) {
            epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
            guard epoll >= 0 else { throw DevServerError.system("epoll_create1", Socket.errorMessage()) }
        }

        private func control(_ operation: Int32, _ fd: Int32, id: UInt64, _ interest: Poller.Interest) {
            var flags: UInt32 = 0
            if interest.contains(.read) { flags |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
            if interest.contains(.write) { flags |= EPOLLOUT.rawValue }
            var event = epoll_event(events: flags, data: epoll_data_t(u64: id))
            _ = epoll_ctl(epoll, operation, fd, &event)
        }

        func add(_ fd: Int32, id: UInt64, _ interest: Poller.Interest) { control(EPOLL_CTL_ADD, fd, id: id, interest) }
        func modify(_ fd: Int32, id: UInt64, _ interest: Poller.Interest) { control(EPOLL_CTL_MOD, fd, id: id, interest) }
        func remove(_ fd: Int32) { _ = epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil) }

        func wait(milliseconds: Int32) -> [Poller.Event] {
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), milliseconds)
            }
            guard count > 0 else { return [] }
            return (0..<Int(count)).map { index in
                let event = events[index]
                let failure = EPOLLERR.rawValue | EPOLLHUP.rawValue | EPOLLRDHUP.rawValue
                return Poller.Event(
                    id: event.data.u64, readable: event.events & EPOLLIN.rawValue != 0,
                    writable: event.events & EPOLLOUT.rawValue != 0, failed: event.events & failure != 0)
            }
        }

        func close() { closeDescriptor(epoll) }
    }
#endif

/// The portable backend: `poll(2)` over every registered descriptor.
private final class PollBackend: Backend {
    private var descriptors: [pollfd] = []
    private var ids: [UInt64] = []
    private var positions: [Int32: Int] = [:]

    private func mask(_ interest: Poller.Interest) -> Int16 {
        var flags: Int16 = 0
        if interest.contains(.read) { flags |= Int16(POLLIN) }
        if interest.contains(.write) { flags |= Int16(POLLOUT) }
        return flags
    }

    func add(_ fd: Int32, id: UInt64, _ interest: Poller.Interest) {
        positions[fd] = descriptors.count
        descriptors.append(pollfd(fd: fd, events: mask(interest), revents: 0))
        ids.append(id)
    }

    func modify(_ fd: Int32, id: UInt64, _ interest: Poller.Interest) {
        guard let position = positions[fd] else { return }
        descriptors[position].events = mask(interest)
        ids[position] = id
    }

    func remove(_ fd: Int32) {
        guard let position = positions.removeValue(forKey: fd) else { return }
        let last = descriptors.count - 1
        if position != last {
            descriptors[position] = descriptors[last]
            ids[position] = ids[last]
            positions[descriptors[position].fd] = position
        }
        descriptors.removeLast()
        ids.removeLast()
    }

    func wait(milliseconds: Int32) -> [Poller.Event] {
        let count = descriptors.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), milliseconds)
        }
        guard count > 0 else { return [] }
        var ready: [Poller.Event] = []
        for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
            let revents = Int32(descriptor.revents)
            ready.append(
                Poller.Event(
                    id: ids[index], readable: revents & Int32(POLLIN) != 0, writable: revents & Int32(POLLOUT) != 0,
                    failed: revents & Int32(POLLERR | POLLHUP | POLLNVAL) != 0))
        }
        return ready
    }

    func close() {}
}

/// Wakes the event loop from another thread: an `eventfd` on Linux, a pipe elsewhere.
final class Waker: Sendable {
    /// The descriptor to watch for reading.
    let fd: Int32
    private let writeFD: Int32

    init() throws(DevServerError) {
        #if os(Linux)
            fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
            guard fd >= 0 else { throw DevServerError.system("eventfd", Socket.errorMessage()) }
            writeFD = fd
        #else
            var pair: [Int32] = [0, 0]
            guard pipe(&pair) == 0 else { throw DevServerError.system("pipe", Socket.errorMessage()) }
            fd = pair[0]
            writeFD = pair[1]
            Socket.setNonBlocking(fd)
            Socket.setNonBlocking(writeFD)
        #endif
    }

    /// Makes the descriptor readable (from any thread).
    func wake() {
        var one: UInt64 = 1
        _ = write(writeFD, &one, 8)
    }

    /// Consumes pending wake-ups (on the loop's thread).
    func drain() {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(fd, &sink, sink.count) > 0 {}
    }

    deinit {
        close(fd)
        if writeFD != fd { close(writeFD) }
    }
}
