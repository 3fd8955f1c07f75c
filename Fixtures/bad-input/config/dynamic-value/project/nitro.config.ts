export default defineNitroConfig({
  experimental: { tasks: true },
  scheduledTasks: process.env.SCHEDULES,
});
