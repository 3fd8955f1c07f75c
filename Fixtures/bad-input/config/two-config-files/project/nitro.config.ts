export default defineNitroConfig({ experimental: { tasks: true } });
