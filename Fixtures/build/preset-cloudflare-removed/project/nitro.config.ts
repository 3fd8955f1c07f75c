import { defineNitroConfig } from "nitro/config";

// Every schedule was removed: the triggers must be removed on the next deploy too.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: { wrangler: { name: "removed-worker" } },
  scheduledTasks: {},
});
