export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: { 'db:migrate': { description: 'café' } },
});
