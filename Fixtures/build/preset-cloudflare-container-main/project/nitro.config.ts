export default {
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: { container: true },
  scheduledTasks: { "0 3 * * *": "cleanup" },
};
