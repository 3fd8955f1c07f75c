import { defineNitroConfig } from "nitropack/config";
// comment
export default defineNitroConfig({
  experimental: { tasks: true },
  scheduledTasks: { '* * * * *': ['cms:update'], [`0 ${h} * * *`]: 'x' },
  tasks: { 'db:migrate': { description: "Run" + ' migrations', handler: `./tasks/db.swift` } },
  runtimeConfig: { secret: process.env.SECRET, ...defaults },
  srcDir: 'server', ignore: [/* c */ "a/**",],
  cloudflare: { wrangler: { vars: { A: 1e3, B: -0x1F, C: null, D: undefined } } },
  output: { dir: '.output' } as const,
} satisfies NitroConfig);
