import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: {
    "db:seed": { description: "Seed \"demo\" data\\n (config only)" },
    "jobs:nightly": { handler: "./Sources/App/Jobs/Nightly.swift" },
    "vendor:sync": { handler: "VendorTasks.sync", description: "Sync from the vendor" },
  },
  scheduledTasks: {
    "0 0 * * *": ["db:migrate", "a:b:c:deep", "jobs:nightly"],
    "*/10 * * * *": "vendor:sync",
  },
  scheduler: { timezone: "America/New_York" },
});
