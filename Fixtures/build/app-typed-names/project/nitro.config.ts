import { defineNitroConfig } from "nitro/config";

// Config-only tasks (no handler: running them answers 501) whose names test the constants.
export default defineNitroConfig({
  experimental: { tasks: true },
  tasks: {
    "2fa:reset": {},
    "HTTP:ping": {},
    "any": {},
    "await": {},
    "cache-purge": {},
    "cache:purge": {},
    "default": {},
    "description": {},
    "in": {},
    "init": {},
    "is": {},
    "protocol": {},
    "rawValue": {},
    "self": {},
    "Type": {},
    "v1.2": {},
    "v12": {},
    "-": {},
  },
});
