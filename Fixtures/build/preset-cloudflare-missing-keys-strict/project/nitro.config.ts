export default {
  experimental: { tasks: true },
  preset: "cloudflare_module",
  scheduledTasks: { "0 * * * *": "cleanup" },
};
