'use strict';
// Values from another vm realm (what a Node-RED Function node builds) are told
// apart by shape, not by this realm's Object.prototype: plain objects pass
// everywhere user values are read, other objects are refused with their kind named.
const assert = require('node:assert/strict');
const vm = require('vm');
const { isPlainObject, describeType } = require('../../dist/api/values');
const { buildParams, resolveOperation } = require('../../dist/nodes/shared/params');
const { validateParams } = require('../../dist/client/validate');
const { validateRequestParams } = require('../../dist/emulator/validation');
const { NODE_SPECS } = require('../../dist/nodes/shared/node-specs');
const { makeScene } = require('../emulator/scene/support');

/** Evaluate `code` in a fresh realm, as Node-RED runs a Function node. */
const foreign = (code) => vm.runInNewContext(code, { Buffer });
const VERTICES = '[[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]]';

describe('plain objects of any realm (src/api/values)', function () {
  it('a foreign object literal is really of another realm (the premise of every test here)', function () {
    const obj = foreign('({ threshold: 70 })');
    assert.notEqual(Object.getPrototypeOf(obj), Object.prototype);
    assert.ok(!(obj instanceof Object));
  });

  it('takes plain and null-prototype objects of this and other realms', function () {
    for (const value of [
      {},
      { a: 1 },
      Object.create(null),
      foreign('({ a: 1 })'),
      foreign('Object.create(null)'),
      foreign('new Object()'),
      JSON.parse('{"a":1}'),
    ]) {
      assert.equal(isPlainObject(value), true, describeType(value));
    }
  });

  it('refuses arrays, Buffers, Dates, Maps, class instances and other built-ins of any realm', function () {
    const cases = [
      [[1], 'an array'],
      [foreign('[1, 2]'), 'an array'],
      [Buffer.from('x'), 'a Buffer'],
      [foreign('Buffer.from("x")'), 'a Buffer'],
      [new Date(0), 'a Date'],
      [foreign('new Date(0)'), 'a Date'],
      [new Map(), 'a Map'],
      [foreign('new Map()'), 'a Map'],
      [foreign('new Set()'), 'a Set'],
      [foreign('/x/'), 'a RegExp'],
      [foreign('new Uint8Array(2)'), 'a Uint8Array'],
      [foreign('new Error("e")'), 'an Error'],
      [new (class Reading {})(), 'an instance of Reading'],
      [foreign('new (class Reading {})()'), 'an instance of Reading'],
      [Object.create({ inherited: 1 }), 'an object with an unusual prototype'],
      [foreign('Math'), 'a Math'],
      [foreign('(function () { return arguments; })(1)'), 'an Arguments'],
    ];
    for (const [value, words] of cases) {
      assert.equal(isPlainObject(value), false, words);
      assert.equal(describeType(value), words);
    }
  });

  it('refuses a Proxy whose traps throw, without throwing', function () {
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    assert.equal(isPlainObject(hostile), false);
    assert.equal(typeof describeType(hostile), 'string');
  });

  it('names primitives with the right article', function () {
    assert.equal(describeType('x'), 'a string');
    assert.equal(describeType(1), 'a number');
    assert.equal(describeType(true), 'a boolean');
    assert.equal(describeType(1n), 'a bigint');
    assert.equal(describeType(Symbol('s')), 'a symbol');
    assert.equal(
      describeType(() => 1),
      'a function',
    );
    assert.equal(describeType(null), 'null');
    assert.equal(describeType(undefined), 'undefined');
    assert.equal(describeType({}), 'an object');
  });
});

describe('user values of another realm across the package', function () {
  it('nodes: a foreign payload overrides the editor fields, and reaches the field rules', function () {
    const params = buildParams('addArea', { areaName: 'Editor', threshold: '60' }, foreign(`({ name: 'Fn', threshold: 70, vertices: ${VERTICES} })`), {
      name: 'areaName',
    });
    assert.equal(params.name, 'Fn');
    assert.equal(params.threshold, 70);
    const bad = buildParams(
      'addArea',
      {},
      foreign(`({ enabled: true, name: 'x', detectionType: 'above', measurement: 'maximum', threshold: 'hot', delay: 0, vertices: ${VERTICES} })`),
    );
    assert.throws(
      () => validateParams('addArea', bad),
      (e) => e.field === 'threshold' && /"threshold" must be a whole number/.test(e.message),
    );
  });

  it('nodes: a foreign array, Buffer, Date or Map payload is refused naming what it is', function () {
    for (const [code, words] of [
      ['[1]', 'an array'],
      ['Buffer.from("x")', 'a Buffer'],
      ['new Date(0)', 'a Date'],
      ['new Map()', 'a Map'],
    ]) {
      assert.throws(
        () => buildParams('addArea', {}, foreign(code)),
        (e) => e.field === 'payload' && e.message.endsWith(`got ${words}`),
        code,
      );
    }
  });

  it('nodes: msg.operation that is not a string is refused as "an object", not "a object"', function () {
    const ops = NODE_SPECS['thermometry-area'].operations;
    assert.throws(
      () => resolveOperation(ops, 'addArea', foreign('({ name: "add" })')),
      (e) => e.field === 'operation' && /got an object$/.test(e.message),
    );
    assert.equal(resolveOperation(ops, 'addArea', foreign('"list"')), 'listAreas');
  });

  it('client: foreign params pass validation; a foreign Date does not', function () {
    validateParams(
      'addArea',
      foreign(`({ enabled: true, name: 'x', detectionType: 'above', measurement: 'maximum', threshold: 70, delay: 0, vertices: ${VERTICES} })`),
    );
    assert.throws(
      () => validateParams('addArea', foreign('new Date(0)')),
      (e) => e.kind === 'validation' && /got a Date/.test(e.message),
    );
  });

  it('emulator: foreign request params are read; an array is refused', function () {
    const caps = { minTemperature: -40, maxTemperature: 500, maxNumberOfAreas: 10, maxNumberOfVertices: 10, maxDelayTime: 60, maxNameLength: 32, maxGroups: 5 };
    const out = validateRequestParams('removeAreas', foreign('({ areas: [1, 2] })'), '1.2', caps);
    assert.deepEqual(out.areas, [1, 2]);
    assert.throws(
      () => validateRequestParams('removeAreas', foreign('[1]'), '1.2', caps),
      (e) => e.code === 2105,
    );
  });

  it('emulator scene control: a foreign command is run; a non-object is refused naming what it is', function () {
    const { scene } = makeScene();
    const reply = scene.control(foreign("({ action: 'addSource', id: 'fn', temperature: 80, x: 0, y: 0 })"));
    assert.equal(reply.id, 'fn');
    assert.throws(() => scene.control(foreign('[1]')), /control command is an object.*got an array/);
    assert.throws(() => scene.control(null), /got null/);
  });
});
