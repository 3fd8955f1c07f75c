import { defineNitroConfig } from "nitro/config";

// Nitro's own test: `"* * * * *": "test"` gives
// `"crons": [{"path": "/_vercel/cron", "schedule": "* * * * *"}]`.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  scheduledTasks: {
    "* * * * *": "test",
  },
});
