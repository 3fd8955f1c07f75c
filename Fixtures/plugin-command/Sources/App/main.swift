import NitroTasks

// Prints the committed registry's task names, one a line.
for name in TaskRegistry.generated.names { print(name) }
