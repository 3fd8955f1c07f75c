import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduledTasks: { "0 3 * * *": "db:cleanup" },
});
