// Apps that import NitroTasks get the JSON value type that payloads and results use.
@_exported import NitroJSON
