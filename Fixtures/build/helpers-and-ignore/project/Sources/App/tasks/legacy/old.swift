// Ignored: no task here, and no error.
let notATask = 1
