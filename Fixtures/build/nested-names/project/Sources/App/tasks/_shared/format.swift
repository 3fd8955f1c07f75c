// A helper folder: everything under `_shared/` is a helper.
func format(_ text: String) -> String { text }
