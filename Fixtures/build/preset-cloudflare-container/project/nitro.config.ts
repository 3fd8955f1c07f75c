import { defineNitroConfig } from "nitro/config";

// The Swift app as a Cloudflare Container behind the Worker nitro build writes.
export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: {
    container: {
      image: "./Dockerfile",
      port: 8080,
      className: "NitroApp",
      maxInstances: 3,
      instanceType: "basic",
      sleepAfter: "5m",
      secretBinding: "NITRO_SCHEDULED_SECRET",
    },
  },
  scheduledTasks: { "0 3 * * MON": "db:cleanup", "*/10 * * * *": "db:cleanup" },
});
