// A real-world Nitro config: only the keys nitro build reads must be static.
import { defineNitroConfig } from "nitropack/config";
import { resolve } from "node:path";

/* Block comment with { braces } and "quotes" */
export default defineNitroConfig({
  compatibilityDate: "2025-01-01",
  srcDir: "./Sources/App/", // trailing slash and ./ are fine
  experimental: {
    tasks: true,
    asyncContext: true,
  },
  runtimeConfig: {
    apiSecret: process.env.API_SECRET, // dynamic, but nitro build does not read runtimeConfig
    nested: { list: [resolve("x"), ...process.argv] },
  },
  routeRules: {
    "/api/**": { cors: true, headers: { "x-version": `${process.env.VERSION}` } },
  },
  tasks: {
    'cache:warm': {
      description: 'It\'s warm',
    },
  },
  scheduledTasks: {
    // every 15 minutes
    '*/15 * * * *': ['cache:warm',],
    "30 2 * * 1-5": `report`,
  },
  scheduler: { timezone: "Europe/Berlin" },
  hooks: {
    compiled(nitro) { console.log(nitro) },
  },
} satisfies NitroConfig);
