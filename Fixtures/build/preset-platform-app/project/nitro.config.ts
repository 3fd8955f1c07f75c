import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduler: { timezone: "Asia/Kolkata" },
  cloudflare: { wrangler: { name: "platforms", main: "worker/index.js" } },
  scheduledTasks: {
    // 09:00 in Kolkata on Mondays: 03:30 UTC, written MON for Cloudflare and 1 for Vercel.
    "0 9 * * 1": ["report", "ping"],
    "*/5 * * * *": "ping",
  },
});
