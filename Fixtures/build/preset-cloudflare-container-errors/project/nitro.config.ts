export default {
  experimental: { tasks: true },
  preset: "cloudflare_module",
  cloudflare: {
    container: {
      imag: "./Dockerfile",
      port: 80800,
      className: "nitro-app",
      instanceType: "huge",
      sleepAfter: "soon",
      maxInstances: 0,
    },
  },
  scheduledTasks: { "0 3 * * *": "cleanup" },
};
