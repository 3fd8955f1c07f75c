export default {
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: {
    wrangler: {
      name: "my-worker",
      triggers: { crons: ["*/10 * * * *", "0 0 31 2 *", "0 0 0 * * *"] },
    },
  },
  scheduledTasks: { "0 * * * *": "cleanup" },
};
