import { defineNitroConfig } from "nitro/config";

// The Swift app runs at app.example.com; the Vercel project holds the cron jobs and passes the
// cron route on to the app.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  vercel: { origin: "https://app.example.com", cronHandlerRoute: "/api/cron.v1" },
  scheduledTasks: { "0 3 * * *": "cleanup" },
});
