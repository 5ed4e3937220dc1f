'use strict';
// What the setup document tests (client and node) compare of a document.

/** A setup document (readSetup) without what differs between cameras by nature: ids, where and when it was read. */
function comparable(doc) {
  const { source: _s, ...rest } = JSON.parse(JSON.stringify(doc));
  for (const a of rest.areas) delete a.id;
  for (const g of rest.groups || []) delete g.id;
  return rest;
}

module.exports = { comparable };
