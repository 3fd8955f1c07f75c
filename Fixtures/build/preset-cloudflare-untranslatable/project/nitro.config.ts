import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduler: { timezone: "Europe/Berlin" },
  cloudflare: { wrangler: { name: "berlin" } },
  scheduledTasks: {
    "*/30 * * * * *": "sync",
    "2030-01-01T09:00:00": "sync",
    "0 9 * 1 *": "sync",
  },
});
