#!/usr/bin/env node
module.exports = { "scheduledTasks": { "@daily": ["a", "a"] }, srcDir: "\u0041\x42\n" };
