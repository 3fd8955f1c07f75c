import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  srcDir: "server",
  tasks: {
    "jobs:sync": { handler: "Jobs.sync", description: "From the Jobs module" },
  },
  scheduledTasks: { "0 * * * *": ["db:migrate", "jobs:sync"] },
});
