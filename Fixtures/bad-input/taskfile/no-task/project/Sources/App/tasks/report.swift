import NitroTasks

func report() {}
