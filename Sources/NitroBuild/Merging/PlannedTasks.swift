/// The planned tasks of a registry in plain name order: a task found by the scan is read from
/// its digested file when accessed (``ScannedTasks``), a config task is stored. So the model of
/// 100,000 scanned tasks is 4 bytes per task on top of the digests, not a second copy of every
/// name, description and place (``BuildModel/tasks``).
package struct PlannedTasks: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable, Equatable {
    /// Where each task is: `≥ 0` an index into `scanned`, `< 0` the complement of one into `stored`.
    private var slots: [Int32] = []
    private var stored: [PlannedTask] = []
    private var scanned: ScannedTasks

    /// No tasks yet; scanned ones are appended from `scanned`.
    init(scanned: ScannedTasks) {
        self.scanned = scanned
    }

    package init(_ tasks: some Sequence<PlannedTask>) {
        scanned = ScannedTasks()
        for task in tasks { append(task) }
    }

    package init(arrayLiteral tasks: PlannedTask...) {
        self.init(tasks)
    }

    package var startIndex: Int { slots.startIndex }
    package var endIndex: Int { slots.endIndex }

    package subscript(position: Int) -> PlannedTask {
        let slot = slots[position]
        guard slot >= 0 else { return stored[Int(~slot)] }
        let task = scanned[Int(slot)]
        return PlannedTask(
            name: task.name, description: task.declaration.description?.value, reference: .symbol(task.declaration.symbol),
            origin: task.declaration.location)
    }

    /// The name of the task at `position`, without reading the rest of it.
    package func name(at position: Int) -> String {
        let slot = slots[position]
        return slot >= 0 ? scanned.name(at: Int(slot)) : stored[Int(~slot)].name
    }

    /// Appends a task that is not read from a digest.
    mutating func append(_ task: PlannedTask) {
        slots.append(~Int32(stored.count))
        stored.append(task)
    }

    /// Appends the scanned task at `index` of ``ScannedTasks``.
    mutating func appendScanned(_ index: Int) {
        slots.append(Int32(index))
    }

    mutating func reserveCapacity(_ count: Int) {
        slots.reserveCapacity(count)
    }

    /// Whether a task is named `name` (binary search: the tasks are in plain name order).
    package func contains(named name: String) -> Bool {
        let found = utf8LowerBound(of: name, count: count) { self.name(at: $0) }
        return found < count && self.name(at: found) == name
    }

    package static func == (lhs: PlannedTasks, rhs: PlannedTasks) -> Bool {
        lhs.elementsEqual(rhs)
    }
}
