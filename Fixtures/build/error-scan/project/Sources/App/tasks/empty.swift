import NitroTasks

// Forgot the task.
func notYet() {}
