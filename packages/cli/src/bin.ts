#!/usr/bin/env node
import { run } from './program.js';

// Exit as soon as the command is done: no idle keep-alive socket or timer may hold the process.
run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`vidu: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
