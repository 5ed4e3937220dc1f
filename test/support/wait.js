'use strict';
// Waiting in tests: poll up to a deadline of real time (the machine is loaded;
// never count loop turns), on timers captured before any test fakes them.
const realSetTimeout = global.setTimeout;
const realClearTimeout = global.clearTimeout;
const realHrtime = process.hrtime.bigint;

/** Real milliseconds, whatever a test fakes. */
function sleep(ms) {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/**
 * Yields to I/O until check() (sync or async) holds; gives up after `limitMs`
 * of real time with an error naming `what`: room for a real 1 s reconnect
 * backoff on a loaded machine, and below mocha's timeout so the failure says
 * what never came.
 */
async function until(check, what = 'condition', limitMs = 15000) {
  const deadline = realHrtime() + BigInt(limitMs) * 1000000n;
  for (let i = 0; ; i++) {
    if (await check()) return;
    if (realHrtime() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
    if (i % 50 === 49) await sleep(2);
  }
}

module.exports = { until, sleep, realSetTimeout, realClearTimeout };
