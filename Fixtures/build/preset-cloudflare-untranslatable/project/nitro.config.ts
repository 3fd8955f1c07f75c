import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduler: { timezone: "Europe/Berlin" },
  cloudflare: { wrangler: { name: "berlin" } },
  scheduledTasks: {
    "*/30 * * * * *": "sync",
    "0 9 * * *": "sync",
    "0 9 * 1 *": "sync",
  },
});
