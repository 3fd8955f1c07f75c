import { defineNitroConfig } from "nitro/config";

// --check covers the platform files: the wrangler.json on disk lacks the new schedule.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: { wrangler: { name: "checked" } },
  scheduledTasks: { "0 * * * *": "sync", "30 6 * * *": "sync" },
});
