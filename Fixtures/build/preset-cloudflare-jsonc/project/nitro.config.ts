import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduler: { timezone: "Asia/Kolkata" },
  cloudflare: {
    wrangler: {
      // Wins over wrangler.jsonc; objects merge key by key.
      compatibility_date: "2025-06-01",
      observability: { head_sampling_rate: 0.5 },
      vars: { FROM_CONFIG: "yes" },
    },
  },
  scheduledTasks: {
    "*/15 * * * *": ["cms:update"],
    // 09:00 in Kolkata is 03:30 UTC; Monday as MON (Cloudflare's 1 is Sunday).
    "0 9 * * 1": "reports:weekly",
    "30 3 * * MON": "db:cleanup",
  },
});
