const config = { preset: "cloudflare_module", tasks: { a: {} } };
export default config;
