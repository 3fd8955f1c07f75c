import { defineNitroConfig } from "nitro/config";

export default defineNitroConfig({
  experimental: { tasks: true },
  srcDir: "src/server",
  scheduledTasks: { "0 9 * * MON": "reports:weekly" },
});
