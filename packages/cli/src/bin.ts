#!/usr/bin/env node
import { VERSION } from './version.js';

/**
 * Exits as soon as the command is done (no idle keep-alive socket or timer may hold the
 * process), but only once stdout and stderr are flushed: on a pipe, Node writes
 * asynchronously, and exiting earlier cuts a large --json document short.
 */
function exitAfterFlush(code: number): void {
  let pending = 2;
  for (const stream of [process.stdout, process.stderr]) {
    let flushed = false;
    const done = () => {
      if (flushed) return;
      flushed = true;
      if (--pending === 0) process.exit(code);
    };
    // A closed pipe (`vidu ... | head`) must not keep the process alive.
    if (stream.destroyed || stream.writableEnded) done();
    else {
      stream.once('error', done);
      stream.write('', () => done());
    }
  }
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Answered before commander and the commands load: scripts call this often.
  process.stdout.write(`${VERSION}\n`);
  exitAfterFlush(0);
} else {
  import('./program.js')
    .then(({ run }) => run(argv))
    .then(exitAfterFlush, (error: unknown) => {
      process.stderr.write(`vidu: ${error instanceof Error ? error.message : String(error)}\n`);
      exitAfterFlush(1);
    });
}
