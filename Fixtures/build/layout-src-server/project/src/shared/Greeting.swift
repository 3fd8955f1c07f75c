/// A value from another module, used by a task.
public let reportTitle = "weekly report"
