export default defineNitroConfig({
  experimental: { tasks: "yes" },
  preset: "vercell",
  tasks: {
    "db:seed": { handler: process.env.SEED_HANDLER },
    "bad name": {},
  },
  scheduledTasks: {
    "* * * * *": ["db:migrat"],
    "0 * * * *": getTasks(),
  },
  scheduler: { timezone: "Mars/Olympus" },
  outputt: { dir: ".out" },
})
