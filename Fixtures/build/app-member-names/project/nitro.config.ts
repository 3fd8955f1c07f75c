import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: {
    // A module named like `TaskRegistry.Schedule`.
    "vendor:sync": { handler: "Schedule.sync", description: "From the Schedule module" },
  },
  scheduledTasks: {
    "0 0 * * *": ["scheduler-enabled", "vendor:sync"],
  },
});
