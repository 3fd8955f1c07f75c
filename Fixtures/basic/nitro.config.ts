import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: {
    tasks: true,
  },
  tasks: {
    // Registered in the config without a handler yet: running it answers 501.
    "db:seed": {
      description: "Seed the database with demo content",
    },
  },
  scheduledTasks: {
    // Run `cms:update` task every minute
    "* * * * *": ["cms:update"],
    // Run a single task (string shorthand)
    "0 * * * *": "db:cleanup",
  },
});
