// A helper: files starting with `_` are not tasks.
struct Database {}
