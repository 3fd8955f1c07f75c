import { defineNitroConfig } from "nitro/config";

// Nitro's own test: `"* * * * *": "test"` gives `"triggers": {"crons": ["* * * * *"]}`.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare-module",
  cloudflare: { wrangler: { name: "nitro-expectation", main: "worker/index.js" } },
  scheduledTasks: {
    "* * * * *": "test",
  },
});
