import NitroTasks

private let hiddenSymbol = defineTask { _ in }
