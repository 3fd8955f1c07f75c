// A helper: files starting with `.` are not tasks.
let hiddenValue = 1
