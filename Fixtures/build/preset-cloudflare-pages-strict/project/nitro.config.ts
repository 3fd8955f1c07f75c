import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_pages",
  scheduledTasks: { "0 * * * *": "sync" },
});
