import NitroTasks

/// A task another module provides, registered in the config as `VendorTasks.sync`.
public let sync = defineTask(meta: TaskMeta(description: "Vendor's own description")) { _ in
    TaskResult(result: "synced")
}
