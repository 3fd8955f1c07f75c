export default defineNitroConfig({
  experimental: { tasks: true },
  scheduledTasks: { "* * * * *": ["hello", "hello"] },
  presett: "bun",
})
