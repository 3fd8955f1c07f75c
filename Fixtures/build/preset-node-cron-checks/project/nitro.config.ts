import { defineNitroConfig } from "nitro/config";

// Node-like presets run schedules in-process, but every expression is still checked.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "node_server",
  scheduledTasks: {
    "0 0 32 * *": "sync",
    "0 0 ? * MON": "sync",
  },
});
