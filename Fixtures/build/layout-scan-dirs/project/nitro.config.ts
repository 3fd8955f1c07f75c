export default defineNitroConfig({
  experimental: { tasks: true },
  scanDirs: ["server"],
  scheduledTasks: { "*/15 * * * *": "cache:warm" },
});
