import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  scheduler: { enabled: false },
  scheduledTasks: { "0 * * * *": "sync" },
});
