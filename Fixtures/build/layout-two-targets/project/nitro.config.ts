import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  preset: "vercel",
  scanDirs: ["server", "worker"],
  tasks: {
    // No handler and no file: registered in the primary target (the first of scanDirs).
    "db:seed": { description: "Seed the database" },
  },
  scheduledTasks: {
    // One schedule naming tasks of both targets: each registry gets its own share.
    "0 3 * * *": ["db:migrate", "queue:drain"],
    "0 4 * * *": "db:vacuum",
  },
});
