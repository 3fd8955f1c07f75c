import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  vercel: {
    cronHandlerRoute: "/api/cron",
    config: {
      crons: [
        { path: "/api/report", schedule: "0 6 * * 1" },
        // The same job as a schedule below gives: listed once.
        { path: "/api/cron", schedule: "0 0 * * *" },
      ],
    },
  },
  scheduledTasks: {
    "@daily": "db:cleanup",
    "0 9 * * MON-FRI": "cms:update",
  },
});
