'use strict';
// Every example as a person imports it into the Node-RED of a fresh `npm start`
// (which has the starter flow and the dashboard tab deployed already): through
// Import > Examples in Chromium, by the labels that list shows. Each lands on a
// tab of its own with a name that says what it is, asks nothing (no "nodes
// already exist", the dashboard included), and leaves no node the editor calls
// invalid (a red triangle, and "not properly configured" on every later
// deploy) and no two nodes drawn over each other.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { root, requireChromium, spawnStart, openEditorPage } = require('./support');

const MODULE = 'node-red-contrib-axis-thermometry';
const EXAMPLE_FILES = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('the examples imported through Import > Examples into npm start', function () {
  this.timeout(300000);
  let dir;
  let started;
  let browser;
  let page;
  let log = '';

  before(async function () {
    const executablePath = requireChromium(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-examples-'));
    started = await spawnStart(dir);
    assert.match(started.log, /Node-RED editor: /, started.log);
    ({ browser, page } = await openEditorPage(executablePath, started.nodeRedPort, (text) => {
      log += text;
    }));
    await page.waitForFunction(() => window.RED && RED.nodes.node('emulator-camera'), null, { timeout: 60000 });
  });

  after(async function () {
    if (browser) await browser.close();
    if (started) await started.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed' && process.env.THERMO_VERBOSE) console.log(started ? started.log.slice(-2000) : '', log);
    // A failed test may leave the dialog open, or imported nodes on the pointer.
    if (page && (await page.locator('#red-ui-clipboard-dialog-cancel').isVisible())) await page.click('#red-ui-clipboard-dialog-cancel');
    if (page) await page.keyboard.press('Escape');
    // A question Node-RED asked stays up until answered: Cancel.
    if (page) for (const b of await page.locator('.red-ui-notification button', { hasText: 'Cancel' }).all()) await b.click().catch(() => {});
  });

  const examples = '#red-ui-clipboard-dialog-import-tab-examples';

  /** The import dialog on its Examples pane, this package's folder open: the labels it lists for our examples. */
  async function openExamples() {
    await page.click('#red-ui-header-button-sidemenu');
    await page.click('#menu-item-import');
    await page.click('#red-ui-clipboard-dialog-import-tabs a:has-text("Examples")');
    const labels = page.locator(`${examples} .red-ui-treeList-label-text`);
    // The folder stays open from one import to the next.
    const opened = async () => (await labels.allInnerTexts()).length > 4;
    if (!(await opened())) await labels.filter({ hasText: new RegExp(`^${MODULE}$`) }).click();
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 4, `${examples} .red-ui-treeList-label-text`);
    const all = await labels.allInnerTexts();
    return all.slice(all.indexOf(MODULE) + 1);
  }

  it('lists each example by what it shows, not by its file name', async function () {
    const labels = await openExamples();
    await page.click('#red-ui-clipboard-dialog-cancel');
    assert.equal(labels.length, EXAMPLE_FILES.length, `one label per example file: ${labels}`);
    for (const label of labels) {
      assert.ok(!/^thermometry-|\.json$/.test(label) && /\s/.test(label), `"${label}" says what the example shows`);
    }
  });

  for (const file of EXAMPLE_FILES) {
    const label = file.replace(/\.json$/, '');
    it(`"${label}": on a tab of its own, asks nothing, no invalid node, no node over another`, async function () {
      const tabsBefore = await page.evaluate(() => {
        const ids = [];
        RED.nodes.eachWorkspace((w) => ids.push(w.id));
        return ids;
      });
      await openExamples();
      await page.locator(`${examples} .red-ui-treeList-label-text`, { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
      await page.click('#red-ui-clipboard-dialog-ok');
      // Nodes imported onto the current tab follow the pointer until a click drops them.
      const ws = await page.locator('#red-ui-workspace-chart').boundingBox();
      await page.mouse.move(ws.x + 150, ws.y + 100);
      await page.mouse.click(ws.x + 150, ws.y + 100);
      await page.waitForTimeout(700);
      const asked = await page.locator('.red-ui-notification', { hasText: /already exist/ }).count();
      assert.equal(asked, 0, 'Node-RED asked about nodes that already exist');
      const tab = await page.evaluate((before) => {
        let found;
        RED.nodes.eachWorkspace((w) => {
          if (!before.includes(w.id)) found = { id: w.id, label: w.label };
        });
        return found;
      }, tabsBefore);
      assert.ok(tab, 'the example opened a tab of its own');
      assert.ok(!/^Flow \d+$/.test(tab.label), `the tab is named for the example: "${tab.label}"`);
      await page.evaluate((id) => RED.workspaces.show(id), tab.id);
      await page.waitForTimeout(400);
      const nodes = await page.evaluate(
        (z) =>
          RED.nodes.filterNodes({ z }).map((n) => ({
            id: n.id,
            type: n.type,
            name: n.name || '',
            valid: n.valid !== false,
            errors: n.validationErrors || [],
            x: n.x,
            y: n.y,
            w: n.w,
            h: n.h,
          })),
        tab.id,
      );
      assert.ok(nodes.length > 3, `the example's nodes on its tab: ${nodes.length}`);
      const invalid = nodes.filter((n) => !n.valid).map((n) => `${n.type} "${n.name}" (${n.errors.join(', ')})`);
      const configs = await page.evaluate(() => {
        const out = [];
        RED.nodes.eachConfig((c) => {
          if (c.valid === false) out.push(`${c.type} "${c.name || c.id}" (${(c.validationErrors || []).join(', ')})`);
        });
        return out;
      });
      assert.deepEqual([...invalid, ...configs], [], 'nodes the editor marks invalid');
      // Drawn boxes (x, y is a node's centre): no two share a point, with 4 px to spare.
      const overlaps = [];
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i];
          const b = nodes[j];
          if (Math.abs(a.x - b.x) * 2 < a.w + b.w + 8 && Math.abs(a.y - b.y) * 2 < a.h + b.h + 8)
            overlaps.push(`${a.type} "${a.name}" and ${b.type} "${b.name}"`);
        }
      }
      assert.deepEqual(overlaps, [], 'nodes drawn over each other');
    });
  }
});
