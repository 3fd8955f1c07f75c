import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: {
    // The task's own meta.description wins over this one.
    "db:migrate": { description: "Config description (not shown)" },
    // No handler and no file: registered, runs answer 501.
    "db:seed": { description: "Seed the database" },
    // A handler file wins over the scanned cms/update.swift (which is then not registered).
    "cms:update": { handler: "./Sources/App/tasks/cms/update-v2.swift", description: "Update (v2)" },
    // No handler but a scanned file of the same name: the file is the handler.
    "cms:purge": { description: "Purge caches" },
  },
  scheduledTasks: {
    "*/5 * * * *": ["cms:update", "db:migrate"],
    "0 3 * * *": "db:seed",
  },
});
