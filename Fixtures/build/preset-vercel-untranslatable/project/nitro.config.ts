import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  scheduledTasks: {
    "0 0 1 * MON": "sync",
    "0 0 L * *": "sync",
    "0 12 * * SUN": "sync",
  },
});
