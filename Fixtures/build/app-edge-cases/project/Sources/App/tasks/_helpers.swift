// A helper: not a task.
enum Helpers {
    static let fake = "let notATask = defineTask { _ in }"
}
