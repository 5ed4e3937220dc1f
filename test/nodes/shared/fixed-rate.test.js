'use strict';
// The status node's timer: a fixed rate that skips a tick whose call still runs.
const assert = require('node:assert/strict');
const sinon = require('sinon');
const { FixedRate } = require('../../../dist/nodes/shared/fixed-rate');

describe('FixedRate (the status node\'s poll timer)', () => {
  let clock;
  beforeEach(() => { clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }); });
  afterEach(() => clock.restore());

  it('ticks on the grid start + offset + k * interval however long each call takes', async () => {
    const starts = [];
    // Each call takes 400 ms: a timer re-armed after the reply would tick at 1400, 2800...
    const ticker = new FixedRate(1000, () => { starts.push(Date.now()); return new Promise((r) => setTimeout(r, 400)); }, 250);
    ticker.start();
    await clock.tickAsync(3300);
    ticker.stop();
    assert.deepEqual(starts, [250, 1250, 2250, 3250]);
  });

  it('skips a tick whose previous call is still running, and keeps the grid after it', async () => {
    const starts = [];
    let slow = true;
    const ticker = new FixedRate(1000, () => {
      starts.push(Date.now());
      const ms = slow ? 1500 : 10;
      slow = false;
      return new Promise((r) => setTimeout(r, ms));
    });
    ticker.start();
    await clock.tickAsync(3100);
    ticker.stop();
    // 0: a 1.5 s call; 1000: skipped (still running); 2000 and 3000 on the grid.
    assert.deepEqual(starts, [0, 2000, 3000]);
    assert.equal(ticker.skipped, 1);
  });

  it('a call that throws or rejects does not stop the ticks; stop() leaves no timer', async () => {
    let calls = 0;
    const ticker = new FixedRate(500, () => {
      calls++;
      if (calls % 2) throw new Error('sync');
      return Promise.reject(new Error('async'));
    });
    ticker.start();
    await clock.tickAsync(2100);
    assert.equal(calls, 5);
    ticker.stop();
    assert.equal(clock.countTimers(), 0);
  });

  it('a wake-up that comes late does not fire the missed ticks at once', async () => {
    const starts = [];
    const ticker = new FixedRate(1000, async () => { starts.push(Date.now()); });
    ticker.start();
    await clock.tickAsync(0);
    // The machine stood still for 3.5 s (the clock jumps without running the timers in between).
    clock.setSystemTime(Date.now() + 3500);
    await clock.tickAsync(1000);
    await clock.tickAsync(1000);
    ticker.stop();
    assert.equal(starts.length, 3, `one tick per wake-up: ${starts}`);
  });
});
