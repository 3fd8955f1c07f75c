import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduler: { timezone: "Europe/Berlin" },
  cloudflare: { wrangler: { name: "platforms", main: "worker/index.js" } },
  scheduledTasks: {
    // 09:00 in Berlin on Mondays: 08:00 UTC in winter, 07:00 in summer. Cloudflare gets one
    // trigger for both hours (MON), Vercel two crons that each fire once a day (1); the app runs
    // the tasks only at the invocation that is 09:00 in Berlin.
    "0 9 * * 1": ["report", "ping"],
    "*/5 * * * *": "ping",
  },
});
