'use strict';
// A flow file as a graph: which nodes a message can reach through the wires.
// Used to tell where an inject button's answer may show (the debug nodes its
// wires reach, or those behind a catch node), so that a polling node's output,
// fed by a timer, is not taken for a button's answer.

/** The ids of the nodes of `flow` reachable through wires from `ids` (themselves included). */
function reach(flow, ids) {
  const byId = new Map(flow.map((n) => [n.id, n]));
  const seen = new Set();
  const todo = [...ids];
  while (todo.length) {
    const id = todo.pop();
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    for (const out of byId.get(id).wires || []) todo.push(...out);
  }
  return seen;
}

module.exports = { reach };
