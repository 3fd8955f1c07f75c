import NitroTasks

private let hidden = defineTask { _ in }
