export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: {
    // A handler outside tasks/, in the same target.
    "jobs:nightly": { handler: "Sources/App/Jobs/Nightly.swift" },
    // A file under tasks/ registered under another name: not registered twice.
    "reports:weekly": { handler: "./Sources/App/tasks/legacy-weekly.swift", description: "Weekly report" },
    // A task another module provides: imported and referenced qualified.
    "vendor:sync": { handler: "VendorTasks.sync", description: "Sync from the vendor" },
  },
  scheduledTasks: { "0 0 * * 0": ["reports:weekly", "vendor:sync"] },
})
