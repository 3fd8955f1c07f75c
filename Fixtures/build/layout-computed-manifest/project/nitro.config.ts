export default {
  experimental: { tasks: true },
  serverDir: "./server",
  srcDir: "app",
};
