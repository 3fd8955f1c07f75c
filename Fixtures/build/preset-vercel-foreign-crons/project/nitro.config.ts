import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  scheduledTasks: {
    "@daily": "db:cleanup",
    "0 9 * * MON-FRI": "cms:update",
  },
});
