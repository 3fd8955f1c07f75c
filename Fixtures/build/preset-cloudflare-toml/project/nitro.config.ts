import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare-module",
  scheduledTasks: {
    "0 * * * *": "db:cleanup",
    "@daily": ["cms:update", "db:cleanup"],
    "0 0 L * *": "db:cleanup",
  },
});
